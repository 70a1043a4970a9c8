//! Interval grid: which interval an instant belongs to in a time zone
//! (docs/domain-rules.md, "Intervals and time zones").
//!
//! Intervals are aligned to the start of the hour in local time and are `[start, start +
//! length)`. They are keyed by their UTC start, so the repeated local hour of an autumn
//! daylight-saving change gives two distinct intervals (with different offsets) and the skipped
//! spring hour gives none: a 23-hour day has 92 quarter-hours, a 25-hour day 100, and no contact
//! is lost or doubled.

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Length of an interval: 15 (the default), 30 or 60 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub enum IntervalLength {
    /// 15 minutes.
    Minutes15,
    /// 30 minutes.
    Minutes30,
    /// 60 minutes.
    Minutes60,
}

/// Counts are reported per 15 minutes unless another length is chosen.
pub const DEFAULT_INTERVAL: IntervalLength = IntervalLength::Minutes15;

impl IntervalLength {
    /// Minutes in the interval.
    pub const fn minutes(self) -> u32 {
        match self {
            IntervalLength::Minutes15 => 15,
            IntervalLength::Minutes30 => 30,
            IntervalLength::Minutes60 => 60,
        }
    }

    /// Seconds in the interval.
    pub const fn seconds(self) -> i64 {
        self.minutes() as i64 * 60
    }

    /// The length for 15, 30 or 60 minutes.
    pub const fn from_minutes(minutes: u32) -> Result<Self, InvalidIntervalLength> {
        match minutes {
            15 => Ok(IntervalLength::Minutes15),
            30 => Ok(IntervalLength::Minutes30),
            60 => Ok(IntervalLength::Minutes60),
            other => Err(InvalidIntervalLength(other)),
        }
    }
}

impl Default for IntervalLength {
    fn default() -> Self {
        DEFAULT_INTERVAL
    }
}

impl TryFrom<u32> for IntervalLength {
    type Error = InvalidIntervalLength;
    fn try_from(minutes: u32) -> Result<Self, Self::Error> {
        Self::from_minutes(minutes)
    }
}

impl From<IntervalLength> for u32 {
    fn from(length: IntervalLength) -> u32 {
        length.minutes()
    }
}

/// An interval length other than 15, 30 or 60 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidIntervalLength(pub u32);

impl fmt::Display for InvalidIntervalLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "interval of {} minutes: choose 15, 30 or 60", self.0)
    }
}

impl std::error::Error for InvalidIntervalLength {}

/// One interval `[start, end)`, in UTC. `end - start` is the nominal length except when a
/// daylight-saving change that is not a whole number of intervals cuts one short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Interval {
    /// Inclusive start.
    pub start: DateTime<Utc>,
    /// Exclusive end.
    pub end: DateTime<Utc>,
}

/// Intervals of one length in one time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntervalGrid {
    zone: Tz,
    length: IntervalLength,
}

impl IntervalGrid {
    /// A grid of `length` intervals in `zone`.
    pub const fn new(zone: Tz, length: IntervalLength) -> Self {
        Self { zone, length }
    }

    /// The time zone.
    pub const fn zone(&self) -> Tz {
        self.zone
    }

    /// The interval length.
    pub const fn length(&self) -> IntervalLength {
        self.length
    }

    /// UTC offset in seconds at a UTC instant (seconds since the epoch).
    pub fn offset_at(&self, t: i64) -> i64 {
        let utc = DateTime::from_timestamp(t, 0)
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
            .naive_utc();
        i64::from(
            self.zone
                .offset_from_utc_datetime(&utc)
                .fix()
                .local_minus_utc(),
        )
    }

    /// UTC start (seconds) of the interval holding the instant `t` (seconds): local time floored
    /// to the interval length, back in UTC with the offset in force at `t`. If the offset
    /// changed inside that nominal interval, the interval starts at the change instead (so a
    /// change by a fraction of an interval, such as Lord Howe's 30 minutes, shortens one
    /// interval rather than overlapping two).
    pub fn start_seconds(&self, t: i64) -> i64 {
        let offset = self.offset_at(t);
        let local = t + offset;
        let start = local - local.rem_euclid(self.length.seconds()) - offset;
        if self.offset_at(start) == offset {
            return start;
        }
        // The offset of `t` took effect in (start, t]: find the first second with it.
        let (mut before, mut after) = (start, t);
        while after - before > 1 {
            let mid = before + (after - before) / 2;
            if self.offset_at(mid) == offset {
                after = mid;
            } else {
                before = mid;
            }
        }
        after
    }

    /// UTC end (seconds) of the interval that starts at `start` (a value of
    /// [`Self::start_seconds`]).
    pub fn end_seconds(&self, start: i64) -> i64 {
        let nominal_end = start + self.length.seconds();
        let last = self.start_seconds(nominal_end - 1);
        if last == start {
            nominal_end
        } else {
            last
        }
    }

    /// The interval holding an instant.
    pub fn interval_of(&self, at: DateTime<Utc>) -> Interval {
        let start = self.start_seconds(at.timestamp());
        self.interval_at(start)
    }

    fn interval_at(&self, start: i64) -> Interval {
        Interval {
            start: utc(start),
            end: utc(self.end_seconds(start)),
        }
    }

    /// Every interval from the one holding `from` to the last one starting before `to`.
    pub fn intervals(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl Iterator<Item = Interval> + '_ {
        let to = to.timestamp();
        let mut next = self.start_seconds(from.timestamp());
        std::iter::from_fn(move || {
            if next >= to {
                return None;
            }
            let interval = self.interval_at(next);
            next = interval.end.timestamp();
            Some(interval)
        })
    }

    /// An instant in the zone's local time, with the offset in force then (for RFC 3339 output
    /// such as `2026-03-29T03:00:00+02:00`).
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        at.with_timezone(&self.zone).fixed_offset()
    }
}

/// Seconds since the epoch as a UTC instant (clamped to chrono's range).
pub(crate) fn utc(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or(if seconds < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}
