//! The queue report from the cache: `idesk queues` and the live preview.

use super::cache::{self, queue_days};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::integrations::Product;
use crate::store::Store;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use idesk_rules::{
    freshdesk_time_zone, Aggregator, Coverage, IntervalGrid, IntervalLength, QueueId, QueueReport,
    QueueTable, BLOCK_SECONDS,
};

/// The zone a report uses by default: the account's (Freshdesk's Rails name mapped to IANA), or
/// for Freshchat, which has none, the computer's.
pub fn default_zone(store: &Store, integration_id: &str, product: Product) -> CoreResult<Tz> {
    match product {
        Product::Freshchat => super::dates::local_zone().map_err(|why| {
            CoreError::new(ErrorCode::UnknownTimeZone, format!("{why}; pass --tz ZONE"))
        }),
        Product::Freshdesk => {
            let name = cache::time_zone(store.conn(), integration_id)
                .map_err(|e| store.map_err(e))?
                .ok_or_else(|| {
                    CoreError::new(
                        ErrorCode::UnknownTimeZone,
                        "the account's time zone is not known yet (import first, or pass --tz ZONE)",
                    )
                })?;
            freshdesk_time_zone(&name).map_err(|e| {
                CoreError::new(
                    ErrorCode::UnknownTimeZone,
                    format!("the account's time zone: {e}; pass --tz ZONE"),
                )
            })
        }
    }
}

/// Parses 15, 30 or 60.
pub fn interval(minutes: u32) -> CoreResult<IntervalLength> {
    IntervalLength::try_from(minutes).map_err(|_| {
        CoreError::new(
            ErrorCode::InvalidInterval,
            format!("--interval {minutes}: use 15, 30 or 60"),
        )
    })
}

/// Counts per queue and interval over `[from, to)` (the first interval is the one holding
/// `from`), with the imported coverage; every queue the integration has is listed.
pub fn report(
    store: &Store,
    integration_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    zone: Tz,
    length: IntervalLength,
) -> CoreResult<QueueReport> {
    if to <= from {
        return Err(CoreError::new(
            ErrorCode::InvalidDate,
            format!(
                "--to ({}) must be after --from ({})",
                to.to_rfc3339(),
                from.to_rfc3339()
            ),
        ));
    }
    let db = |e| store.map_err(e);
    let conn = store.conn();
    let grid = IntervalGrid::new(zone, length);
    let mut table = QueueTable::new();
    for (name, kind) in queue_days::queues(conn, integration_id).map_err(db)? {
        table.intern(&name, kind);
    }
    let mut coverage = Coverage::new();
    for (a, b) in cache::coverage(conn, integration_id).map_err(db)? {
        coverage.add(cache::utc(a), cache::utc(b));
    }
    if let Some(cells) =
        cells_from_blocks(conn, integration_id, &grid, &mut table, from, to).map_err(db)?
    {
        return Ok(QueueReport::from_cells(
            &grid, &table, cells, &coverage, from, to,
        ));
    }
    let mut counts = Aggregator::new(grid);
    let start = grid.interval_of(from).start.timestamp();
    for c in cache::contacts_between(conn, integration_id, start, to.timestamp()).map_err(db)? {
        let queue = table.intern(&c.queue, c.kind);
        counts.add(queue, cache::utc(c.at));
    }
    Ok(QueueReport::build(&counts, &table, &coverage, from, to))
}

/// One queue's (interval start in UTC seconds, count), in time order.
type QueueCells = Vec<(i64, u64)>;

/// Per queue, (interval start, count) in time order, from the per-block counts plus the contacts
/// after the last whole block, in one pass over the (queue, day) rows. `None` where a block would
/// straddle two intervals (offsets that are not a multiple of 15 minutes, found only in
/// history): then contacts are counted one by one.
fn cells_from_blocks(
    conn: &rusqlite::Connection,
    integration_id: &str,
    grid: &IntervalGrid,
    table: &mut QueueTable,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<Option<Vec<QueueCells>>> {
    let start = grid.interval_of(from).start.timestamp();
    let to = to.timestamp();
    let end_block = to - to.rem_euclid(BLOCK_SECONDS);
    // The interval start of every block in [start, to), in order.
    let mut interval_of_block = Vec::new();
    for interval in grid.intervals(cache::utc(start), cache::utc(to)) {
        let (a, b) = (interval.start.timestamp(), interval.end.timestamp());
        if a.rem_euclid(BLOCK_SECONDS) != 0 || (b < to && b.rem_euclid(BLOCK_SECONDS) != 0) {
            return Ok(None);
        }
        interval_of_block.extend((a..b.min(to)).step_by(BLOCK_SECONDS as usize).map(|_| a));
    }
    let mut cells: Vec<QueueCells> = vec![Vec::new(); table.len()];
    let add = |cells: &mut Vec<QueueCells>, queue: QueueId, at: i64, n: u64| {
        let interval = interval_of_block[((at - start) / BLOCK_SECONDS) as usize];
        if cells.len() <= queue.index() {
            cells.resize_with(queue.index() + 1, Vec::new);
        }
        match cells[queue.index()].last_mut() {
            Some((last, count)) if *last == interval => *count += n,
            _ => cells[queue.index()].push((interval, n)),
        }
    };
    // Rows come by day, so each queue's blocks arrive in time order.
    if end_block > start {
        queue_days::for_each_day(
            conn,
            integration_id,
            start.div_euclid(DAY_SECONDS),
            (end_block - 1).div_euclid(DAY_SECONDS),
            |row| {
                let id = table.intern(row.queue, row.kind);
                let day_start = row.day * DAY_SECONDS;
                for (block, n) in queue_days::pairs(row.counts) {
                    let at = day_start + block as i64 * BLOCK_SECONDS;
                    if at >= start && at < end_block {
                        add(&mut cells, id, at, u64::from(n));
                    }
                }
            },
        )?;
    }
    // The rest lies inside one block, after every whole one.
    for c in cache::contacts_between(conn, integration_id, end_block.max(start), to)? {
        let id = table.intern(&c.queue, c.kind);
        add(&mut cells, id, c.at, 1);
    }
    Ok(Some(cells))
}

const DAY_SECONDS: i64 = 86_400;
