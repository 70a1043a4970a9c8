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

/// Shortest and longest rate-limit minute `IDESK_TIME_SCALE` may give (a scale of `1e-300`
/// would otherwise make a minute that overflows every clock).
pub const MIN_MINUTE: Duration = Duration::from_millis(1);
pub const MAX_MINUTE: Duration = Duration::from_secs(3600);

/// The length of a rate-limit minute under `IDESK_TIME_SCALE`.
pub fn minute_from_env() -> Duration {
    minute_for_scale(std::env::var(TIME_SCALE_ENV).ok().as_deref())
}

/// A minute lasts 60/`scale` seconds; a scale that is not a positive number, or that makes a
/// minute shorter than [`MIN_MINUTE`] or longer than [`MAX_MINUTE`], is ignored (logged).
pub fn minute_for_scale(scale: Option<&str>) -> Duration {
    let Some(text) = scale.map(str::trim).filter(|t| !t.is_empty()) else {
        return Duration::from_secs(60);
    };
    let minute = text
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0)
        .and_then(|v| Duration::try_from_secs_f64(60.0 / v).ok())
        .filter(|m| (MIN_MINUTE..=MAX_MINUTE).contains(m));
    minute.unwrap_or_else(|| {
        tracing::warn!(
            value = text,
            "ignoring {TIME_SCALE_ENV}: a minute must last between 1 ms and 1 hour"
        );
        Duration::from_secs(60)
    })
}

/// Longest a 429 blocks every sender (callers cap `Retry-After` further).
const MAX_BLOCK: Duration = Duration::from_secs(3600);

/// The ticket-list calls per minute Freshdesk allows with this per-minute budget (plan table of
/// docs/freshworks-api.md); `None` when the budget itself is the tighter bound (trial).
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
        let used: u64 = self.entries.iter().map(|e| u64::from(e.cost)).sum();
        let lists = self.entries.iter().filter(|e| e.list).count() as u64;
        let over_budget = self
            .budget
            .is_some_and(|b| used + u64::from(cost) > u64::from(b.max(cost)));
        let over_list = list && self.list_limit.is_some_and(|l| lists + 1 > u64::from(l));
        if over_budget || over_list {
            // The oldest finished call that, once expired, frees room; in-flight calls only free
            // room when they finish, so poll again shortly.
            let wait = self
                .entries
                .iter()
                .filter(|e| !over_list || e.list)
                .filter_map(|e| e.at)
                .min()
                .map(|at| {
                    at.checked_add(self.minute)
                        .map_or(self.minute, |end| end.saturating_duration_since(now))
                })
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

    /// A response arrived: stamp the call and learn from the headers. Values no server means
    /// (a budget of 0, a call charged more than the budget) are ignored or clamped, logged.
    pub fn finish(
        &mut self,
        id: u64,
        now: Instant,
        total: Option<u64>,
        remaining: Option<u64>,
        used_current: Option<u64>,
    ) {
        let total = match total {
            Some(0) => {
                tracing::warn!("ignoring X-RateLimit-Total: 0");
                None
            }
            other => other.map(|t| t.min(u64::from(u32::MAX)) as u32),
        };
        let ceiling = total.or(self.budget).unwrap_or(u32::MAX).max(1);
        let charged = used_current.map_or(1, |c| {
            if c > u64::from(ceiling) {
                tracing::warn!(
                    charged = c,
                    ceiling,
                    "clamping X-RateLimit-Used-CurrentRequest to the budget"
                );
            }
            c.min(u64::from(ceiling)) as u32
        });
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.at = Some(now);
            e.cost = charged;
        }
        self.stats.calls = self.stats.calls.saturating_add(1);
        self.stats.credits = self.stats.credits.saturating_add(u64::from(charged));
        self.rate
            .observe(total.map(u64::from), remaining, u64::from(charged));
        if let Some(total) = total {
            if self.budget != Some(total) {
                self.budget = Some(total);
                self.list_limit = ticket_list_limit(total);
            }
            // Someone else spending the same budget (the app beside the CLI): count what the
            // server has charged beyond our own calls as spent now.
            if let Some(remaining) = remaining {
                self.expire(now);
                let ours: u64 = self.entries.iter().map(|e| u64::from(e.cost)).sum();
                let server_used = u64::from(total).saturating_sub(remaining);
                if server_used > ours {
                    self.next_id += 1;
                    self.entries.push_back(Entry {
                        id: self.next_id,
                        at: Some(now),
                        cost: (server_used - ours).min(u64::from(u32::MAX)) as u32,
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
        let until = now + retry_after.min(MAX_BLOCK);
        if self.blocked_until.is_none_or(|b| b < until) {
            self.blocked_until = Some(until);
        }
    }

    /// Estimated time to spend `credits` more credits at the budget (for the ETA).
    pub fn time_for(&self, credits: u64) -> Option<Duration> {
        let budget = f64::from(self.budget.filter(|b| *b > 0)?);
        Duration::try_from_secs_f64(self.minute.as_secs_f64() * credits as f64 / budget).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_time_scales_are_ignored() {
        let minute = Duration::from_secs(60);
        for bad in ["1e-300", "0", "-1", "NaN", "inf", "x", "1e300"] {
            assert_eq!(minute_for_scale(Some(bad)), minute, "{bad}");
        }
        assert_eq!(minute_for_scale(Some("60")), Duration::from_secs(1));
        assert_eq!(minute_for_scale(None), minute);
    }

    #[test]
    fn a_budget_of_zero_is_ignored() {
        let mut p = Pacer::new(Duration::from_secs(60), None);
        let t0 = Instant::now();
        let id = p.try_acquire(t0, 1, false).unwrap();
        p.finish(id, t0, Some(0), Some(0), Some(1));
        assert_eq!(p.budget(), None);
        assert_eq!(p.time_for(10), None);
        let mut p = Pacer::new(Duration::from_secs(60), Some(0));
        assert_eq!(p.time_for(10), None);
        assert!(p.try_acquire(t0, 1, false).is_ok());
    }

    #[test]
    fn a_call_charged_u32_max_does_not_overflow() {
        let mut p = Pacer::new(Duration::from_secs(60), Some(100));
        let t0 = Instant::now();
        for _ in 0..3 {
            if let Ok(id) = p.try_acquire(t0, 1, false) {
                p.finish(id, t0, Some(100), Some(0), Some(4_294_967_295));
            }
        }
        assert!(p.try_acquire(t0, 1, false).is_err());
        assert!(p.stats.credits <= 300);
        p.refused(0, t0, Duration::MAX);
        assert!(p
            .try_acquire(t0 + Duration::from_secs(1800), 1, false)
            .is_err());
    }

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
