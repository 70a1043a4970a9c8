//! Freshdesk's per-account rate limiter: a sliding window of one simulated minute over
//! credits, plus the ticket-list sub-limit counted in calls. With time scale N a simulated
//! minute lasts 60/N real seconds; `Retry-After` is in real seconds, rounded up. Another app
//! on the same help desk can be switched on to spend part of the budget each minute.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

#[derive(Debug)]
struct Window {
    entries: VecDeque<(Instant, u32)>,
    used: u32,
}

impl Window {
    fn new() -> Window {
        Window {
            entries: VecDeque::new(),
            used: 0,
        }
    }

    fn expire(&mut self, now: Instant, len: Duration) {
        while let Some((t, c)) = self.entries.front() {
            if now.duration_since(*t) >= len {
                self.used -= c;
                self.entries.pop_front();
            } else {
                break;
            }
        }
    }

    /// How long until `need` more units fit under `limit`.
    fn wait_for(&self, now: Instant, len: Duration, need: u32, limit: u32) -> Duration {
        if need > limit {
            return len;
        }
        let mut used = self.used;
        for (t, c) in &self.entries {
            used -= c;
            if used + need <= limit {
                return (*t + len).saturating_duration_since(now);
            }
        }
        len
    }
}

/// The headers of an accepted call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub total: u32,
    pub remaining: u32,
    pub used_current: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The account-wide budget is spent.
    Budget { retry_after_secs: u64 },
    /// The ticket-list sub-limit is spent.
    TicketList { retry_after_secs: u64 },
}

impl Refusal {
    pub fn retry_after_secs(self) -> u64 {
        match self {
            Refusal::Budget { retry_after_secs } | Refusal::TicketList { retry_after_secs } => {
                retry_after_secs
            }
        }
    }
}

/// Another app using the same account: it spends `per_minute` credits at once at the start of
/// each simulated minute since it was switched on, as far as the budget allows, so that from
/// then on the window always holds its share (a fixed, predictable `X-RateLimit-Remaining`).
#[derive(Debug)]
struct OtherApp {
    per_minute: u32,
    next: Instant,
}

#[derive(Debug)]
pub struct RateLimiter {
    window: Duration,
    total: u32,
    ticket_list: Option<u32>,
    credits: Window,
    list_calls: Window,
    other_app: Option<OtherApp>,
}

/// Real length of one simulated minute.
pub fn minute(time_scale: f64) -> Duration {
    Duration::from_secs_f64(60.0 / time_scale.max(1e-6))
}

fn ceil_secs(d: Duration) -> u64 {
    let s = d.as_secs_f64().ceil() as u64;
    s.max(1)
}

impl RateLimiter {
    pub fn new(total: u32, ticket_list: Option<u32>, time_scale: f64) -> RateLimiter {
        RateLimiter {
            window: minute(time_scale),
            total,
            ticket_list,
            credits: Window::new(),
            list_calls: Window::new(),
            other_app: None,
        }
    }

    /// Switches the other app on (its first minute starts at `now`) or, with 0, off.
    pub fn set_other_app(&mut self, now: Instant, per_minute: u32) {
        self.other_app = (per_minute > 0).then_some(OtherApp {
            per_minute,
            next: now,
        });
    }

    /// Charges the other app's spending that is due by `now`. Only its latest due minute can
    /// still be in the window; earlier ones have expired and are skipped.
    fn charge_other_app(&mut self, now: Instant) {
        let Some(other) = self.other_app.as_mut() else {
            return;
        };
        if other.next > now {
            return;
        }
        let behind = now.duration_since(other.next).as_secs_f64() / self.window.as_secs_f64();
        let at = other.next + self.window.mul_f64(behind.floor());
        other.next = at + self.window;
        let per_minute = other.per_minute;
        self.credits.expire(at, self.window);
        let spend = per_minute.min(self.total.saturating_sub(self.credits.used));
        if spend > 0 {
            self.credits.entries.push_back((at, spend));
            self.credits.used += spend;
        }
    }

    /// Charges `cost` credits (and one ticket-list call when `is_ticket_list`) or refuses.
    /// Refused calls are not charged.
    pub fn acquire(
        &mut self,
        now: Instant,
        cost: u32,
        is_ticket_list: bool,
    ) -> Result<Usage, Refusal> {
        self.charge_other_app(now);
        self.credits.expire(now, self.window);
        self.list_calls.expire(now, self.window);
        if self.credits.used + cost > self.total {
            let wait = self.credits.wait_for(now, self.window, cost, self.total);
            return Err(Refusal::Budget {
                retry_after_secs: ceil_secs(wait),
            });
        }
        if is_ticket_list {
            if let Some(limit) = self.ticket_list {
                if self.list_calls.used + 1 > limit {
                    let wait = self.list_calls.wait_for(now, self.window, 1, limit);
                    return Err(Refusal::TicketList {
                        retry_after_secs: ceil_secs(wait),
                    });
                }
            }
            self.list_calls.entries.push_back((now, 1));
            self.list_calls.used += 1;
        }
        self.credits.entries.push_back((now, cost));
        self.credits.used += cost;
        Ok(Usage {
            total: self.total,
            remaining: self.total - self.credits.used,
            used_current: cost,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_and_retry_after() {
        let t0 = Instant::now();
        // Scale 6: a minute lasts 10 s.
        let mut rl = RateLimiter::new(5, Some(2), 6.0);
        assert_eq!(rl.acquire(t0, 3, false).unwrap().remaining, 2);
        assert_eq!(
            rl.acquire(t0 + Duration::from_secs(4), 2, false)
                .unwrap()
                .remaining,
            0
        );
        let r = rl
            .acquire(t0 + Duration::from_secs(5), 1, false)
            .unwrap_err();
        assert_eq!(
            r,
            Refusal::Budget {
                retry_after_secs: 5
            }
        );
        // After the first entry expires, 3 credits are free again.
        assert!(rl.acquire(t0 + Duration::from_secs(10), 3, false).is_ok());
    }

    #[test]
    fn ticket_list_sub_limit() {
        let t0 = Instant::now();
        let mut rl = RateLimiter::new(100, Some(2), 60.0);
        assert!(rl.acquire(t0, 1, true).is_ok());
        assert!(rl.acquire(t0, 1, true).is_ok());
        assert_eq!(
            rl.acquire(t0, 1, true).unwrap_err(),
            Refusal::TicketList {
                retry_after_secs: 1
            }
        );
        assert!(rl.acquire(t0, 1, false).is_ok());
        assert!(rl.acquire(t0 + Duration::from_secs(1), 1, true).is_ok());
    }

    #[test]
    fn other_app_spends_its_share_each_minute() {
        let t0 = Instant::now();
        // Scale 6: a minute lasts 10 s.
        let mut rl = RateLimiter::new(100, None, 6.0);
        rl.set_other_app(t0, 30);
        assert_eq!(rl.acquire(t0, 1, false).unwrap().remaining, 69);
        assert_eq!(
            rl.acquire(t0 + Duration::from_secs(5), 1, false)
                .unwrap()
                .remaining,
            68
        );
        // A minute later its first share has expired and the next one is spent.
        assert_eq!(
            rl.acquire(t0 + Duration::from_secs(10), 1, false)
                .unwrap()
                .remaining,
            68
        );
        // After a long quiet time only the latest minute's share counts.
        assert_eq!(
            rl.acquire(t0 + Duration::from_secs(95), 1, false)
                .unwrap()
                .remaining,
            69
        );
        // More than the budget: it takes what is left, and we are refused.
        rl.set_other_app(t0 + Duration::from_secs(96), 500);
        assert!(rl.acquire(t0 + Duration::from_secs(96), 1, false).is_err());
        rl.set_other_app(t0 + Duration::from_secs(97), 0);
        assert!(rl.acquire(t0 + Duration::from_secs(120), 1, false).is_ok());
    }
}
