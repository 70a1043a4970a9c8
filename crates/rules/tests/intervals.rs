//! Intervals and time zones: alignment, daylight-saving days, half- and quarter-hour zones.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use idesk_rules::*;

const LENGTHS: [IntervalLength; 3] = [
    IntervalLength::Minutes15,
    IntervalLength::Minutes30,
    IntervalLength::Minutes60,
];

/// Local midnight of `date` and of the next day, in UTC.
fn local_day(zone: Tz, date: &str) -> (DateTime<Utc>, DateTime<Utc>) {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let midnight = |d: NaiveDate| {
        zone.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap())
            .single()
            .unwrap()
            .to_utc()
    };
    (midnight(d), midnight(d.succ_opt().unwrap()))
}

/// Checks a whole local day: the intervals tile it, each is `length` long and starts on a local
/// multiple of `length`, and a contact at every minute is counted exactly once.
fn check_day(zone: Tz, date: &str, expected_hours: i64) -> Vec<String> {
    let (from, to) = local_day(zone, date);
    assert_eq!((to - from).num_hours(), expected_hours, "{zone} {date}");
    let mut labels = Vec::new();
    for length in LENGTHS {
        let grid = IntervalGrid::new(zone, length);
        let intervals: Vec<Interval> = grid.intervals(from, to).collect();
        assert_eq!(
            intervals.len() as i64,
            expected_hours * 60 / i64::from(length.minutes()),
            "{zone} {date} {length:?}"
        );
        assert_eq!(intervals.first().unwrap().start, from);
        assert_eq!(intervals.last().unwrap().end, to);
        for pair in intervals.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "contiguous");
        }
        for i in &intervals {
            assert_eq!((i.end - i.start).num_minutes(), i64::from(length.minutes()));
            let local = grid.local(i.start);
            assert_eq!(
                local.format("%M").to_string().parse::<u32>().unwrap() % length.minutes(),
                0
            );
            assert_eq!(grid.interval_of(i.start), *i);
            assert_eq!(grid.interval_of(i.end - Duration::seconds(1)), *i);
        }
        let mut counts = Aggregator::new(grid);
        let queue = QueueId(0);
        let minutes = (to - from).num_minutes();
        for m in 0..minutes {
            counts.add(queue, from + Duration::minutes(m) + Duration::seconds(17));
        }
        let sum: u64 = intervals.iter().map(|i| counts.count(queue, i.start)).sum();
        assert_eq!(sum, minutes as u64, "nothing lost or doubled");
        assert!(intervals
            .iter()
            .all(|i| counts.count(queue, i.start) == u64::from(length.minutes())));
        assert_eq!(counts.cell_count(), intervals.len());
        if length == IntervalLength::Minutes60 {
            labels = intervals
                .iter()
                .map(|i| grid.local(i.start).format("%H:%M%:z").to_string())
                .collect();
        }
    }
    labels
}

#[test]
fn berlin_spring_day_has_23_hours_and_no_2_oclock() {
    let labels = check_day(chrono_tz::Europe::Berlin, "2026-03-29", 23);
    assert_eq!(&labels[..3], ["00:00+01:00", "01:00+01:00", "03:00+02:00"]);
}

#[test]
fn berlin_autumn_day_has_25_hours_and_2_oclock_twice() {
    let labels = check_day(chrono_tz::Europe::Berlin, "2026-10-25", 25);
    assert_eq!(
        &labels[1..5],
        ["01:00+02:00", "02:00+02:00", "02:00+01:00", "03:00+01:00"]
    );
}

#[test]
fn new_york_spring_day_has_23_hours() {
    let labels = check_day(chrono_tz::America::New_York, "2026-03-08", 23);
    assert_eq!(&labels[1..3], ["01:00-05:00", "03:00-04:00"]);
}

#[test]
fn new_york_autumn_day_has_25_hours() {
    let labels = check_day(chrono_tz::America::New_York, "2026-11-01", 25);
    assert_eq!(&labels[1..3], ["01:00-04:00", "01:00-05:00"]);
}

#[test]
fn ordinary_days_have_24_hours() {
    check_day(chrono_tz::Europe::Berlin, "2026-03-02", 24);
    check_day(chrono_tz::UTC, "2026-03-02", 24);
}

#[test]
fn kolkata_plus_0530_quarter_hours_align_to_local_time() {
    let zone = chrono_tz::Asia::Kolkata;
    check_day(zone, "2026-03-02", 24);
    let grid = IntervalGrid::new(zone, IntervalLength::Minutes15);
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 3, 52, 0).unwrap(); // 09:22 IST
    let i = grid.interval_of(at);
    assert_eq!(
        grid.local(i.start).to_rfc3339(),
        "2026-03-02T09:15:00+05:30"
    );
    assert_eq!(i.start, Utc.with_ymd_and_hms(2026, 3, 2, 3, 45, 0).unwrap());
    let hour = IntervalGrid::new(zone, IntervalLength::Minutes60).interval_of(at);
    assert_eq!(
        hour.start,
        Utc.with_ymd_and_hms(2026, 3, 2, 3, 30, 0).unwrap()
    ); // 09:00 IST
}

#[test]
fn kathmandu_plus_0545_quarter_hours_align_to_local_time() {
    let zone = chrono_tz::Asia::Kathmandu;
    check_day(zone, "2026-03-02", 24);
    let grid = IntervalGrid::new(zone, IntervalLength::Minutes15);
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 3, 52, 0).unwrap(); // 09:37 NPT
    let i = grid.interval_of(at);
    assert_eq!(
        grid.local(i.start).to_rfc3339(),
        "2026-03-02T09:30:00+05:45"
    );
    assert_eq!(i.start, Utc.with_ymd_and_hms(2026, 3, 2, 3, 45, 0).unwrap());
    let hour = IntervalGrid::new(zone, IntervalLength::Minutes60).interval_of(at);
    assert_eq!(
        grid.local(hour.start).to_rfc3339(),
        "2026-03-02T09:00:00+05:45"
    );
    assert_eq!(
        hour.start,
        Utc.with_ymd_and_hms(2026, 3, 2, 3, 15, 0).unwrap()
    );
}

#[test]
fn lord_howe_half_hour_change_shortens_one_hour_interval_without_overlap() {
    // Lord Howe moves by 30 minutes: with 60-minute intervals one is cut short, none overlap.
    for date in ["2026-04-05", "2026-10-04"] {
        let zone = chrono_tz::Australia::Lord_Howe;
        let (from, to) = local_day(zone, date);
        let grid = IntervalGrid::new(zone, IntervalLength::Minutes60);
        let intervals: Vec<Interval> = grid.intervals(from, to).collect();
        for pair in intervals.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert_eq!(intervals.last().unwrap().end, to);
        assert!(
            intervals
                .iter()
                .any(|i| (i.end - i.start).num_minutes() == 30),
            "{date}"
        );
        let mut counts = Aggregator::new(grid);
        let minutes = (to - from).num_minutes();
        for m in 0..minutes {
            counts.add(QueueId(0), from + Duration::minutes(m));
        }
        let sum: u64 = intervals
            .iter()
            .map(|i| counts.count(QueueId(0), i.start))
            .sum();
        assert_eq!(sum, minutes as u64, "{date}");
    }
}

#[test]
fn interval_lengths_are_15_30_60_and_15_by_default() {
    assert_eq!(DEFAULT_INTERVAL, IntervalLength::Minutes15);
    assert_eq!(IntervalLength::default().minutes(), 15);
    for m in [15, 30, 60] {
        assert_eq!(IntervalLength::from_minutes(m).unwrap().minutes(), m);
    }
    for m in [0, 5, 20, 45, 120] {
        assert_eq!(
            IntervalLength::from_minutes(m),
            Err(InvalidIntervalLength(m))
        );
    }
    assert_eq!(
        serde_json::to_string(&IntervalLength::Minutes30).unwrap(),
        "30"
    );
    assert!(serde_json::from_str::<IntervalLength>("20").is_err());
}

#[test]
fn interval_is_start_inclusive_end_exclusive() {
    let grid = IntervalGrid::new(chrono_tz::UTC, IntervalLength::Minutes15);
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    assert_eq!(grid.interval_of(start).start, start);
    assert_eq!(
        grid.interval_of(start - Duration::seconds(1)).start,
        start - Duration::minutes(15)
    );
    assert_eq!(
        grid.interval_of(start + Duration::seconds(899)).start,
        start
    );
}
