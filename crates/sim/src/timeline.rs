//! When things happen: turns an index into a creation time that follows weekday and
//! business-hour seasonality plus slow growth, monotonic in the index.

use crate::rng::{hash, Rng};

pub const HOUR: i64 = 3_600;
pub const DAY: i64 = 86_400;

/// Days of history before the anchor (long enough for 120-day archiving and 30-day purges).
pub const SPAN_DAYS: i64 = 200;

/// Cumulative weight of each hour of the history window; `created_at(i)` inverts it.
#[derive(Debug, Clone)]
pub struct Timeline {
    start: i64,
    cumulative: Vec<f64>,
}

fn hour_weight(hour_of_day: i64) -> f64 {
    match hour_of_day {
        0..=5 => 0.12,
        6 => 0.3,
        7 => 0.6,
        8..=11 => 1.0,
        12 => 0.75,
        13..=16 => 1.0,
        17 => 0.7,
        18..=21 => 0.35,
        _ => 0.2,
    }
}

fn weekday_weight(day_index_since_epoch: i64) -> f64 {
    // 1970-01-01 was a Thursday: (days + 3) % 7 gives 0 = Monday.
    match (day_index_since_epoch + 3).rem_euclid(7) {
        5 => 0.35,
        6 => 0.25,
        _ => 1.0,
    }
}

impl Timeline {
    /// History ends one minute before `anchor` so nothing is created in the future.
    pub fn new(seed: u64, salt: u64, anchor: i64) -> Timeline {
        let end = anchor - 60;
        let start = (end - SPAN_DAYS * DAY).div_euclid(HOUR) * HOUR;
        let hours = ((end - start) / HOUR) as usize;
        let mut cumulative = Vec::with_capacity(hours);
        let mut acc = 0.0;
        for h in 0..hours {
            let t = start + h as i64 * HOUR;
            let day = t.div_euclid(DAY);
            let noise = 0.8 + 0.4 * Rng::new(seed, &[salt, 77, day as u64]).unit();
            let growth = 1.0 + 0.5 * h as f64 / hours as f64;
            let mut w =
                hour_weight(t.rem_euclid(DAY) / HOUR) * weekday_weight(day) * noise * growth;
            if h == hours - 1 {
                // The last hour may be partial: never place anything after `end`.
                w *= ((end - t) as f64 / HOUR as f64).clamp(0.0, 1.0);
            }
            acc += w;
            cumulative.push(acc);
        }
        Timeline { start, cumulative }
    }

    /// The time at quantile `q` in `[0, 1)` of the history window, to the second.
    pub fn at_quantile(&self, q: f64) -> i64 {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let target = q * total;
        let h = self.cumulative.partition_point(|c| *c <= target);
        let h = h.min(self.cumulative.len() - 1);
        let before = if h == 0 { 0.0 } else { self.cumulative[h - 1] };
        let width = (self.cumulative[h] - before).max(1e-12);
        let frac = ((target - before) / width).clamp(0.0, 0.999_999);
        self.start + h as i64 * HOUR + (frac * HOUR as f64) as i64
    }

    /// Creation time of item `i` of `n`, with a little seeded jitter that keeps the order.
    pub fn created_at(&self, seed: u64, salt: u64, i: u64, n: u64) -> i64 {
        let jitter = (hash(seed, &[salt, 78, i]) >> 11) as f64 / (1u64 << 53) as f64;
        let q = (i as f64 + 0.25 + 0.5 * jitter) / n.max(1) as f64;
        self.at_quantile(q)
    }
}
