//! Imported coverage: which UTC ranges have been imported, so that an interval with no contacts
//! is 0 only when its data was imported, and "no data" otherwise (paused, gap, before the
//! backfill).

use crate::intervals::{utc, Interval};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One imported range `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRange {
    /// Inclusive start.
    pub from: DateTime<Utc>,
    /// Exclusive end.
    pub to: DateTime<Utc>,
}

/// How much of an interval was imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalCoverage {
    /// Nothing of it.
    None,
    /// Part of it (an import started or stopped inside it).
    Partial,
    /// All of it.
    Full,
}

/// The imported ranges, kept sorted, disjoint and merged (touching ranges join).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// `(from, to)` in seconds since the epoch.
    ranges: Vec<(i64, i64)>,
}

impl Coverage {
    /// Nothing imported.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `[from, to)` as imported (an empty or reversed range is ignored).
    pub fn add(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) {
        let (mut from, mut to) = (from.timestamp(), to.timestamp());
        if from >= to {
            return;
        }
        let mut merged = Vec::with_capacity(self.ranges.len() + 1);
        for &(a, b) in &self.ranges {
            if b < from || a > to {
                merged.push((a, b));
            } else {
                from = from.min(a);
                to = to.max(b);
            }
        }
        merged.push((from, to));
        merged.sort_unstable();
        self.ranges = merged;
    }

    /// The imported ranges, in order.
    pub fn ranges(&self) -> Vec<CoverageRange> {
        self.ranges
            .iter()
            .map(|&(from, to)| CoverageRange {
                from: utc(from),
                to: utc(to),
            })
            .collect()
    }

    /// Seconds of `[from, to)` that were imported.
    fn covered_seconds(&self, from: i64, to: i64) -> i64 {
        self.ranges
            .iter()
            .map(|&(a, b)| (b.min(to) - a.max(from)).max(0))
            .sum()
    }

    /// How much of an interval was imported.
    pub fn of_interval(&self, interval: &Interval) -> IntervalCoverage {
        let (from, to) = (interval.start.timestamp(), interval.end.timestamp());
        match self.covered_seconds(from, to) {
            0 => IntervalCoverage::None,
            covered if covered >= to - from => IntervalCoverage::Full,
            _ => IntervalCoverage::Partial,
        }
    }

    /// The parts of `[from, to)` that were imported (for a report's `coverage`).
    pub fn clipped(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<CoverageRange> {
        let (from, to) = (from.timestamp(), to.timestamp());
        self.ranges
            .iter()
            .filter_map(|&(a, b)| {
                let (a, b) = (a.max(from), b.min(to));
                (a < b).then(|| CoverageRange {
                    from: utc(a),
                    to: utc(b),
                })
            })
            .collect()
    }
}

/// What an interval shows for one queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "count")]
pub enum IntervalValue {
    /// Not imported and no contacts: shown as "no data", never as 0.
    NoData,
    /// Partly imported (or contacts outside any imported range): a lower bound.
    Partial(u64),
    /// Fully imported: the count, 0 included.
    Count(u64),
}

/// The value an interval shows, from its count and its coverage: 0 only when fully imported.
pub const fn interval_value(count: u64, coverage: IntervalCoverage) -> IntervalValue {
    match coverage {
        IntervalCoverage::Full => IntervalValue::Count(count),
        IntervalCoverage::None if count == 0 => IntervalValue::NoData,
        IntervalCoverage::None | IntervalCoverage::Partial => IntervalValue::Partial(count),
    }
}
