//! The queue report: what `idesk queues` prints and the live preview shows
//! (`docs/cli.md`: `{"interval_minutes", "time_zone", "from", "to", "coverage", "queues"}`; the
//! CLI adds `"integration"`).

use crate::aggregate::Aggregator;
use crate::coverage::{interval_value, Coverage, IntervalValue};
use crate::intervals::IntervalGrid;
use crate::queues::QueueTable;
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// An imported range in the report's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRange {
    /// Inclusive start, RFC 3339 with the zone's offset.
    pub from: DateTime<FixedOffset>,
    /// Exclusive end.
    pub to: DateTime<FixedOffset>,
}

/// One non-zero interval of a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntervalCount {
    /// Interval start, RFC 3339 with the zone's offset at that instant.
    pub start: DateTime<FixedOffset>,
    /// Contacts in the interval.
    pub count: u64,
}

/// One queue's counts in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueSeries {
    /// The queue name.
    pub name: String,
    /// Contacts in `[from, to)`.
    pub total: u64,
    /// Intervals with a count, in time order (intervals with 0 are left out, as the CLI
    /// contract allows; use [`QueueReport::grid`] for every interval with "no data").
    pub intervals: Vec<IntervalCount>,
}

/// Counts per queue and interval over `[from, to)`, in one zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueReport {
    /// 15, 30 or 60.
    pub interval_minutes: u32,
    /// IANA name of the zone.
    pub time_zone: String,
    /// Start of the first interval (the one holding the requested start).
    pub from: DateTime<FixedOffset>,
    /// Exclusive end.
    pub to: DateTime<FixedOffset>,
    /// Imported ranges within `[from, to)`: outside them an interval is "no data", not 0.
    pub coverage: Vec<ReportRange>,
    /// Every queue of the table, by name.
    pub queues: Vec<QueueSeries>,
}

/// One row of the full grid: an interval with its coverage and each queue's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// Interval start in the zone.
    pub start: DateTime<FixedOffset>,
    /// Interval end in the zone.
    pub end: DateTime<FixedOffset>,
    /// One value per queue, in the order of [`QueueReport::queues`].
    pub values: Vec<IntervalValue>,
}

impl QueueReport {
    /// Builds the report of `aggregator`'s counts for the intervals from the one holding `from`
    /// up to `to`. Queues are every queue of `queues` (those without contacts have total 0),
    /// sorted by name.
    pub fn build(
        aggregator: &Aggregator,
        queues: &QueueTable,
        coverage: &Coverage,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Self {
        let grid = aggregator.grid();
        let from = grid.interval_of(from).start;
        let mut per_queue: Vec<Vec<IntervalCount>> = vec![Vec::new(); queues.len()];
        // `cells()` is sorted by queue then time, so each queue's intervals come out in order.
        for (queue, start, count) in aggregator.cells() {
            if start >= from && start < to {
                if let Some(intervals) = per_queue.get_mut(queue.index()) {
                    intervals.push(IntervalCount {
                        start: grid.local(start),
                        count,
                    });
                }
            }
        }
        let mut series: Vec<QueueSeries> = queues
            .iter()
            .zip(per_queue)
            .map(|((_, queue), intervals)| QueueSeries {
                name: queue.name.clone(),
                total: intervals.iter().map(|i| i.count).sum(),
                intervals,
            })
            .collect();
        series.sort_by(|a, b| a.name.cmp(&b.name));

        QueueReport {
            interval_minutes: grid.length().minutes(),
            time_zone: grid.zone().name().to_owned(),
            from: grid.local(from),
            to: grid.local(to),
            coverage: coverage
                .clipped(from, to)
                .into_iter()
                .map(|r| ReportRange {
                    from: grid.local(r.from),
                    to: grid.local(r.to),
                })
                .collect(),
            queues: series,
        }
    }

    /// Every interval of the report with, per queue, its count or "no data" (0 only where the
    /// data was imported). `grid` must be the grid the report was built with.
    pub fn grid(&self, grid: &IntervalGrid) -> Vec<GridRow> {
        let mut coverage = Coverage::new();
        for range in &self.coverage {
            coverage.add(range.from.to_utc(), range.to.to_utc());
        }
        let mut cursors = vec![0usize; self.queues.len()];
        grid.intervals(self.from.to_utc(), self.to.to_utc())
            .map(|interval| {
                let covered = coverage.of_interval(&interval);
                let values = self
                    .queues
                    .iter()
                    .zip(cursors.iter_mut())
                    .map(|(queue, cursor)| {
                        let mut count = 0;
                        if let Some(cell) = queue.intervals.get(*cursor) {
                            if cell.start.to_utc() == interval.start {
                                count = cell.count;
                                *cursor += 1;
                            }
                        }
                        interval_value(count, covered)
                    })
                    .collect();
                GridRow {
                    start: grid.local(interval.start),
                    end: grid.local(interval.end),
                    values,
                }
            })
            .collect()
    }
}
