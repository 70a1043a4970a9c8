//! `import_runs` and `import_coverage`: the window of the import in progress (or the last one) and
//! the ranges imported so far.

use super::bookmarks;
use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};

/// The import in progress (or the last one) of an integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub since: i64,
    pub until: i64,
    pub completed: bool,
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

/// Starts a new run over `[since, until)`, with no bookmarks yet; called in the transaction that
/// stores its catalog. Contacts already imported stay (their first names stand).
pub fn start_run(conn: &Connection, iid: &str, since: i64, until: i64) -> rusqlite::Result<Run> {
    bookmarks::clear(conn, iid)?;
    conn.execute(
        "INSERT INTO import_runs (integration_id, since, until, started_at, completed_at)
         VALUES (?1, ?2, ?3, ?4, NULL)
         ON CONFLICT (integration_id) DO UPDATE SET since = excluded.since, until = excluded.until,
           started_at = excluded.started_at, completed_at = NULL",
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

/// When the last completed run (initial import or sync) ended, RFC 3339; a run in progress does
/// not clear it.
pub fn last_completed_at(conn: &Connection, iid: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT last_completed_at FROM import_runs WHERE integration_id = ?1",
        [iid],
        |r| r.get(0),
    )
    .optional()
    .map(Option::flatten)
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

/// The imported ranges `[from, to)`, by start.
pub fn coverage(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT from_at, to_at FROM import_coverage WHERE integration_id = ?1 ORDER BY from_at",
    )?;
    let rows = stmt.query_map([iid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
