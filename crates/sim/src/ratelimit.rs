//! Freshdesk's per-account rate limiter: a sliding window of one simulated minute over
//! credits, plus the ticket-list sub-limit counted in calls. With time scale N a simulated
//! minute lasts 60/N real seconds; `Retry-After` is in real seconds, rounded up.

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

#[derive(Debug)]
pub struct RateLimiter {
    window: Duration,
    total: u32,
    ticket_list: Option<u32>,
    credits: Window,
    list_calls: Window,
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
}
