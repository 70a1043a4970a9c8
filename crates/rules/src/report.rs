//! The queue report: what `idesk queues` prints and the live preview shows
//! (`docs/cli.md`: `{"interval_minutes", "time_zone", "from", "to", "coverage", "queues"}`; the
//! CLI adds `"integration"`).

use crate::aggregate::Aggregator;
use crate::coverage::{interval_value, Coverage, IntervalValue};
use crate::fxhash::FxHashMap;
use crate::intervals::{utc, IntervalGrid};
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
        let first = grid.interval_of(from).start.timestamp();
        let to_secs = to.timestamp();
        let mut cells: Vec<Vec<(i64, u64)>> = vec![Vec::new(); queues.len()];
        // `cells()` is sorted by queue then time, so each queue's intervals come out in order.
        for (queue, start, count) in aggregator.cells() {
            let start = start.timestamp();
            if start >= first && start < to_secs {
                if let Some(intervals) = cells.get_mut(queue.index()) {
                    intervals.push((start, count));
                }
            }
        }
        Self::from_cells(grid, queues, cells, coverage, from, to)
    }

    /// Builds the report from counts already per interval: `cells[q]` holds queue `q`'s
    /// (interval start in UTC seconds, count) in time order, for intervals inside the range.
    pub fn from_cells(
        grid: &IntervalGrid,
        queues: &QueueTable,
        cells: Vec<Vec<(i64, u64)>>,
        coverage: &Coverage,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Self {
        let from = grid.interval_of(from).start;
        // Every queue shares the same interval starts: convert each to the zone once.
        let mut local = FxHashMap::default();
        let mut series: Vec<QueueSeries> = queues
            .iter()
            .zip(cells.into_iter().chain(std::iter::repeat_with(Vec::new)))
            .map(|((_, queue), cells)| QueueSeries {
                name: queue.name.clone(),
                total: cells.iter().map(|&(_, n)| n).sum(),
                intervals: cells
                    .into_iter()
                    .map(|(start, count)| IntervalCount {
                        start: *local.entry(start).or_insert_with(|| grid.local(utc(start))),
                        count,
                    })
                    .collect(),
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
