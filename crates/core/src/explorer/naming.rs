//! The naming form: its options from the cache catalog, and one queue name for a query, named by
//! `idesk_rules`' explorer (which derives a contact built for the case, as the importer would).

use super::types::{
    GroupChoice, NamedQueue, NamingGroup, NamingKind, NamingOptions, NamingQuery, NamingSource,
};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::import::cache;
use crate::integrations::{Integration, Product};
use crate::store::Store;
use idesk_rules::{
    conversation_source_options, name_freshchat_queue, name_freshdesk_queue, ticket_source_options,
    Channel, FreshchatEvent, FreshdeskEvent, GroupPick, QueueNaming, SourceOption,
};

/// The groups, ticket sources and conversation sources the naming form offers for
/// `integration`, from the catalog its last import stored (only the defaults before one).
pub fn naming_options(store: &Store, integration: &Integration) -> CoreResult<NamingOptions> {
    let conn = store.conn();
    let iid = &integration.id;
    let mut groups: Vec<NamingGroup> = cache::groups(conn, iid)
        .map_err(|e| store.map_err(e))?
        .into_iter()
        .map(|(id, name)| NamingGroup { id, name })
        .collect();
    groups.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    let (ticket_sources, conversation_sources) = match integration.product {
        Product::Freshdesk => {
            let catalog = cache::freshdesk_catalog(conn, iid).map_err(|e| store.map_err(e))?;
            (
                sources(ticket_source_options(&catalog)),
                sources(conversation_source_options()),
            )
        }
        Product::Freshchat => (vec![], vec![]),
    };
    Ok(NamingOptions {
        product: integration.product,
        groups,
        ticket_sources,
        conversation_sources,
    })
}

fn sources(options: Vec<SourceOption>) -> Vec<NamingSource> {
    options
        .into_iter()
        .map(|o| NamingSource {
            code: o.code,
            key: o.key,
            custom: o.custom,
        })
        .collect()
}

/// The queue `query` lands in for `integration`'s account, with the rule and decisions behind
/// it. Bad input (a kind of the other product, a missing or needless source, a group id the
/// cache does not list) is refused with its own code.
pub fn name_queue(
    store: &Store,
    integration: &Integration,
    query: &NamingQuery,
) -> CoreResult<NamedQueue> {
    let conn = store.conn();
    let iid = &integration.id;
    let listed = cache::groups(conn, iid).map_err(|e| store.map_err(e))?;
    let named = match integration.product {
        Product::Freshdesk => {
            let event = freshdesk_event(query)?;
            let pick = match &query.group {
                GroupChoice::Group { id } => {
                    let id = freshdesk_group_id(id)?;
                    if !listed.iter().any(|(g, _)| g.parse() == Ok(id)) {
                        return Err(unknown_group(&id.to_string()));
                    }
                    GroupPick::Listed(id)
                }
                GroupChoice::NoGroup => GroupPick::NoGroup,
                GroupChoice::DeletedGroup { id } => GroupPick::Deleted(freshdesk_group_id(id)?),
            };
            let catalog = cache::freshdesk_catalog(conn, iid).map_err(|e| store.map_err(e))?;
            name_freshdesk_queue(&catalog, pick, event)
        }
        Product::Freshchat => {
            let event = freshchat_event(query)?;
            let pick = match &query.group {
                GroupChoice::Group { id } => {
                    if !listed.iter().any(|(g, _)| g == id) {
                        return Err(unknown_group(id));
                    }
                    GroupPick::Listed(id.as_str())
                }
                GroupChoice::NoGroup => GroupPick::NoGroup,
                GroupChoice::DeletedGroup { id } if id.trim().is_empty() => {
                    return Err(invalid_group_id(id, "a Freshchat group id"));
                }
                GroupChoice::DeletedGroup { id } => GroupPick::Deleted(id.as_str()),
            };
            let catalog = cache::freshchat_catalog(conn, iid).map_err(|e| store.map_err(e))?;
            name_freshchat_queue(&catalog, pick, event)
        }
    };
    Ok(named_queue(named))
}

fn freshdesk_event(query: &NamingQuery) -> CoreResult<FreshdeskEvent> {
    let source = || {
        query.source.ok_or_else(|| {
            CoreError::new(
                ErrorCode::NamingSourceMissing,
                "a new ticket or a reply needs a source code",
            )
        })
    };
    Ok(match query.kind {
        NamingKind::NewTicket => FreshdeskEvent::NewTicket { source: source()? },
        NamingKind::Reply => FreshdeskEvent::Reply { source: source()? },
        // Their queue does not depend on the source: any given is ignored.
        NamingKind::SpamOrDeletedTicket => FreshdeskEvent::SpamOrDeletedTicket,
        NamingKind::SpamOrDeletedReply => FreshdeskEvent::SpamOrDeletedReply,
        NamingKind::ChatResolved | NamingKind::ChatDeletedOrSpam => {
            return Err(wrong_product(query.kind, Product::Freshdesk))
        }
    })
}

fn freshchat_event(query: &NamingQuery) -> CoreResult<FreshchatEvent> {
    let event = match query.kind {
        NamingKind::ChatResolved => FreshchatEvent::Resolved,
        NamingKind::ChatDeletedOrSpam => FreshchatEvent::DeletedOrSpam,
        kind => return Err(wrong_product(kind, Product::Freshchat)),
    };
    if let Some(code) = query.source {
        return Err(CoreError::new(
            ErrorCode::NamingSourceNotApplicable,
            format!("a chat's queue has no source; source {code} cannot be used"),
        ));
    }
    Ok(event)
}

fn freshdesk_group_id(id: &str) -> CoreResult<u64> {
    id.trim()
        .parse()
        .map_err(|_| invalid_group_id(id, "a Freshdesk group id (a number)"))
}

fn invalid_group_id(id: &str, what: &str) -> CoreError {
    CoreError::new(
        ErrorCode::NamingGroupIdInvalid,
        format!("{id:?} is not {what}"),
    )
}

fn unknown_group(id: &str) -> CoreError {
    CoreError::new(
        ErrorCode::NamingUnknownGroup,
        format!("the imported groups of this integration have no group {id:?}"),
    )
}

fn wrong_product(kind: NamingKind, product: Product) -> CoreError {
    let kind = serde_json::to_value(kind).unwrap_or_default();
    CoreError::new(
        ErrorCode::NamingKindWrongProduct,
        format!(
            "{kind} is not a kind of contact of a {} integration",
            product.as_str()
        ),
    )
}

fn named_queue(named: QueueNaming) -> NamedQueue {
    NamedQueue {
        channel: channel_name(named.kind.channel()).to_owned(),
        rule: named.rule.into(),
        decisions: named.decisions.iter().map(|d| (*d).to_owned()).collect(),
        irrelevant: named.irrelevant,
        name: named.name,
    }
}

/// The WFM channel as the explorer's types spell it.
pub(super) fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Cases => "cases",
        Channel::Chat => "chat",
    }
}
