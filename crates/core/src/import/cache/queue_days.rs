//! Contacts per queue and 15-minute UTC block, one row per queue and UTC day (migrations 0005,
//! 0009). Every contact insert counts itself here in the same transaction, so the queue report
//! reads about 100 rows per queue for 90 days instead of every contact.
//!
//! `counts` is sparse (migration 0009): a (block u8, count u32 little-endian) pair per non-empty
//! block, blocks ascending. Most queues have contacts in few blocks of a day; the dense form
//! (96 × u32) made the report decode and skip mostly zeros.

use super::KindColumn;
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

fn add_sparse(blocks: &mut Blocks, blob: &[u8]) {
    for (block, n) in pairs(blob) {
        if let Some(slot) = blocks.get_mut(block) {
            *slot += n;
        }
    }
}

fn add_dense(blocks: &mut Blocks, blob: &[u8]) {
    for (slot, bytes) in blocks.iter_mut().zip(blob.chunks_exact(4)) {
        *slot += u32::from_le_bytes(bytes.try_into().expect("4 bytes"));
    }
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

/// Count increments not yet written: the contacts added by one batch (a page, a report day),
/// per queue and day. [`Self::write`] adds them to the stored rows, one read and one write per
/// (queue, day) touched, in the batch's transaction.
#[derive(Debug, Default)]
pub struct PendingCounts {
    queues: HashMap<String, usize>,
    names: Vec<(String, ContactKind)>,
    days: HashMap<(usize, i64), Blocks>,
}

impl PendingCounts {
    /// Counts one contact just added to `import_contacts`.
    pub fn add(&mut self, queue: &str, kind: ContactKind, at: i64) {
        let index = match self.queues.get(queue) {
            Some(&index) => index,
            None => {
                self.names.push((queue.to_owned(), kind));
                self.queues.insert(queue.to_owned(), self.names.len() - 1);
                self.names.len() - 1
            }
        };
        let (day, block) = day_and_block(at);
        self.days.entry((index, day)).or_insert([0; BLOCKS_PER_DAY])[block] += 1;
    }

    /// Adds the pending counts to the stored ones and forgets them.
    pub fn write(&mut self, conn: &Connection, iid: &str) -> rusqlite::Result<()> {
        let mut read = conn.prepare_cached(
            "SELECT counts FROM import_queue_days WHERE integration_id = ?1 AND day = ?2 AND queue = ?3",
        )?;
        for ((index, day), mut blocks) in self.days.drain() {
            let (queue, kind) = &self.names[index];
            let stored: Option<Vec<u8>> = read
                .query_row(params![iid, day, queue], |r| r.get(0))
                .optional()?;
            if let Some(stored) = stored {
                add_sparse(&mut blocks, &stored);
            }
            write(conn, iid, day, queue, *kind, &blocks)?;
        }
        Ok(())
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
        write(conn, &iid, day, &queue, kind, &blocks)?;
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
        write(
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

/// Calls `f` for every (queue, day) row with a day in `[from_day, to_day]`, by day then queue.
pub fn for_each_day(
    conn: &Connection,
    iid: &str,
    from_day: i64,
    to_day: i64,
    mut f: impl FnMut(DayRow<'_>),
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, queue, kind, counts FROM import_queue_days
         WHERE integration_id = ?1 AND day >= ?2 AND day <= ?3",
    )?;
    let mut rows = stmt.query(params![iid, from_day, to_day])?;
    while let Some(row) = rows.next()? {
        f(DayRow {
            day: row.get(0)?,
            queue: row.get_ref(1)?.as_str()?,
            kind: row.get::<_, KindColumn>(2)?.0,
            counts: row.get_ref(3)?.as_blob()?,
        });
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
        let day: u64 = pairs(row.get_ref(2)?.as_blob()?)
            .map(|(_, n)| u64::from(n))
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
