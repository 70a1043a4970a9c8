//! Rate-limit headers as the importer sees them, per wall-clock minute: the last
//! `X-RateLimit-Remaining / Total`, what the server counted as used, and how much of that was
//! ours. The pacer feeds a [`RateMeter`] with every response; the run stores it when it ends.
//!
//! The server counts credits over the sliding minute before each answer (docs/freshworks-api.md,
//! "Rate limits and pacing"), so `Total - Remaining` is set against our credits of that same
//! sliding minute, not of the clock minute: half a minute into a busy import the clock minute
//! holds half of our credits, and the other half showed as "used by other apps".

use std::collections::VecDeque;

/// One minute's rate-limit figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinuteSample {
    /// Unix seconds / 60.
    pub minute: i64,
    pub remaining: u64,
    pub total: u64,
    /// The most the server counted as used in this minute (`total - remaining`).
    pub used: u64,
    /// Our credits in the sliding minute the server counted `used` over.
    pub ours: u64,
    /// When the minute's last sample arrived (unix seconds).
    pub at: i64,
}

/// Minutes kept in memory: a run stores them when it ends; two hours is more than the chart shows.
const KEPT_MINUTES: usize = 120;

/// The server's window: a sliding minute.
const WINDOW_SECONDS: i64 = 60;

#[derive(Debug, Clone, Default)]
pub struct RateMeter {
    minutes: Vec<MinuteSample>,
    /// Our calls of the last [`WINDOW_SECONDS`]: (when the answer came, credits). Stamped on
    /// arrival, never earlier than the server counted them, so "ours" is never too small and a
    /// busy import of our own is never taken for another app.
    recent: VecDeque<(i64, u64)>,
}

impl RateMeter {
    /// A response arrived now with these headers; `charged` credits were ours. Responses without
    /// rate-limit headers (Freshchat) are not recorded.
    pub fn observe(&mut self, total: Option<u64>, remaining: Option<u64>, charged: u64) {
        self.observe_at(chrono::Utc::now().timestamp(), total, remaining, charged);
    }

    pub fn observe_at(
        &mut self,
        at: i64,
        total: Option<u64>,
        remaining: Option<u64>,
        charged: u64,
    ) {
        self.recent.push_back((at, charged));
        while self
            .recent
            .front()
            .is_some_and(|&(then, _)| then <= at - WINDOW_SECONDS)
        {
            self.recent.pop_front();
        }
        let (Some(total), Some(remaining)) = (total, remaining) else {
            return;
        };
        let minute = at.div_euclid(60);
        let used = total.saturating_sub(remaining);
        let ours: u64 = self.recent.iter().map(|&(_, credits)| credits).sum();
        match self.minutes.last_mut() {
            Some(last) if last.minute == minute => {
                last.remaining = remaining;
                last.total = total;
                // The minute's busiest moment, and ours at that moment.
                if used >= last.used {
                    last.used = used;
                    last.ours = ours;
                }
                last.at = at;
            }
            _ => {
                self.minutes.push(MinuteSample {
                    minute,
                    remaining,
                    total,
                    used,
                    ours,
                    at,
                });
                if self.minutes.len() > KEPT_MINUTES {
                    self.minutes.remove(0);
                }
            }
        }
    }

    pub fn samples(&self) -> &[MinuteSample] {
        &self.minutes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minute_keeps_its_busiest_moment_with_our_credits_of_that_sliding_minute() {
        let mut meter = RateMeter::default();
        meter.observe_at(600, Some(400), Some(390), 1);
        meter.observe_at(610, Some(400), Some(300), 2);
        meter.observe_at(615, None, None, 1);
        meter.observe_at(620, Some(400), Some(350), 1);
        // 601..=660: the calls at 600 have left the window, those at 610..=620 not.
        meter.observe_at(660, Some(400), Some(395), 1);
        assert_eq!(
            meter.samples(),
            &[
                MinuteSample {
                    minute: 10,
                    remaining: 350,
                    total: 400,
                    used: 100,
                    ours: 3,
                    at: 620
                },
                MinuteSample {
                    minute: 11,
                    remaining: 395,
                    total: 400,
                    used: 5,
                    ours: 5,
                    at: 660
                },
            ]
        );
    }

    /// Only we spend, 10 credits every second, and the server counts a sliding minute: in no
    /// minute is anything left over for other apps. Another app's 200 a minute is seen as such.
    #[test]
    fn a_busy_import_of_our_own_is_not_taken_for_other_apps() {
        for other_app in [0, 200] {
            let mut meter = RateMeter::default();
            let mut ours = VecDeque::new();
            for at in 6_000..6_300 {
                ours.push_back(at);
                while ours.front().is_some_and(|&t| t <= at - 60) {
                    ours.pop_front();
                }
                let used = 10 * ours.len() as u64 + other_app;
                meter.observe_at(at, Some(1_000), Some(1_000 - used), 10);
            }
            for sample in meter.samples() {
                assert_eq!(sample.used - sample.ours, other_app, "{sample:?}");
            }
        }
    }
}
