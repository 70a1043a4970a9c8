//! `import_tickets` and `import_conversations`: Freshdesk tickets as last listed and their
//! conversations, with where each ticket's conversations stand.

use super::utc;
use idesk_rules::{Conversation, Ticket};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};

/// Where a ticket's conversations stand (the `conversations` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationsState {
    /// `updated_at == created_at`: nothing can have been added.
    None,
    Pending,
    Done,
    /// 403/404: queued for deletion or purged.
    Skipped,
}

impl ConversationsState {
    const ALL: [ConversationsState; 4] = [
        ConversationsState::None,
        ConversationsState::Pending,
        ConversationsState::Done,
        ConversationsState::Skipped,
    ];

    /// The column's text (its CHECK constraint lists the same four).
    fn as_str(self) -> &'static str {
        match self {
            ConversationsState::None => "none",
            ConversationsState::Pending => "pending",
            ConversationsState::Done => "done",
            ConversationsState::Skipped => "skipped",
        }
    }
}

impl ToSql for ConversationsState {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for ConversationsState {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| {
                FromSqlError::Other(format!("unknown conversations state {text:?}").into())
            })
    }
}

/// Stores a listed ticket (a later listing wins) and returns where its conversations stand
/// after the write.
pub fn upsert_ticket(
    conn: &Connection,
    iid: &str,
    ticket: &Ticket,
    status: i64,
) -> rusqlite::Result<ConversationsState> {
    let fresh = if ticket.updated_at == ticket.created_at {
        ConversationsState::None
    } else {
        ConversationsState::Pending
    };
    let mut stmt = conn.prepare_cached(
        "INSERT INTO import_tickets (integration_id, id, group_id, source, status, spam, deleted, created_at, updated_at, conversations)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (integration_id, id) DO UPDATE SET group_id = excluded.group_id, source = excluded.source,
           status = excluded.status, spam = excluded.spam, deleted = excluded.deleted,
           created_at = excluded.created_at,
           conversations = CASE WHEN import_tickets.updated_at = excluded.updated_at
                                THEN import_tickets.conversations ELSE excluded.conversations END,
           updated_at = excluded.updated_at
         WHERE excluded.updated_at >= import_tickets.updated_at",
    )?;
    stmt.execute(params![
        iid,
        ticket.id as i64,
        ticket.group_id.map(|g| g as i64),
        ticket.source,
        status,
        ticket.spam,
        ticket.deleted,
        ticket.created_at.timestamp(),
        ticket.updated_at.timestamp(),
        fresh
    ])?;
    conn.query_row(
        "SELECT conversations FROM import_tickets WHERE integration_id = ?1 AND id = ?2",
        params![iid, ticket.id as i64],
        |r| r.get(0),
    )
}

fn ticket_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Ticket> {
    Ok(Ticket {
        id: r.get::<_, i64>(0)? as u64,
        group_id: r.get::<_, Option<i64>>(1)?.map(|g| g as u64),
        source: r.get(2)?,
        spam: r.get(3)?,
        deleted: r.get(4)?,
        created_at: utc(r.get(5)?),
        updated_at: utc(r.get(6)?),
    })
}

const TICKET_COLUMNS: &str = "id, group_id, source, spam, deleted, created_at, updated_at";

pub fn ticket(conn: &Connection, iid: &str, id: u64) -> rusqlite::Result<Option<Ticket>> {
    conn.query_row(
        &format!(
            "SELECT {TICKET_COLUMNS} FROM import_tickets WHERE integration_id = ?1 AND id = ?2"
        ),
        params![iid, id as i64],
        ticket_from_row,
    )
    .optional()
}

/// Tickets whose conversations still have to be read, by id, after `after_id`.
pub fn pending_tickets(
    conn: &Connection,
    iid: &str,
    after_id: u64,
    limit: usize,
) -> rusqlite::Result<Vec<Ticket>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TICKET_COLUMNS} FROM import_tickets
         WHERE integration_id = ?1 AND conversations = ?2 AND id > ?3 ORDER BY id LIMIT ?4"
    ))?;
    let rows = stmt.query_map(
        params![
            iid,
            ConversationsState::Pending,
            after_id as i64,
            limit as i64
        ],
        ticket_from_row,
    )?;
    rows.collect()
}

pub fn count_pending(conn: &Connection, iid: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT COUNT(*) FROM import_tickets WHERE integration_id = ?1 AND conversations = ?2",
        params![iid, ConversationsState::Pending],
        |r| r.get::<_, i64>(0).map(|n| n as u64),
    )
}

pub fn set_conversations_state(
    conn: &Connection,
    iid: &str,
    ticket_id: u64,
    state: ConversationsState,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE import_tickets SET conversations = ?3 WHERE integration_id = ?1 AND id = ?2",
        params![iid, ticket_id as i64, state],
    )?;
    Ok(())
}

pub fn save_conversations(
    conn: &Connection,
    iid: &str,
    conversations: &[Conversation],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO import_conversations (integration_id, id, ticket_id, incoming, private, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (integration_id, id) DO UPDATE SET incoming = excluded.incoming,
           private = excluded.private, source = excluded.source",
    )?;
    for c in conversations {
        stmt.execute(params![
            iid,
            c.id as i64,
            c.ticket_id as i64,
            c.incoming,
            c.private,
            c.source,
            c.created_at.timestamp()
        ])?;
    }
    Ok(())
}

pub fn stored_conversations(
    conn: &Connection,
    iid: &str,
    ticket_id: u64,
) -> rusqlite::Result<Vec<Conversation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, ticket_id, incoming, private, source, created_at FROM import_conversations
         WHERE integration_id = ?1 AND ticket_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![iid, ticket_id as i64], |r| {
        Ok(Conversation {
            id: r.get::<_, i64>(0)? as u64,
            ticket_id: r.get::<_, i64>(1)? as u64,
            incoming: r.get(2)?,
            private: r.get(3)?,
            source: r.get(4)?,
            created_at: utc(r.get(5)?),
        })
    })?;
    rows.collect()
}

/// Where a stored ticket's conversations stand; `None` when the ticket is not stored.
pub fn conversations_state(
    conn: &Connection,
    iid: &str,
    ticket_id: u64,
) -> rusqlite::Result<Option<ConversationsState>> {
    conn.query_row(
        "SELECT conversations FROM import_tickets WHERE integration_id = ?1 AND id = ?2",
        params![iid, ticket_id as i64],
        |r| r.get(0),
    )
    .optional()
}
