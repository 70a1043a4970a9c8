//! Rate-limit headers as the importer sees them, per wall-clock minute: the last
//! `X-RateLimit-Remaining / Total`, what the server counted as used, and the credits charged to
//! us. The pacer feeds a [`RateMeter`] with every response; the run stores it when it ends.

/// One minute's rate-limit figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinuteSample {
    /// Unix seconds / 60.
    pub minute: i64,
    pub remaining: u64,
    pub total: u64,
    /// The most the server counted as used in this minute (`total - remaining`).
    pub used: u64,
    /// Credits charged to our calls in this minute.
    pub ours: u64,
    /// When the minute's last sample arrived (unix seconds).
    pub at: i64,
}

/// Minutes kept in memory: a run stores them when it ends; two hours is more than the chart shows.
const KEPT_MINUTES: usize = 120;

#[derive(Debug, Clone, Default)]
pub struct RateMeter {
    minutes: Vec<MinuteSample>,
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
        let (Some(total), Some(remaining)) = (total, remaining) else {
            return;
        };
        let minute = at.div_euclid(60);
        let used = total.saturating_sub(remaining);
        match self.minutes.last_mut() {
            Some(last) if last.minute == minute => {
                last.remaining = remaining;
                last.total = total;
                last.used = last.used.max(used);
                last.ours += charged;
                last.at = at;
            }
            _ => {
                self.minutes.push(MinuteSample {
                    minute,
                    remaining,
                    total,
                    used,
                    ours: charged,
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
    fn samples_of_one_minute_add_our_credits_and_keep_the_last_headers() {
        let mut meter = RateMeter::default();
        meter.observe_at(600, Some(400), Some(390), 1);
        meter.observe_at(610, Some(400), Some(300), 2);
        meter.observe_at(615, None, None, 1);
        meter.observe_at(660, Some(400), Some(399), 1);
        assert_eq!(
            meter.samples(),
            &[
                MinuteSample {
                    minute: 10,
                    remaining: 300,
                    total: 400,
                    used: 100,
                    ours: 3,
                    at: 610
                },
                MinuteSample {
                    minute: 11,
                    remaining: 399,
                    total: 400,
                    used: 1,
                    ours: 1,
                    at: 660
                },
            ]
        );
    }
}
