//! Storing what was read: a listed ticket with its contact, and the reply contacts of a ticket.

use super::super::cache::{self, ContactBatch, ConversationsState};
use idesk_rules::{Conversation, FreshdeskDeriver, Ticket};

/// Stores one listed ticket; its contact (and, for a ticket whose conversations are stored and
/// unchanged, its replies) are named now, into `batch`. Returns the contacts added.
pub(super) fn store_ticket(
    tx: &rusqlite::Transaction<'_>,
    batch: &mut ContactBatch<'_>,
    iid: &str,
    deriver: &mut FreshdeskDeriver,
    ticket: &Ticket,
    status: i64,
    since: i64,
) -> rusqlite::Result<u64> {
    let state = cache::upsert_ticket(tx, iid, ticket, status)?;
    let mut added = 0;
    if ticket.created_at.timestamp() >= since {
        let contact = deriver.ticket_contact(ticket);
        let queue = deriver.queues().name(contact.queue).to_string();
        added += batch.insert(&contact, &queue)? as u64;
    }
    if state == ConversationsState::Done {
        // Read by an earlier run and unchanged since: a new window may admit more of its replies.
        let stored = cache::ticket(tx, iid, ticket.id)?.unwrap_or_else(|| ticket.clone());
        for c in cache::stored_conversations(tx, iid, ticket.id)? {
            added += insert_reply(batch, deriver, &stored, &c, since)?;
        }
    }
    Ok(added)
}

pub(super) fn insert_reply(
    batch: &mut ContactBatch<'_>,
    deriver: &mut FreshdeskDeriver,
    ticket: &Ticket,
    conversation: &Conversation,
    since: i64,
) -> rusqlite::Result<u64> {
    if conversation.created_at.timestamp() < since {
        return Ok(0);
    }
    let Some(contact) = deriver.reply_contact(Some(ticket), conversation) else {
        return Ok(0);
    };
    let queue = deriver.queues().name(contact.queue).to_string();
    Ok(batch.insert(&contact, &queue)? as u64)
}
