//! The cache tables (`0003_cache.sql` and later), one module per table group. Every write that
//! moves an import forward happens in one transaction together with the bookmark that records
//! it, so a killed process resumes exactly. Rows are keyed by integration id, except the contacts
//! and their counts, which are keyed by the small integers of `keys`.

mod bookmarks;
mod catalog;
mod chats;
mod contacts;
mod keys;
pub(crate) mod queue_days;
mod runs;
mod tickets;

pub use bookmarks::{bookmark, set_bookmark, Bookmark};
pub use catalog::{
    freshchat_catalog, freshdesk_catalog, groups, replace_groups, replace_sources, set_time_zone,
    time_zone,
};
pub use chats::{save_resolution, StoredResolution};
pub(crate) use contacts::KindColumn;
pub use contacts::{
    contacts_between, insert_contact, span, stored_queue, ContactBatch, StoredContact,
};
pub use queue_days::totals as queue_totals;
pub use runs::{add_coverage, complete_run, coverage, last_completed_at, run, start_run, Run};
pub use tickets::{
    conversations_state, count_pending, pending_tickets, save_conversations,
    set_conversations_state, stored_conversations, ticket, upsert_ticket, ConversationsState,
};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// An instant stored as seconds since the Unix epoch.
pub fn utc(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Every table that holds imported data keyed by integration id (`idesk integrations remove --purge`).
const IMPORTED_TABLES: [&str; 10] = [
    "import_runs",
    "import_bookmarks",
    "import_accounts",
    "import_groups",
    "import_ticket_sources",
    "import_tickets",
    "import_conversations",
    "import_chat_resolutions",
    "import_coverage",
    "import_sync_settings",
];

/// Deletes everything imported for an integration; returns the number of contacts removed.
pub fn purge(conn: &Connection, iid: &str) -> rusqlite::Result<u64> {
    let contacts = contacts::count(conn, iid)?;
    for table in IMPORTED_TABLES {
        conn.execute(
            &format!("DELETE FROM {table} WHERE integration_id = ?1"),
            [iid],
        )?;
    }
    if let Some(key) = keys::find(conn, iid)? {
        conn.execute("DELETE FROM import_contacts WHERE key = ?1", [key])?;
        conn.execute("DELETE FROM import_queue_days WHERE key = ?1", [key])?;
        keys::purge(conn, key)?;
    }
    Ok(contacts)
}
