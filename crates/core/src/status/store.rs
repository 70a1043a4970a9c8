//! The status tables of `0008_status.sql` and the cache reads the status needs. Every function
//! takes a connection; the caller maps errors.

use super::rate::MinuteSample;
use super::rules::{RateSample, RunFailure, Runs};
use crate::import::cache::queue_days;
use idesk_rules::BLOCK_SECONDS;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

const HOUR_SECONDS: i64 = 3_600;
const DAY_SECONDS: i64 = 86_400;

/// Ends of runs kept per integration (enough for any streak the rules read).
const KEPT_RUNS: i64 = 200;
/// Rate-limit minutes kept: a day.
const KEPT_RATE_MINUTES: i64 = 24 * 60;

pub fn insert_run(
    conn: &Connection,
    iid: &str,
    import: bool,
    at: i64,
    failure: Option<(&str, &str)>,
    new_contacts: Option<u64>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO status_runs (integration_id, stage, at, ok, code, message, new_contacts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            iid,
            if import { "import" } else { "sync" },
            at,
            failure.is_none(),
            failure.map(|f| f.0),
            failure.map(|f| f.1),
            new_contacts.map(|n| n as i64)
        ],
    )?;
    conn.execute(
        "DELETE FROM status_runs WHERE integration_id = ?1 AND rowid NOT IN
           (SELECT rowid FROM status_runs WHERE integration_id = ?1 ORDER BY at DESC, rowid DESC LIMIT ?2)",
        params![iid, KEPT_RUNS],
    )?;
    Ok(())
}

/// The runs since the last success; `last_completed` (the cache's) counts as a success too.
pub fn runs(conn: &Connection, iid: &str, last_completed: Option<i64>) -> rusqlite::Result<Runs> {
    let mut stmt = conn.prepare(
        "SELECT stage, at, ok, code, message FROM status_runs WHERE integration_id = ?1
         ORDER BY at DESC, rowid DESC",
    )?;
    let mut rows = stmt.query([iid])?;
    let mut runs = Runs {
        last_success: last_completed,
        ..Runs::default()
    };
    while let Some(row) = rows.next()? {
        let at: i64 = row.get(1)?;
        if row.get::<_, bool>(2)? || last_completed.is_some_and(|done| done > at) {
            runs.last_success = runs.last_success.max(Some(at));
            break;
        }
        runs.failures_in_a_row += 1;
        runs.first_failure_at = Some(at);
        if runs.last_failure.is_none() {
            runs.last_failure = Some(RunFailure {
                import: row.get::<_, String>(0)? == "import",
                at,
                code: row.get::<_, Option<String>>(3)?.unwrap_or_default(),
                message: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
            });
        }
    }
    Ok(runs)
}

/// The state changes, newest first: (state, reason, at).
pub fn transitions(
    conn: &Connection,
    iid: &str,
    limit: u32,
) -> rusqlite::Result<Vec<(String, Option<String>, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT state, reason, at FROM status_transitions WHERE integration_id = ?1
         ORDER BY at DESC, rowid DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![iid, limit], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    rows.collect()
}

pub fn insert_transition(
    conn: &Connection,
    iid: &str,
    state: &str,
    reason: Option<&str>,
    at: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO status_transitions (integration_id, state, reason, at) VALUES (?1, ?2, ?3, ?4)",
        params![iid, state, reason, at],
    )?;
    Ok(())
}

/// Adds a run's minutes (credits add up, the later headers win).
pub fn insert_rate_minutes(
    conn: &Connection,
    iid: &str,
    samples: &[MinuteSample],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO status_rate_minutes (integration_id, minute, remaining, total, used, ours, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (integration_id, minute) DO UPDATE SET
           remaining = CASE WHEN excluded.at >= at THEN excluded.remaining ELSE remaining END,
           total = CASE WHEN excluded.at >= at THEN excluded.total ELSE total END,
           at = max(at, excluded.at),
           used = max(used, excluded.used),
           ours = ours + excluded.ours",
    )?;
    for s in samples {
        stmt.execute(params![
            iid,
            s.minute,
            s.remaining as i64,
            s.total as i64,
            s.used as i64,
            s.ours as i64,
            s.at
        ])?;
    }
    if let Some(last) = samples.last() {
        conn.execute(
            "DELETE FROM status_rate_minutes WHERE integration_id = ?1 AND minute < ?2",
            params![iid, last.minute - KEPT_RATE_MINUTES],
        )?;
    }
    Ok(())
}

/// Rate-limit minutes from `from_minute` on, oldest first.
pub fn rate_minutes(
    conn: &Connection,
    iid: &str,
    from_minute: i64,
) -> rusqlite::Result<Vec<MinuteSample>> {
    let mut stmt = conn.prepare(
        "SELECT minute, remaining, total, used, ours, at FROM status_rate_minutes
         WHERE integration_id = ?1 AND minute >= ?2 ORDER BY minute",
    )?;
    let rows = stmt.query_map(params![iid, from_minute], |r| {
        Ok(MinuteSample {
            minute: r.get(0)?,
            remaining: r.get::<_, i64>(1)? as u64,
            total: r.get::<_, i64>(2)? as u64,
            used: r.get::<_, i64>(3)? as u64,
            ours: r.get::<_, i64>(4)? as u64,
            at: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// The newest minute with rate-limit headers.
pub fn last_rate(conn: &Connection, iid: &str) -> rusqlite::Result<Option<RateSample>> {
    conn.query_row(
        "SELECT at, remaining, total, used, ours FROM status_rate_minutes WHERE integration_id = ?1
         ORDER BY minute DESC LIMIT 1",
        [iid],
        |r| {
            Ok(RateSample {
                at: r.get(0)?,
                remaining: r.get::<_, i64>(1)? as u64,
                total: r.get::<_, i64>(2)? as u64,
                used: r.get::<_, i64>(3)? as u64,
                ours: r.get::<_, i64>(4)? as u64,
            })
        },
    )
    .optional()
}

/// The initial import: (started_at RFC 3339, since, until, completed) of the run, whether any
/// window is covered, and the furthest bookmark of the main pass.
pub struct ImportRow {
    pub started_at: String,
    pub since: i64,
    pub until: i64,
    pub last_completed_at: Option<String>,
    pub covered_from: Option<i64>,
    pub bookmark: Option<(i64, bool)>,
}

pub fn import_row(conn: &Connection, iid: &str) -> rusqlite::Result<Option<ImportRow>> {
    conn.query_row(
        "SELECT started_at, since, until, last_completed_at,
                (SELECT min(from_at) FROM import_coverage WHERE integration_id = ?1),
                (SELECT max(updated_since) FROM import_bookmarks WHERE integration_id = ?1 AND pass IN ('default', 'resolved')),
                (SELECT max(done) FROM import_bookmarks WHERE integration_id = ?1 AND pass IN ('default', 'resolved'))
         FROM import_runs WHERE integration_id = ?1",
        [iid],
        |r| {
            let bookmark: Option<i64> = r.get(5)?;
            Ok(ImportRow {
                started_at: r.get(0)?,
                since: r.get(1)?,
                until: r.get(2)?,
                last_completed_at: r.get(3)?,
                covered_from: r.get(4)?,
                bookmark: bookmark.map(|b| (b, r.get::<_, Option<bool>>(6).ok().flatten().unwrap_or(false))),
            })
        },
    )
    .optional()
}

pub fn newest_contact(conn: &Connection, iid: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT max(at) FROM import_contacts
         WHERE key = (SELECT key FROM import_keys WHERE integration_id = ?1)",
        [iid],
        |r| r.get(0),
    )
}

pub fn contacts_between(conn: &Connection, iid: &str, from: i64, to: i64) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT count(*) FROM import_contacts
         WHERE key = (SELECT key FROM import_keys WHERE integration_id = ?1) AND at >= ?2 AND at < ?3",
        params![iid, from, to],
        |r| r.get::<_, i64>(0).map(|n| n as u64),
    )
}

/// Contacts per UTC hour over `[from, to)`, by hour: the whole 15-minute blocks from the per-block
/// counts (a row per queue and day), only the part-blocks at either end from the contacts. The
/// status reads four weeks; scanning their contacts cost a large help desk hundreds of thousands
/// of rows per integration, at start and after every sync (issue 17).
pub fn hourly_contacts(
    conn: &Connection,
    iid: &str,
    from: i64,
    to: i64,
) -> rusqlite::Result<Vec<(i64, u64)>> {
    let mut hours = BTreeMap::new();
    let first_block = from + (BLOCK_SECONDS - from.rem_euclid(BLOCK_SECONDS)) % BLOCK_SECONDS;
    let end_block = to - to.rem_euclid(BLOCK_SECONDS);
    if first_block >= end_block {
        hourly_contacts_scanned(conn, iid, from, to, &mut hours)?;
        return Ok(hours.into_iter().collect());
    }
    queue_days::for_each_day(
        conn,
        iid,
        first_block.div_euclid(DAY_SECONDS),
        (end_block - 1).div_euclid(DAY_SECONDS),
        |row| {
            for (block, n) in queue_days::pairs(row.counts) {
                let at = row.day * DAY_SECONDS + block as i64 * BLOCK_SECONDS;
                if (first_block..end_block).contains(&at) {
                    *hours.entry(at - at.rem_euclid(HOUR_SECONDS)).or_insert(0) += u64::from(n);
                }
            }
        },
    )?;
    hourly_contacts_scanned(conn, iid, from, first_block, &mut hours)?;
    hourly_contacts_scanned(conn, iid, end_block, to, &mut hours)?;
    Ok(hours.into_iter().collect())
}

/// Adds the contacts of `[from, to)` to `hours`, one by one.
fn hourly_contacts_scanned(
    conn: &Connection,
    iid: &str,
    from: i64,
    to: i64,
    hours: &mut BTreeMap<i64, u64>,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT (at / 3600) * 3600 AS hour, count(*) FROM import_contacts
         WHERE key = (SELECT key FROM import_keys WHERE integration_id = ?1) AND at >= ?2 AND at < ?3
         GROUP BY hour",
    )?;
    let mut rows = stmt.query(params![iid, from, to])?;
    while let Some(row) = rows.next()? {
        *hours.entry(row.get(0)?).or_insert(0) += row.get::<_, i64>(1)? as u64;
    }
    Ok(())
}
