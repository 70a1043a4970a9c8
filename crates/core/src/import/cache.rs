//! The cache tables of `0003_cache.sql`: every write that moves an import forward happens in one
//! transaction together with the bookmark that records it, so a killed process resumes exactly.

use chrono::{DateTime, Utc};
use idesk_rules::{
    ChatGroup, Contact, ContactKind, Conversation, FreshchatCatalog, FreshdeskCatalog, Group,
    Ticket, TicketSourceChoice,
};
use rusqlite::{params, Connection, OptionalExtension};

/// The import in progress (or the last one) of an integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub since: i64,
    pub until: i64,
    pub completed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bookmark {
    pub updated_since: i64,
    pub next_page: u64,
    pub done: bool,
}

/// Where a ticket's conversations stand.
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
    fn as_str(self) -> &'static str {
        match self {
            ConversationsState::None => "none",
            ConversationsState::Pending => "pending",
            ConversationsState::Done => "done",
            ConversationsState::Skipped => "skipped",
        }
    }
}

pub fn kind_str(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Ticket => "ticket",
        ContactKind::Reply => "reply",
        ContactKind::Chat => "chat",
    }
}

pub fn kind_from_str(s: &str) -> ContactKind {
    match s {
        "ticket" => ContactKind::Ticket,
        "reply" => ContactKind::Reply,
        _ => ContactKind::Chat,
    }
}

pub fn run(conn: &Connection, iid: &str) -> rusqlite::Result<Option<Run>> {
    conn.query_row(
        "SELECT since, until, completed_at IS NOT NULL FROM import_runs WHERE integration_id = ?1",
        [iid],
        |r| {
            Ok(Run {
                since: r.get(0)?,
                until: r.get(1)?,
                completed: r.get(2)?,
            })
        },
    )
    .optional()
}

/// Starts a new run over `[since, until)`, with no bookmarks yet, in the transaction that stores
/// its catalog (so `catalog_done` is always 1). Contacts already imported stay (their first names
/// stand).
pub fn start_run(conn: &Connection, iid: &str, since: i64, until: i64) -> rusqlite::Result<Run> {
    conn.execute(
        "DELETE FROM import_bookmarks WHERE integration_id = ?1",
        [iid],
    )?;
    conn.execute(
        "INSERT INTO import_runs (integration_id, since, until, catalog_done, started_at, completed_at)
         VALUES (?1, ?2, ?3, 1, ?4, NULL)
         ON CONFLICT (integration_id) DO UPDATE SET since = excluded.since, until = excluded.until,
           catalog_done = 1, started_at = excluded.started_at, completed_at = NULL",
        params![iid, since, until, Utc::now().to_rfc3339()],
    )?;
    Ok(Run {
        since,
        until,
        completed: false,
    })
}

/// Marks the run complete and its window imported.
pub fn complete_run(conn: &Connection, iid: &str, run: &Run) -> rusqlite::Result<()> {
    add_coverage(conn, iid, run.since, run.until)?;
    conn.execute(
        "UPDATE import_runs SET completed_at = ?2, last_completed_at = ?2 WHERE integration_id = ?1",
        params![iid, Utc::now().to_rfc3339()],
    )?;
    Ok(())
}

pub fn add_coverage(conn: &Connection, iid: &str, from: i64, to: i64) -> rusqlite::Result<()> {
    if from < to {
        conn.execute(
            "INSERT INTO import_coverage (integration_id, from_at, to_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![iid, from, to],
        )?;
    }
    Ok(())
}

pub fn coverage(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT from_at, to_at FROM import_coverage WHERE integration_id = ?1 ORDER BY from_at",
    )?;
    let rows = stmt.query_map([iid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

pub fn bookmark(conn: &Connection, iid: &str, pass: &str) -> rusqlite::Result<Option<Bookmark>> {
    conn.query_row(
        "SELECT updated_since, next_page, done FROM import_bookmarks WHERE integration_id = ?1 AND pass = ?2",
        [iid, pass],
        |r| {
            Ok(Bookmark {
                updated_since: r.get(0)?,
                next_page: r.get::<_, i64>(1)? as u64,
                done: r.get(2)?,
            })
        },
    )
    .optional()
}

pub fn set_bookmark(
    conn: &Connection,
    iid: &str,
    pass: &str,
    bookmark: &Bookmark,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO import_bookmarks (integration_id, pass, updated_since, next_page, done)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (integration_id, pass) DO UPDATE SET updated_since = excluded.updated_since,
           next_page = excluded.next_page, done = excluded.done",
        params![
            iid,
            pass,
            bookmark.updated_since,
            bookmark.next_page as i64,
            bookmark.done
        ],
    )?;
    Ok(())
}

pub fn set_time_zone(conn: &Connection, iid: &str, zone: Option<&str>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO import_accounts (integration_id, time_zone) VALUES (?1, ?2)
         ON CONFLICT (integration_id) DO UPDATE SET time_zone = excluded.time_zone",
        params![iid, zone],
    )?;
    Ok(())
}

pub fn time_zone(conn: &Connection, iid: &str) -> rusqlite::Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT time_zone FROM import_accounts WHERE integration_id = ?1",
            [iid],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Replaces the groups list (a group gone from it was deleted: its tickets name `Group <id>`).
pub fn replace_groups(
    conn: &Connection,
    iid: &str,
    groups: &[(String, String)],
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM import_groups WHERE integration_id = ?1", [iid])?;
    let mut stmt = conn.prepare(
        "INSERT INTO import_groups (integration_id, id, name) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?;
    for (id, name) in groups {
        stmt.execute(params![iid, id, name])?;
    }
    Ok(())
}

pub fn replace_sources(
    conn: &Connection,
    iid: &str,
    sources: &[TicketSourceChoice],
) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM import_ticket_sources WHERE integration_id = ?1",
        [iid],
    )?;
    let mut stmt = conn.prepare(
        "INSERT INTO import_ticket_sources (integration_id, code, name) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?;
    for s in sources {
        stmt.execute(params![iid, s.code, s.name])?;
    }
    Ok(())
}

fn groups(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT id, name FROM import_groups WHERE integration_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([iid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

pub fn freshdesk_catalog(conn: &Connection, iid: &str) -> rusqlite::Result<FreshdeskCatalog> {
    let groups: Vec<Group> = groups(conn, iid)?
        .into_iter()
        .filter_map(|(id, name)| {
            Some(Group {
                id: id.parse().ok()?,
                name,
            })
        })
        .collect();
    let mut stmt = conn.prepare(
        "SELECT code, name FROM import_ticket_sources WHERE integration_id = ?1 ORDER BY code",
    )?;
    let sources = stmt
        .query_map([iid], |r| {
            Ok(TicketSourceChoice {
                code: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(FreshdeskCatalog::new(&groups, &sources))
}

pub fn freshchat_catalog(conn: &Connection, iid: &str) -> rusqlite::Result<FreshchatCatalog> {
    let groups: Vec<ChatGroup> = groups(conn, iid)?
        .into_iter()
        .map(|(id, name)| ChatGroup { id, name })
        .collect();
    Ok(FreshchatCatalog::new(&groups))
}

/// Inserts a contact unless its identity is known: the first name stands.
pub fn insert_contact(
    conn: &Connection,
    iid: &str,
    contact: &Contact,
    queue: &str,
) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO import_contacts (integration_id, contact_id, kind, queue, at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO NOTHING",
    )?;
    let (kind, at) = (kind_str(contact.kind), contact.at.timestamp());
    let added = stmt.execute(params![iid, contact.id.to_string(), kind, queue, at])? == 1;
    if added {
        super::queue_days::count(conn, iid, queue, kind, at)?;
    }
    Ok(added)
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
        fresh.as_str()
    ])?;
    let state: String = conn.query_row(
        "SELECT conversations FROM import_tickets WHERE integration_id = ?1 AND id = ?2",
        params![iid, ticket.id as i64],
        |r| r.get(0),
    )?;
    Ok(match state.as_str() {
        "none" => ConversationsState::None,
        "done" => ConversationsState::Done,
        "skipped" => ConversationsState::Skipped,
        _ => ConversationsState::Pending,
    })
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
         WHERE integration_id = ?1 AND conversations = 'pending' AND id > ?2 ORDER BY id LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![iid, after_id as i64, limit as i64], ticket_from_row)?;
    rows.collect()
}

pub fn count_pending(conn: &Connection, iid: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT COUNT(*) FROM import_tickets WHERE integration_id = ?1 AND conversations = 'pending'",
        [iid],
        |r| r.get::<_, i64>(0).map(|n| n as u64),
    )
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

pub fn set_conversations_state(
    conn: &Connection,
    iid: &str,
    ticket_id: u64,
    state: ConversationsState,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE import_tickets SET conversations = ?3 WHERE integration_id = ?1 AND id = ?2",
        params![iid, ticket_id as i64, state.as_str()],
    )?;
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

/// One `Conversation-Resolved` row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResolution {
    pub conversation_id: String,
    pub resolved_ms: i64,
    pub interaction_id: Option<String>,
    pub group_id: Option<String>,
    pub group_name: Option<String>,
    pub channel_id: Option<String>,
}

pub fn save_resolution(conn: &Connection, iid: &str, r: &StoredResolution) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO import_chat_resolutions (integration_id, conversation_id, resolved_ms, interaction_id, group_id, group_name, channel_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
    )?;
    stmt.execute(params![
        iid,
        r.conversation_id,
        r.resolved_ms,
        r.interaction_id,
        r.group_id,
        r.group_name,
        r.channel_id
    ])?;
    Ok(())
}

/// A stored contact, for reports and tests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoredContact {
    pub contact_id: String,
    pub kind: String,
    pub queue: String,
    pub at: i64,
}

/// Every contact of an integration with `from <= at < to`.
pub fn contacts_between(
    conn: &Connection,
    iid: &str,
    from: i64,
    to: i64,
) -> rusqlite::Result<Vec<StoredContact>> {
    let mut stmt = conn.prepare(
        "SELECT contact_id, kind, queue, at FROM import_contacts
         WHERE integration_id = ?1 AND at >= ?2 AND at < ?3",
    )?;
    let rows = stmt.query_map(params![iid, from, to], |r| {
        Ok(StoredContact {
            contact_id: r.get(0)?,
            kind: r.get(1)?,
            queue: r.get(2)?,
            at: r.get(3)?,
        })
    })?;
    rows.collect()
}

pub fn utc(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Every table that holds imported data, keyed by integration id (`idesk integrations remove --purge`).
const IMPORTED_TABLES: [&str; 12] = [
    "import_runs",
    "import_bookmarks",
    "import_accounts",
    "import_groups",
    "import_ticket_sources",
    "import_tickets",
    "import_conversations",
    "import_chat_resolutions",
    "import_contacts",
    "import_queue_days",
    "import_coverage",
    "import_sync_settings",
];

/// Deletes everything imported for an integration; returns the number of contacts removed.
pub fn purge(conn: &Connection, iid: &str) -> rusqlite::Result<u64> {
    let contacts: u64 = conn.query_row(
        "SELECT COUNT(*) FROM import_contacts WHERE integration_id = ?1",
        [iid],
        |r| r.get(0),
    )?;
    for table in IMPORTED_TABLES {
        conn.execute(
            &format!("DELETE FROM {table} WHERE integration_id = ?1"),
            [iid],
        )?;
    }
    Ok(contacts)
}
