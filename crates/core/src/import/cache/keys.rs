//! `import_keys` and `import_queues` (migration 0010): the small integers that key the contacts
//! and their per-block counts in place of the integration id and the queue name, which every row
//! and index entry repeated.

use super::KindColumn;
use idesk_rules::ContactKind;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// The key of an integration that has imported data.
pub(crate) fn find(conn: &Connection, iid: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT key FROM import_keys WHERE integration_id = ?1")?
        .query_row([iid], |r| r.get(0))
        .optional()
}

/// The key of an integration, made on its first contact.
pub(crate) fn find_or_add(conn: &Connection, iid: &str) -> rusqlite::Result<i64> {
    if let Some(key) = find(conn, iid)? {
        return Ok(key);
    }
    conn.prepare_cached("INSERT INTO import_keys (integration_id) VALUES (?1)")?
        .execute([iid])?;
    Ok(conn.last_insert_rowid())
}

/// The id of an integration's queue, if it has one by that name.
pub(crate) fn find_queue(conn: &Connection, key: i64, name: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM import_queues WHERE key = ?1 AND name = ?2")?
        .query_row(params![key, name], |r| r.get(0))
        .optional()
}

/// Adds a queue; its name must be new to the integration.
pub(crate) fn add_queue(
    conn: &Connection,
    key: i64,
    name: &str,
    kind: ContactKind,
) -> rusqlite::Result<i64> {
    conn.prepare_cached("INSERT INTO import_queues (key, name, kind) VALUES (?1, ?2, ?3)")?
        .execute(params![key, name, KindColumn(kind)])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn remove_queue(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM import_queues WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// An integration's queues by id: (name, kind).
pub(crate) fn queue_names(
    conn: &Connection,
    key: i64,
) -> rusqlite::Result<HashMap<i64, (String, ContactKind)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, kind FROM import_queues WHERE key = ?1")?;
    let rows = stmt.query_map([key], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get::<_, KindColumn>(2)?.0)))
    })?;
    rows.collect()
}

/// Deletes an integration's key and queues (the rows they key are deleted first).
pub(super) fn purge(conn: &Connection, key: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM import_queues WHERE key = ?1", [key])?;
    conn.execute("DELETE FROM import_keys WHERE key = ?1", [key])?;
    Ok(())
}
