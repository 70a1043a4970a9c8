//! Freshness: is the data late, judged against the help desk's own rhythm rather than a clock.
//!
//! **The rule.** From the cached contacts of the [`HISTORY_DAYS`] before the newest contact, the
//! help desk's usual number of contacts in each hour of the week (Monday 00–01 … Sunday 23–24,
//! in the integration's zone) is the mean over the weeks of that history. The *silence* is the
//! stretch from the newest cached contact to the end of the last successful sync: the sync ran,
//! and nothing newer arrived. Summing the usual numbers over the hours of the silence (partial
//! hours pro rata) gives the contacts one would have expected in it. The data is late when that
//! expectation reaches [`LATE_EXPECTED`] contacts: if contacts arrive as usual, seeing none at all
//! in such a stretch has a chance below e^-6 ≈ 0.25 %. A quiet night or weekend adds almost
//! nothing to the expectation, so a silence through it is not late however long it lasts; a
//! silent, usually busy working hour is. The quiet periods the history shows are exactly the
//! hours whose usual number is low. Without [`MIN_HISTORY_DAYS`] of history there is no verdict.

use chrono::{Datelike, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// How much history sets the rhythm.
pub const HISTORY_DAYS: i64 = 28;
/// Less history than this gives no verdict: one week could be a holiday.
pub const MIN_HISTORY_DAYS: i64 = 14;
/// The expected contacts in a silence from which the data counts as late.
pub const LATE_EXPECTED: f64 = 6.0;

const HOUR: i64 = 3600;
const WEEK_HOURS: usize = 168;

/// Cached contacts per UTC hour over `[from, to)` (unix seconds): `(hour start, count)`.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub from: i64,
    pub to: i64,
    pub hourly: Vec<(i64, u64)>,
}

/// What the rule found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Freshness {
    /// Contacts the rhythm leads one to expect in the silence.
    pub expected: f64,
    pub late: bool,
}

/// Judges the silence `[silence_from, silence_to)` against `history`, in `zone`. `None` when
/// the history is too short to know the rhythm.
pub fn judge(history: &History, silence_from: i64, silence_to: i64, zone: Tz) -> Option<Freshness> {
    if history.to - history.from < MIN_HISTORY_DAYS * 24 * HOUR {
        return None;
    }
    let usual = usual_per_hour_of_week(history, zone);
    let mut expected = 0.0;
    let mut hour = silence_from.div_euclid(HOUR) * HOUR;
    while hour < silence_to {
        let overlap = (hour + HOUR).min(silence_to) - hour.max(silence_from);
        expected += usual[slot(hour, zone)] * overlap as f64 / HOUR as f64;
        hour += HOUR;
    }
    Some(Freshness {
        expected,
        late: expected >= LATE_EXPECTED,
    })
}

/// The mean contacts of each hour of the week over the whole hours of the history.
fn usual_per_hour_of_week(history: &History, zone: Tz) -> [f64; WEEK_HOURS] {
    let mut seen = [0u32; WEEK_HOURS];
    let mut counts = [0u64; WEEK_HOURS];
    let first = (history.from + HOUR - 1).div_euclid(HOUR) * HOUR;
    let mut hour = first;
    while hour + HOUR <= history.to {
        seen[slot(hour, zone)] += 1;
        hour += HOUR;
    }
    for &(start, count) in &history.hourly {
        if start >= first && start + HOUR <= history.to {
            counts[slot(start, zone)] += count;
        }
    }
    let mut usual = [0.0; WEEK_HOURS];
    for i in 0..WEEK_HOURS {
        if seen[i] > 0 {
            usual[i] = counts[i] as f64 / seen[i] as f64;
        }
    }
    usual
}

/// The local hour of the week of an instant: Monday 0–1 is 0, Sunday 23–24 is 167.
fn slot(at: i64, zone: Tz) -> usize {
    let local = Utc
        .timestamp_opt(at, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&zone);
    local.weekday().num_days_from_monday() as usize * 24 + local.hour() as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const BERLIN: Tz = chrono_tz::Europe::Berlin;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        let naive = NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap();
        BERLIN.from_local_datetime(&naive).unwrap().timestamp()
    }

    /// Four weeks of a help desk busy on working days 9–17 in Berlin (12 contacts an hour),
    /// with one contact an hour in the evenings 17–21 and none at night or on weekends, ending
    /// on Monday 2026-11-30 at 09:00.
    fn office_history() -> History {
        let to = at(2026, 11, 30, 9, 0);
        let from = to - 28 * 24 * HOUR;
        let mut hourly = Vec::new();
        let mut hour = from;
        while hour < to {
            let local = Utc.timestamp_opt(hour, 0).unwrap().with_timezone(&BERLIN);
            let weekday = local.weekday().num_days_from_monday() < 5;
            let count = match local.hour() {
                9..=16 if weekday => 12,
                17..=20 if weekday => 1,
                _ => 0,
            };
            if count > 0 {
                hourly.push((hour, count));
            }
            hour += HOUR;
        }
        History { from, to, hourly }
    }

    #[test]
    fn a_quiet_night_is_not_late() {
        // The last contact at 20:30 on Friday, the sync ran at 07:00 on Saturday.
        let f = judge(
            &office_history(),
            at(2026, 11, 27, 20, 30),
            at(2026, 11, 28, 7, 0),
            BERLIN,
        )
        .unwrap();
        assert!(!f.late, "{f:?}");
        assert!(f.expected < 1.0, "{f:?}");
    }

    #[test]
    fn a_silent_weekend_is_not_late() {
        let f = judge(
            &office_history(),
            at(2026, 11, 27, 21, 0),
            at(2026, 11, 30, 8, 55),
            BERLIN,
        )
        .unwrap();
        assert!(!f.late, "{f:?}");
    }

    #[test]
    fn a_silent_working_hour_is_late() {
        // Nothing since 09:00 on Tuesday; the sync at 10:00 found nothing new.
        let f = judge(
            &office_history(),
            at(2026, 12, 1, 9, 0),
            at(2026, 12, 1, 10, 0),
            BERLIN,
        )
        .unwrap();
        assert!(f.late, "{f:?}");
        assert!((f.expected - 12.0).abs() < 1e-9, "{f:?}");
    }

    #[test]
    fn a_short_silence_in_a_working_hour_is_not_late() {
        // Twenty minutes without a contact: 4 expected, well within chance.
        let f = judge(
            &office_history(),
            at(2026, 12, 1, 9, 0),
            at(2026, 12, 1, 9, 20),
            BERLIN,
        )
        .unwrap();
        assert!(!f.late, "{f:?}");
    }

    #[test]
    fn too_little_history_gives_no_verdict() {
        let mut history = office_history();
        history.from = history.to - 10 * 24 * HOUR;
        assert_eq!(
            judge(&history, history.to, history.to + 5 * HOUR, BERLIN),
            None
        );
    }
}
