//! The queue report from the cache: `idesk queues` and the live preview.

use super::block_report;
use super::cache::{self, queue_days};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::integrations::Product;
use crate::store::Store;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use idesk_rules::{
    freshdesk_time_zone, Aggregator, Coverage, IntervalGrid, IntervalLength, QueueReport,
    QueueTable,
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
/// `from`), with the imported coverage; every queue the integration has is listed. Only the
/// `selected` queues (all when `None`) get their intervals; the others have their totals.
pub fn report(
    store: &Store,
    integration_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    zone: Tz,
    length: IntervalLength,
    selected: Option<&[String]>,
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
    if let Some(report) = block_report::report(
        conn,
        integration_id,
        &grid,
        &mut table,
        &coverage,
        from,
        to,
        selected,
    )
    .map_err(db)?
    {
        return Ok(report);
    }
    let mut counts = Aggregator::new(grid);
    let start = grid.interval_of(from).start.timestamp();
    for c in cache::contacts_between(conn, integration_id, start, to.timestamp()).map_err(db)? {
        let queue = table.intern(&c.queue, c.kind);
        counts.add(queue, cache::utc(c.at));
    }
    Ok(QueueReport::build(&counts, &table, &coverage, from, to))
}
