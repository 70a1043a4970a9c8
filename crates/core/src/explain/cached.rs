//! What the cache knows of a ticket: the ticket and its conversations when they were read, the
//! names already stored for its contacts, the import's window and the account's catalog.

use crate::error::CoreResult;
use crate::import::cache::{self, ConversationsState};
use crate::store::Store;
use chrono::{DateTime, Utc};
use idesk_rules::{ContactId, Conversation, ExplainContext, FreshdeskCatalog, Ticket};

/// A cached ticket and its stored conversations.
pub(super) struct CachedTicket {
    pub ticket: Ticket,
    pub conversations: Vec<Conversation>,
    /// Whether the stored conversations are all there are (state `done`, or `none`: the ticket
    /// never changed after its creation).
    pub complete: bool,
}

pub(super) fn ticket(store: &Store, iid: &str, id: u64) -> CoreResult<Option<CachedTicket>> {
    let conn = store.conn();
    let db = |e| store.map_err(e);
    let Some(ticket) = cache::ticket(conn, iid, id).map_err(db)? else {
        return Ok(None);
    };
    let state = cache::conversations_state(conn, iid, id).map_err(db)?;
    let conversations = cache::stored_conversations(conn, iid, id).map_err(db)?;
    Ok(Some(CachedTicket {
        ticket,
        conversations,
        complete: matches!(
            state,
            Some(ConversationsState::Done | ConversationsState::None)
        ),
    }))
}

/// The account's catalog, when an import has read one.
pub(super) fn catalog(store: &Store, iid: &str) -> CoreResult<Option<FreshdeskCatalog>> {
    let conn = store.conn();
    let db = |e| store.map_err(e);
    // The catalog is written together with a run's window: no run, no catalog.
    if cache::run(conn, iid).map_err(db)?.is_none() {
        return Ok(None);
    }
    cache::freshdesk_catalog(conn, iid).map(Some).map_err(db)
}

/// The account's zone as Freshdesk names it, when an import has read it.
pub(super) fn zone_name(store: &Store, iid: &str) -> CoreResult<Option<String>> {
    cache::time_zone(store.conn(), iid).map_err(|e| store.map_err(e))
}

/// The names stored for the ticket's contacts and the start of the imported history.
pub(super) fn context(
    store: &Store,
    iid: &str,
    ticket: &Ticket,
    conversations: &[Conversation],
) -> CoreResult<ExplainContext> {
    let conn = store.conn();
    let db = |e| store.map_err(e);
    let mut context = ExplainContext::default();
    let ids = std::iter::once(ContactId::Ticket(ticket.id))
        .chain(conversations.iter().map(|c| ContactId::Conversation(c.id)));
    for id in ids {
        if let Some(queue) = cache::stored_queue(conn, iid, &id.to_string()).map_err(db)? {
            context.stored.insert(id, queue);
        }
    }
    context.window_start = window_start(store, iid)?;
    Ok(context)
}

/// The earliest instant any run imported from (the coverage's first range, or the run in
/// progress): contacts before it were never stored.
fn window_start(store: &Store, iid: &str) -> CoreResult<Option<DateTime<Utc>>> {
    let conn = store.conn();
    let db = |e| store.map_err(e);
    let covered = cache::coverage(conn, iid).map_err(db)?.first().map(|r| r.0);
    let running = cache::run(conn, iid).map_err(db)?.map(|r| r.since);
    Ok(covered.into_iter().chain(running).min().map(cache::utc))
}
