//! A ticket fetched from Freshdesk now: one `GET /api/v2/tickets/{id}?include=conversations`,
//! plus the conversation pages only when the embed is full (it holds at most ten), and the
//! catalog and zone when no import has read them.

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::pacer::{self, Pacer};
use crate::freshworks::resilient::{snippet, Fetched, Fetcher};
use crate::freshworks::{Auth, FreshworksClient};
use crate::import::freshdesk::{
    parse_conversations, read_conversations, read_groups, read_sources, read_time_zone,
    ConversationsOutcome,
};
use crate::import::{access_denied, unexpected, FRESHDESK_ASSUMED_BUDGET};
use crate::integrations::Integration;
use crate::secret::Secret;
use idesk_rules::{Conversation, FreshdeskCatalog, Group, Ticket};
use serde::Deserialize;

/// `include=conversations` embeds at most this many (the oldest); a full embed may hide more.
pub const EMBEDDED_CONVERSATIONS_MAX: usize = 10;

/// Calls to one account, paced like the import's.
pub(super) fn fetcher(
    client: &FreshworksClient,
    integration: &Integration,
    key: Secret,
) -> Fetcher {
    let pacer = Pacer::new(pacer::minute_from_env(), Some(FRESHDESK_ASSUMED_BUDGET));
    Fetcher::new(
        client.clone(),
        &integration.domain,
        Auth::FreshdeskKey(key),
        pacer,
    )
}

pub(super) fn not_found(id: u64, host: &str) -> CoreError {
    CoreError::new(
        ErrorCode::TicketNotFound,
        format!("ticket {id} is neither in the cache nor found at {host} (deleted for good, archived, or never existed)"),
    )
}

/// The ticket and every conversation it has.
pub(super) async fn ticket(fetcher: &Fetcher, id: u64) -> CoreResult<(Ticket, Vec<Conversation>)> {
    let host = fetcher.host().to_string();
    let f = fetcher
        .get(
            &format!("/api/v2/tickets/{id}?include=conversations"),
            false,
        )
        .await?;
    let what = format!("ticket {id} (GET /tickets/{id})");
    let body = match f.status {
        200..=299 => &f.body,
        404 => return Err(not_found(id, &host)),
        403 => return Err(access_denied(&host, &what, &f.body)),
        status => {
            return Err(unexpected(
                &format!("{host} answered {what} with HTTP {status}"),
                f.body.to_string(),
            ))
        }
    };
    let (ticket, mut conversations) = parse_ticket(&host, &f, body)?;
    if conversations.len() >= EMBEDDED_CONVERSATIONS_MAX {
        // 403/404 here (the ticket is being deleted): the embedded ones are all there is to read.
        if let ConversationsOutcome::Read(all) = read_conversations(fetcher.clone(), id).await? {
            conversations = all;
        }
    }
    Ok((ticket, conversations))
}

fn parse_ticket(
    host: &str,
    f: &Fetched,
    body: &serde_json::Value,
) -> CoreResult<(Ticket, Vec<Conversation>)> {
    let cannot_read = |e: serde_json::Error| {
        unexpected(
            &format!("{host} sent a ticket that cannot be read"),
            format!("{e}: {}", snippet(f.body.to_string().as_bytes())),
        )
    };
    let ticket = Ticket::deserialize(body).map_err(cannot_read)?;
    let conversations = match body.get("conversations") {
        Some(list) => parse_conversations(list).map_err(cannot_read)?,
        None => Vec::new(),
    };
    Ok((ticket, conversations))
}

/// Groups and ticket sources, read as an import's first step reads them.
pub(super) async fn catalog(fetcher: &Fetcher) -> CoreResult<FreshdeskCatalog> {
    let host = fetcher.host().to_string();
    let groups: Vec<Group> = read_groups(fetcher, &host)
        .await?
        .into_iter()
        .filter_map(|(id, name)| {
            Some(Group {
                id: id.parse().ok()?,
                name,
            })
        })
        .collect();
    let sources = read_sources(fetcher, &host).await?;
    Ok(FreshdeskCatalog::new(&groups, &sources))
}

/// The account's zone name (`None` when `/account` is refused).
pub(super) async fn zone_name(fetcher: &Fetcher) -> CoreResult<Option<String>> {
    read_time_zone(fetcher).await
}
