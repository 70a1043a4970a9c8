//! `import_bookmarks`: one per pass (Freshdesk: default, spam, deleted; Freshchat: resolved),
//! written in the transaction that stores the rows of the page or day it follows.

use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bookmark {
    pub updated_since: i64,
    pub next_page: u64,
    pub done: bool,
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
    // Cached: every page of an import writes it.
    conn.prepare_cached(
        "INSERT INTO import_bookmarks (integration_id, pass, updated_since, next_page, done)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (integration_id, pass) DO UPDATE SET updated_since = excluded.updated_since,
           next_page = excluded.next_page, done = excluded.done",
    )?
    .execute(params![
        iid,
        pass,
        bookmark.updated_since,
        bookmark.next_page as i64,
        bookmark.done
    ])?;
    Ok(())
}

/// Forgets every bookmark of an integration (a new run starts from its window's start).
pub(super) fn clear(conn: &Connection, iid: &str) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM import_bookmarks WHERE integration_id = ?1",
        [iid],
    )?;
    Ok(())
}
