//! Contacts per queue and 15-minute UTC block, one row per queue and UTC day (migrations 0005,
//! 0009, 0010). Every contact insert counts itself here in the same transaction, so the queue report
//! reads about 100 rows per queue for 90 days instead of every contact.
//!
//! `counts` is sparse (migration 0009): a (block u8, count u32 little-endian) pair per non-empty
//! block, blocks ascending. Most queues have contacts in few blocks of a day; the dense form
//! (96 × u32) made the report decode and skip mostly zeros.

use super::{keys, KindColumn};
use idesk_rules::{ContactKind, BLOCK_SECONDS};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

const DAY_SECONDS: i64 = 86_400;
const BLOCKS_PER_DAY: usize = (DAY_SECONDS / BLOCK_SECONDS) as usize;
/// Bytes of one (block, count) pair.
const PAIR: usize = 5;

type Blocks = [u32; BLOCKS_PER_DAY];

fn day_and_block(at: i64) -> (i64, usize) {
    (
        at.div_euclid(DAY_SECONDS),
        (at.rem_euclid(DAY_SECONDS) / BLOCK_SECONDS) as usize,
    )
}

/// The non-empty blocks of a sparse blob as (block, count), blocks ascending.
pub(crate) fn pairs(blob: &[u8]) -> impl Iterator<Item = (usize, u32)> + '_ {
    blob.chunks_exact(PAIR).map(|p| {
        (
            usize::from(p[0]),
            u32::from_le_bytes([p[1], p[2], p[3], p[4]]),
        )
    })
}

fn encode(blocks: &Blocks) -> Vec<u8> {
    let mut blob = Vec::with_capacity(blocks.iter().filter(|&&n| n > 0).count() * PAIR);
    for (block, &n) in blocks.iter().enumerate().filter(|(_, &n)| n > 0) {
        blob.push(block as u8);
        blob.extend_from_slice(&n.to_le_bytes());
    }
    blob
}

fn add_dense(blocks: &mut Blocks, blob: &[u8]) {
    for (slot, bytes) in blocks.iter_mut().zip(blob.chunks_exact(4)) {
        *slot += u32::from_le_bytes(bytes.try_into().expect("4 bytes"));
    }
}

/// Writes a row of the text-keyed table of migrations 0005 to 0009; only their conversions
/// ([`rebuild`], [`convert_dense`]) use it, before 0010 rekeys the table.
fn write_v9(
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

/// Count increments not yet written: the contacts added by one batch (a page, a report day),
/// per queue id and day. [`Self::write`] adds them to the stored rows, one read and one write per
/// (queue, day) touched, in the batch's transaction.
#[derive(Debug, Default)]
pub struct PendingCounts {
    /// The block of each contact added, per (queue id, day).
    days: HashMap<(i64, i64), Vec<u8>>,
}

impl PendingCounts {
    /// Counts one contact just added to `import_contacts`.
    pub fn add(&mut self, queue: i64, at: i64) {
        let (day, block) = day_and_block(at);
        self.days.entry((queue, day)).or_default().push(block as u8);
    }

    pub fn has_queue(&self, queue: i64) -> bool {
        self.days.keys().any(|&(q, _)| q == queue)
    }

    /// Adds the pending counts to the stored ones of the integration `key` and forgets them.
    pub fn write(&mut self, conn: &Connection, key: i64) -> rusqlite::Result<()> {
        let mut read = conn.prepare_cached(
            "SELECT counts FROM import_queue_days WHERE key = ?1 AND day = ?2 AND queue = ?3",
        )?;
        let mut write = conn.prepare_cached(
            "INSERT INTO import_queue_days (key, day, queue, counts) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key, day, queue) DO UPDATE SET counts = excluded.counts",
        )?;
        let mut counts = Vec::new();
        for ((queue, day), mut blocks) in self.days.drain() {
            blocks.sort_unstable();
            let found = read
                .query_row(params![key, day, queue], |r| {
                    merge(r.get_ref(0)?.as_blob()?, &blocks, &mut counts);
                    Ok(())
                })
                .optional()?;
            if found.is_none() {
                merge(&[], &blocks, &mut counts);
            }
            write.execute(params![key, day, queue, counts])?;
        }
        Ok(())
    }
}

/// Writes into `out` the sparse counts of `stored` plus one per entry of `added` (blocks,
/// ascending, repeated once per contact): both lists are in block order, so one pass merges
/// them without the 96 slots of a whole day.
fn merge(stored: &[u8], added: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut stored = pairs(stored).peekable();
    let mut added = added
        .chunk_by(|a, b| a == b)
        .map(|run| (usize::from(run[0]), run.len() as u32))
        .peekable();
    loop {
        let (block, n) = match (stored.peek().copied(), added.peek().copied()) {
            (Some(old), Some(new)) if old.0 == new.0 => {
                stored.next();
                added.next();
                (old.0, old.1 + new.1)
            }
            (Some(old), Some(new)) if old.0 < new.0 => stored.next().unwrap_or(old),
            (_, Some(new)) => added.next().unwrap_or(new),
            (Some(old), None) => stored.next().unwrap_or(old),
            (None, None) => return,
        };
        out.push(block as u8);
        out.extend_from_slice(&n.to_le_bytes());
    }
}

/// Recounts every integration's contacts (a cache from before migration 0005).
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
        write_v9(conn, &iid, day, &queue, kind, &blocks)?;
    }
    Ok(())
}

/// Rewrites the dense rows of migration 0005 (kept by 0009 as `import_queue_days_dense`) in the
/// sparse form, then drops them.
pub fn convert_dense(conn: &Connection) -> rusqlite::Result<()> {
    let mut stmt = conn
        .prepare("SELECT integration_id, day, queue, kind, counts FROM import_queue_days_dense")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let mut blocks = [0; BLOCKS_PER_DAY];
        add_dense(&mut blocks, row.get_ref(4)?.as_blob()?);
        let (iid, queue): (String, String) = (row.get(0)?, row.get(2)?);
        write_v9(
            conn,
            &iid,
            row.get(1)?,
            &queue,
            row.get::<_, KindColumn>(3)?.0,
            &blocks,
        )?;
    }
    drop(rows);
    drop(stmt);
    conn.execute_batch("DROP TABLE import_queue_days_dense")
}

/// One stored (queue, day) row, for [`for_each_day`].
pub struct DayRow<'r> {
    pub day: i64,
    pub queue: &'r str,
    pub kind: ContactKind,
    /// Sparse counts: read with [`pairs`].
    pub counts: &'r [u8],
}

/// Calls `f` for every (queue, day) row with a day in `[from_day, to_day]`, by day.
pub fn for_each_day(
    conn: &Connection,
    iid: &str,
    from_day: i64,
    to_day: i64,
    mut f: impl FnMut(DayRow<'_>),
) -> rusqlite::Result<()> {
    let Some(key) = keys::find(conn, iid)? else {
        return Ok(());
    };
    let names = keys::queue_names(conn, key)?;
    let mut stmt = conn.prepare_cached(
        "SELECT day, queue, counts FROM import_queue_days WHERE key = ?1 AND day >= ?2 AND day <= ?3",
    )?;
    let mut rows = stmt.query(params![key, from_day, to_day])?;
    while let Some(row) = rows.next()? {
        let (queue, kind) = named(&names, row.get(1)?)?;
        f(DayRow {
            day: row.get(0)?,
            queue,
            kind: *kind,
            counts: row.get_ref(2)?.as_blob()?,
        });
    }
    Ok(())
}

/// The name and kind of a queue id found in a row of the integration's tables.
fn named(
    names: &HashMap<i64, (String, ContactKind)>,
    id: i64,
) -> rusqlite::Result<&(String, ContactKind)> {
    names.get(&id).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Integer,
            format!("queue {id} is not in import_queues").into(),
        )
    })
}

/// Every queue (name, kind) an integration has contacts in, by name.
pub fn queues(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(String, ContactKind)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.name, q.kind FROM import_keys k JOIN import_queues q ON q.key = k.key
         WHERE k.integration_id = ?1 ORDER BY q.name",
    )?;
    let rows = stmt.query_map([iid], |r| Ok((r.get(0)?, r.get::<_, KindColumn>(1)?.0)))?;
    rows.collect()
}

/// Every queue of an integration with its kind and number of contacts (all days), by name.
pub fn totals(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(String, ContactKind, u64)>> {
    let Some(key) = keys::find(conn, iid)? else {
        return Ok(Vec::new());
    };
    let mut by_id: HashMap<i64, u64> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT queue, counts FROM import_queue_days WHERE key = ?1")?;
    let mut rows = stmt.query([key])?;
    while let Some(row) = rows.next()? {
        let day: u64 = pairs(row.get_ref(1)?.as_blob()?)
            .map(|(_, n)| u64::from(n))
            .sum();
        *by_id.entry(row.get(0)?).or_insert(0) += day;
    }
    let names = keys::queue_names(conn, key)?;
    let mut totals = by_id
        .into_iter()
        .map(|(id, n)| named(&names, id).map(|(name, kind)| (name.clone(), *kind, n)))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    totals.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_adds_each_contact_to_its_block_and_keeps_blocks_in_order() {
        let stored = encode(&{
            let mut blocks = [0; BLOCKS_PER_DAY];
            (blocks[3], blocks[10], blocks[95]) = (2, 1, 70_000);
            blocks
        });
        let mut out = Vec::new();
        merge(&stored, &[0, 3, 3, 11, 95], &mut out);
        assert_eq!(
            pairs(&out).collect::<Vec<_>>(),
            [(0, 1), (3, 4), (10, 1), (11, 1), (95, 70_001)]
        );
        merge(&[], &[7, 7], &mut out);
        assert_eq!(pairs(&out).collect::<Vec<_>>(), [(7, 2)]);
    }
}
