//! Contacts per queue and 15-minute UTC block, one row per queue and UTC day (migration 0005).
//! Every contact insert counts itself here in the same transaction, so the queue report reads
//! about 100 rows per queue for 90 days instead of every contact.

use super::KindColumn;
use idesk_rules::{ContactKind, BLOCK_SECONDS};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

const DAY_SECONDS: i64 = 86_400;
const BLOCKS_PER_DAY: usize = (DAY_SECONDS / BLOCK_SECONDS) as usize;

type Blocks = [u32; BLOCKS_PER_DAY];

fn day_and_block(at: i64) -> (i64, usize) {
    (
        at.div_euclid(DAY_SECONDS),
        (at.rem_euclid(DAY_SECONDS) / BLOCK_SECONDS) as usize,
    )
}

fn decode(blob: &[u8]) -> Blocks {
    let mut blocks = [0; BLOCKS_PER_DAY];
    for (value, bytes) in blocks.iter_mut().zip(blob.chunks_exact(4)) {
        *value = u32::from_le_bytes(bytes.try_into().expect("4 bytes"));
    }
    blocks
}

fn encode(blocks: &Blocks) -> Vec<u8> {
    blocks.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn write(
    conn: &Connection,
    iid: &str,
    day: i64,
    queue: &str,
    kind: ContactKind,
    blocks: &Blocks,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_queue_days (integration_id, day, queue, kind, counts) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (integration_id, day, queue) DO UPDATE SET counts = excluded.counts",
    )?
    .execute(params![iid, day, queue, KindColumn(kind), encode(blocks)])?;
    Ok(())
}

/// Counts one contact that was just added to `import_contacts`.
pub fn count(
    conn: &Connection,
    iid: &str,
    queue: &str,
    kind: ContactKind,
    at: i64,
) -> rusqlite::Result<()> {
    let (day, block) = day_and_block(at);
    let stored: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT counts FROM import_queue_days WHERE integration_id = ?1 AND day = ?2 AND queue = ?3",
        )?
        .query_row(params![iid, day, queue], |r| r.get(0))
        .optional()?;
    let mut blocks = stored.map_or([0; BLOCKS_PER_DAY], |b| decode(&b));
    blocks[block] += 1;
    write(conn, iid, day, queue, kind, &blocks)
}

/// Recounts every integration's contacts (after the migration that adds the table).
pub fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM import_queue_days", [])?;
    let mut days: HashMap<(String, i64, String), (ContactKind, Blocks)> = HashMap::new();
    let mut stmt = conn.prepare("SELECT integration_id, queue, kind, at FROM import_contacts")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (day, block) = day_and_block(row.get(3)?);
        let entry = days
            .entry((row.get(0)?, day, row.get(1)?))
            .or_insert_with(|| (ContactKind::Ticket, [0; BLOCKS_PER_DAY]));
        entry.0 = row.get::<_, KindColumn>(2)?.0;
        entry.1[block] += 1;
    }
    for ((iid, day, queue), (kind, blocks)) in days {
        write(conn, &iid, day, &queue, kind, &blocks)?;
    }
    Ok(())
}

/// Calls `f(queue, kind, block start, contacts)` for every non-empty block with
/// `from <= start < to` (both multiples of [`BLOCK_SECONDS`]).
pub fn for_each_block(
    conn: &Connection,
    iid: &str,
    from: i64,
    to: i64,
    mut f: impl FnMut(&str, ContactKind, i64, u64),
) -> rusqlite::Result<()> {
    if to <= from {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT day, queue, kind, counts FROM import_queue_days
         WHERE integration_id = ?1 AND day >= ?2 AND day <= ?3",
    )?;
    let mut rows = stmt.query(params![
        iid,
        from.div_euclid(DAY_SECONDS),
        (to - 1).div_euclid(DAY_SECONDS)
    ])?;
    while let Some(row) = rows.next()? {
        let day: i64 = row.get(0)?;
        let queue = row.get_ref(1)?.as_str()?;
        let kind = row.get::<_, KindColumn>(2)?.0;
        let blob = row.get_ref(3)?.as_blob()?;
        for (k, bytes) in blob.chunks_exact(4).enumerate() {
            let n = u32::from_le_bytes(bytes.try_into().expect("4 bytes"));
            let start = day * DAY_SECONDS + k as i64 * BLOCK_SECONDS;
            if n > 0 && start >= from && start < to {
                f(queue, kind, start, u64::from(n));
            }
        }
    }
    Ok(())
}

/// Every queue (name, kind) an integration has contacts in, by name.
pub fn queues(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(String, ContactKind)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT queue, kind FROM import_queue_days WHERE integration_id = ?1 ORDER BY queue",
    )?;
    let rows = stmt.query_map([iid], |r| Ok((r.get(0)?, r.get::<_, KindColumn>(1)?.0)))?;
    rows.collect()
}

/// Every queue of an integration with its kind and number of contacts (all days), by name.
pub fn totals(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(String, ContactKind, u64)>> {
    let mut totals: std::collections::BTreeMap<String, (ContactKind, u64)> = Default::default();
    let mut stmt = conn.prepare_cached(
        "SELECT queue, kind, counts FROM import_queue_days WHERE integration_id = ?1",
    )?;
    let mut rows = stmt.query([iid])?;
    while let Some(row) = rows.next()? {
        let kind = row.get::<_, KindColumn>(1)?.0;
        let day: u64 = decode(row.get_ref(2)?.as_blob()?)
            .iter()
            .map(|&n| u64::from(n))
            .sum();
        let entry = totals
            .entry(row.get_ref(0)?.as_str()?.to_owned())
            .or_insert((kind, 0));
        entry.1 += day;
    }
    Ok(totals
        .into_iter()
        .map(|(queue, (kind, n))| (queue, kind, n))
        .collect())
}
