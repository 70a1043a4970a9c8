//! The queue report from the cache: `idesk queues` and the live preview.

use super::cache;
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
    let grid = IntervalGrid::new(zone, length);
    let start = grid.interval_of(from).start;
    let mut table = QueueTable::new();
    for (name, kind) in cache::queues(store.conn(), integration_id).map_err(db)? {
        table.intern(&name, cache::kind_from_str(&kind));
    }
    let mut counts = Aggregator::new(grid);
    for c in cache::contacts_between(
        store.conn(),
        integration_id,
        start.timestamp(),
        to.timestamp(),
    )
    .map_err(db)?
    {
        let queue = table.intern(&c.queue, cache::kind_from_str(&c.kind));
        counts.add(queue, cache::utc(c.at));
    }
    let mut coverage = Coverage::new();
    for (a, b) in cache::coverage(store.conn(), integration_id).map_err(db)? {
        coverage.add(cache::utc(a), cache::utc(b));
    }
    Ok(QueueReport::build(&counts, &table, &coverage, from, to))
}
