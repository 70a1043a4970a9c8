//! Client-side rate pacing: a sliding window of one (scaled) minute over the credits this process
//! spent, bounded by the budget the server announces in `X-RateLimit-Total`, plus Freshdesk's
//! ticket-list sub-limit, which the headers do not show.
//!
//! Calls are stamped when their response arrives (never earlier than the server saw them), and a
//! call still in flight never expires, so the window here always holds at least what the server's
//! does: pacing by it cannot overshoot.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Environment variable: a minute lasts 60/N seconds (tests and benchmarks, with `idesk sim --time-scale N`).
pub const TIME_SCALE_ENV: &str = "IDESK_TIME_SCALE";

/// The length of a rate-limit minute under `IDESK_TIME_SCALE`.
pub fn minute_from_env() -> Duration {
    let scale = std::env::var(TIME_SCALE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v > 0.0)
        .unwrap_or(1.0);
    Duration::from_secs_f64(60.0 / scale)
}

/// The ticket-list calls per minute Freshdesk allows with this per-minute budget (plan table of
/// freshworks-api.md); `None` when the budget itself is the tighter bound (trial).
pub fn ticket_list_limit(budget: u32) -> Option<u32> {
    match budget {
        0..=199 => None,
        200..=399 => Some(20),
        400..=699 => Some(100),
        _ => Some(200),
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    id: u64,
    /// `None` while in flight.
    at: Option<Instant>,
    cost: u32,
    list: bool,
}

/// Counters for the credit figures of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PacerStats {
    /// Calls answered (any status but 429).
    pub calls: u64,
    /// Credits the server charged (`X-RateLimit-Used-CurrentRequest`, else 1 per call).
    pub credits: u64,
    /// Calls refused with 429.
    pub refused: u64,
}

#[derive(Debug)]
pub struct Pacer {
    minute: Duration,
    /// Per-minute budget: from the headers once seen; until then the assumption given.
    budget: Option<u32>,
    list_limit: Option<u32>,
    entries: VecDeque<Entry>,
    blocked_until: Option<Instant>,
    next_id: u64,
    pub stats: PacerStats,
    /// Rate-limit headers per minute, for the integration's status.
    pub rate: crate::status::RateMeter,
}

impl Pacer {
    /// `assumed_budget`: the budget to respect before the first headers arrive (`None`: no
    /// pacing until the server says, as for Freshchat, which sends no rate headers).
    pub fn new(minute: Duration, assumed_budget: Option<u32>) -> Self {
        Self {
            minute,
            budget: assumed_budget,
            list_limit: assumed_budget.and_then(ticket_list_limit),
            entries: VecDeque::new(),
            blocked_until: None,
            next_id: 0,
            stats: PacerStats::default(),
            rate: Default::default(),
        }
    }

    pub fn minute(&self) -> Duration {
        self.minute
    }

    pub fn budget(&self) -> Option<u32> {
        self.budget
    }

    pub fn list_limit(&self) -> Option<u32> {
        self.list_limit
    }

    fn expire(&mut self, now: Instant) {
        let minute = self.minute;
        self.entries
            .retain(|e| e.at.is_none_or(|at| now.duration_since(at) < minute));
    }

    /// Reserves a call of `cost` credits, or says how long to wait first.
    pub fn try_acquire(&mut self, now: Instant, cost: u32, list: bool) -> Result<u64, Duration> {
        if let Some(until) = self.blocked_until {
            if until > now {
                return Err(until - now);
            }
            self.blocked_until = None;
        }
        self.expire(now);
        let used: u32 = self.entries.iter().map(|e| e.cost).sum();
        let lists = self.entries.iter().filter(|e| e.list).count() as u32;
        let over_budget = self.budget.is_some_and(|b| used + cost > b.max(cost));
        let over_list = list && self.list_limit.is_some_and(|l| lists + 1 > l);
        if over_budget || over_list {
            // The oldest finished call that, once expired, frees room; in-flight calls only free
            // room when they finish, so poll again shortly.
            let wait = self
                .entries
                .iter()
                .filter(|e| !over_list || e.list)
                .filter_map(|e| e.at)
                .min()
                .map(|at| (at + self.minute).saturating_duration_since(now))
                .unwrap_or(Duration::from_millis(5));
            return Err(wait.max(Duration::from_millis(1)));
        }
        self.next_id += 1;
        let id = self.next_id;
        self.entries.push_back(Entry {
            id,
            at: None,
            cost,
            list,
        });
        Ok(id)
    }

    /// A response arrived: stamp the call and learn from the headers.
    pub fn finish(
        &mut self,
        id: u64,
        now: Instant,
        total: Option<u64>,
        remaining: Option<u64>,
        used_current: Option<u64>,
    ) {
        let charged = used_current.map_or(1, |c| c.min(u32::MAX as u64) as u32);
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.at = Some(now);
            e.cost = charged;
        }
        self.stats.calls += 1;
        self.stats.credits += charged as u64;
        self.rate.observe(total, remaining, charged as u64);
        if let Some(total) = total {
            let total = total.min(u32::MAX as u64) as u32;
            if self.budget != Some(total) {
                self.budget = Some(total);
                self.list_limit = ticket_list_limit(total);
            }
            // Someone else spending the same budget (the app beside the CLI): count what the
            // server has charged beyond our own calls as spent now.
            if let Some(remaining) = remaining {
                self.expire(now);
                let ours: u64 = self.entries.iter().map(|e| e.cost as u64).sum();
                let server_used = (total as u64).saturating_sub(remaining);
                if server_used > ours {
                    self.next_id += 1;
                    self.entries.push_back(Entry {
                        id: self.next_id,
                        at: Some(now),
                        cost: (server_used - ours) as u32,
                        list: false,
                    });
                }
            }
        }
    }

    /// The call got no answer (transport error); the server may still have charged it, so its
    /// reservation stays, stamped now.
    pub fn failed(&mut self, id: u64, now: Instant) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.at = Some(now);
        }
    }

    /// The call was refused with 429: nobody sends until `retry_after` has passed.
    pub fn refused(&mut self, id: u64, now: Instant, retry_after: Duration) {
        self.entries.retain(|e| e.id != id);
        self.stats.refused += 1;
        let until = now + retry_after;
        if self.blocked_until.is_none_or(|b| b < until) {
            self.blocked_until = Some(until);
        }
    }

    /// Estimated time to spend `credits` more credits at the budget (for the ETA).
    pub fn time_for(&self, credits: u64) -> Option<Duration> {
        let budget = self.budget? as f64;
        Some(self.minute.mul_f64(credits as f64 / budget))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_exceeds_the_budget_within_a_minute() {
        let minute = Duration::from_secs(60);
        let mut p = Pacer::new(minute, Some(3));
        let t0 = Instant::now();
        for _ in 0..3 {
            let id = p.try_acquire(t0, 1, false).unwrap();
            p.finish(id, t0, Some(3), None, Some(1));
        }
        let wait = p.try_acquire(t0, 1, false).unwrap_err();
        assert_eq!(wait, minute);
        assert!(p.try_acquire(t0 + minute, 1, false).is_ok());
    }

    #[test]
    fn the_ticket_list_sub_limit_is_paced_separately() {
        let mut p = Pacer::new(Duration::from_secs(60), Some(200));
        let t0 = Instant::now();
        for _ in 0..20 {
            let id = p.try_acquire(t0, 1, true).unwrap();
            p.finish(id, t0, Some(200), Some(180), Some(1));
        }
        assert!(p.try_acquire(t0, 1, true).is_err());
        assert!(p.try_acquire(t0, 1, false).is_ok());
    }

    #[test]
    fn in_flight_calls_never_expire_and_429_blocks_everyone() {
        let minute = Duration::from_millis(10);
        let mut p = Pacer::new(minute, Some(1));
        let t0 = Instant::now();
        let id = p.try_acquire(t0, 1, false).unwrap();
        assert!(p.try_acquire(t0 + minute * 5, 1, false).is_err());
        p.refused(id, t0, Duration::from_secs(2));
        assert!(p
            .try_acquire(t0 + Duration::from_secs(1), 1, false)
            .is_err());
        assert!(p.try_acquire(t0 + Duration::from_secs(2), 1, false).is_ok());
        assert_eq!(p.stats.refused, 1);
    }

    #[test]
    fn other_spenders_seen_in_remaining_are_counted() {
        let mut p = Pacer::new(Duration::from_secs(60), Some(10));
        let t0 = Instant::now();
        let id = p.try_acquire(t0, 1, false).unwrap();
        p.finish(id, t0, Some(10), Some(1), Some(1));
        assert!(p.try_acquire(t0, 1, false).is_ok());
        assert!(p.try_acquire(t0, 1, false).is_err());
    }
}
