//! Reconcile per ticket (issue 14, "Reconcile per ticket" in docs/product.md): why one Freshdesk
//! ticket became N contacts in M queues. For the ticket and each conversation, oldest first: the
//! contact it counts as (queue, the rule of its pattern, the decisions that shaped the name, its
//! interval in the account's zone, whether the cache holds it) or why it does not count.
//!
//! - [`cached`]: the ticket from the cache, when its conversations were all read.
//! - [`live`]: otherwise one call to Freshdesk (`include=conversations`), paging the
//!   conversations only when the embed is full.
//! - [`timeline`]: the rules' explanation (`idesk_rules::explain_ticket`) as [`TicketTimeline`].
//!
//! Names come from the rules engine; a contact already in the cache shows the name it was stored
//! under (the first name stands), so the timeline matches the queue report.

mod cached;
mod live;
mod timeline;
mod types;

pub use live::EMBEDDED_CONVERSATIONS_MAX;
pub use timeline::INTERVAL;
pub use types::{
    ContactRule, CountedContact, NotCountedWhy, TicketTimeline, TimelineEntry, TimelineOrigin,
};

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::FreshworksClient;
use crate::integrations::{Integration, Product};
use crate::keychain::{self, SecretKind};
use crate::store::Store;
use chrono_tz::Tz;
use idesk_rules::{freshdesk_time_zone, Conversation, FreshdeskCatalog, Ticket};

/// The timeline of ticket `ticket` of the integration with this id: from the cache when it holds
/// the ticket with all its conversations, else fetched live (the API key from the keychain).
///
/// Errors: `ticket_not_found` when the ticket is neither cached nor found at Freshdesk;
/// `explain_freshdesk_only` for a Freshchat integration; `unknown_time_zone` when the account's
/// zone cannot be told; the import's errors for a live call that fails.
pub async fn explain_ticket(
    store: &Store,
    client: &FreshworksClient,
    integration_id: &str,
    ticket: u64,
) -> CoreResult<TicketTimeline> {
    let integration = store.find_integration(integration_id)?;
    if integration.product != Product::Freshdesk {
        return Err(CoreError::new(
            ErrorCode::ExplainFreshdeskOnly,
            format!(
                "{} is a Freshchat integration: ticket timelines are for Freshdesk tickets (a chat is one contact per resolution)",
                integration.name
            ),
        ));
    }
    let iid = integration.id.as_str();
    let found = match cached::ticket(store, iid, ticket)? {
        Some(c) if c.complete => Found::cached(store, iid, c.ticket, c.conversations)?,
        partly => match Found::live(store, client, &integration, ticket).await {
            Ok(found) => found,
            // Gone at the source since the import read it: what the cache holds is all there is.
            Err(e) if e.code == ErrorCode::TicketNotFound && partly.is_some() => {
                let c = partly.expect("checked");
                Found::cached(store, iid, c.ticket, c.conversations)?
            }
            Err(e) => return Err(e),
        },
    };
    let context = cached::context(store, iid, &found.ticket, &found.conversations)?;
    let explanation = idesk_rules::explain_ticket(
        &found.catalog,
        &found.ticket,
        &found.conversations,
        &context,
    );
    tracing::info!(integration = iid, ticket, origin = ?found.origin, entries = explanation.entries.len(), "ticket explained");
    Ok(timeline::build(timeline::Parts {
        integration: &integration.name,
        ticket: &found.ticket,
        origin: found.origin,
        zone: found.zone,
        explanation,
    }))
}

/// Everything the explanation is made from.
struct Found {
    origin: TimelineOrigin,
    ticket: Ticket,
    conversations: Vec<Conversation>,
    catalog: FreshdeskCatalog,
    zone: Tz,
}

impl Found {
    fn cached(
        store: &Store,
        iid: &str,
        ticket: Ticket,
        conversations: Vec<Conversation>,
    ) -> CoreResult<Found> {
        Ok(Found {
            origin: TimelineOrigin::Cache,
            ticket,
            conversations,
            catalog: cached::catalog(store, iid)?.unwrap_or_default(),
            zone: zone(cached::zone_name(store, iid)?)?,
        })
    }

    async fn live(
        store: &Store,
        client: &FreshworksClient,
        integration: &Integration,
        id: u64,
    ) -> CoreResult<Found> {
        let key = keychain::load(&integration.id, SecretKind::ApiKey)?;
        let fetcher = live::fetcher(client, integration, key);
        let (ticket, conversations) = live::ticket(&fetcher, id).await?;
        let catalog = match cached::catalog(store, &integration.id)? {
            Some(catalog) => catalog,
            None => live::catalog(&fetcher).await?,
        };
        let zone_name = match cached::zone_name(store, &integration.id)? {
            Some(name) => Some(name),
            None => live::zone_name(&fetcher).await?,
        };
        Ok(Found {
            origin: TimelineOrigin::Live,
            ticket,
            conversations,
            catalog,
            zone: zone(zone_name)?,
        })
    }
}

/// The account's zone from its Freshdesk (Rails) name; never a silent UTC.
fn zone(name: Option<String>) -> CoreResult<Tz> {
    let name = name.ok_or_else(|| {
        CoreError::new(
            ErrorCode::UnknownTimeZone,
            "the account's time zone is not known: the import could not read it (GET /account refused); an Account Administrator's key can",
        )
    })?;
    freshdesk_time_zone(&name).map_err(|e| {
        CoreError::new(
            ErrorCode::UnknownTimeZone,
            format!("the account's time zone: {e}"),
        )
    })
}
