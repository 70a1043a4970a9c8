//! Coverage ("no data" is not 0) and the queue report of `idesk queues`.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::*;
use idesk_rules::*;

#[test]
fn coverage_merges_ranges_and_classifies_intervals() {
    let mut c = Coverage::new();
    c.add(at(2026, 3, 2, 10, 0), at(2026, 3, 2, 11, 0));
    c.add(at(2026, 3, 2, 11, 0), at(2026, 3, 2, 12, 0)); // touching: joins
    c.add(at(2026, 3, 2, 14, 0), at(2026, 3, 2, 14, 20));
    c.add(at(2026, 3, 2, 13, 0), at(2026, 3, 2, 12, 0)); // reversed: ignored
    assert_eq!(
        c.ranges(),
        [
            CoverageRange {
                from: at(2026, 3, 2, 10, 0),
                to: at(2026, 3, 2, 12, 0)
            },
            CoverageRange {
                from: at(2026, 3, 2, 14, 0),
                to: at(2026, 3, 2, 14, 20)
            },
        ]
    );
    let interval = |h, m| Interval {
        start: at(2026, 3, 2, h, m),
        end: at(2026, 3, 2, h, m) + Duration::minutes(15),
    };
    assert_eq!(c.of_interval(&interval(11, 45)), IntervalCoverage::Full);
    assert_eq!(c.of_interval(&interval(12, 0)), IntervalCoverage::None);
    assert_eq!(c.of_interval(&interval(14, 15)), IntervalCoverage::Partial);
}

#[test]
fn zero_only_where_imported() {
    assert_eq!(
        interval_value(0, IntervalCoverage::None),
        IntervalValue::NoData
    );
    assert_eq!(
        interval_value(0, IntervalCoverage::Full),
        IntervalValue::Count(0)
    );
    assert_eq!(
        interval_value(0, IntervalCoverage::Partial),
        IntervalValue::Partial(0)
    );
    assert_eq!(
        interval_value(3, IntervalCoverage::None),
        IntervalValue::Partial(3)
    );
    assert_eq!(
        interval_value(3, IntervalCoverage::Full),
        IntervalValue::Count(3)
    );
}

fn sample() -> (Aggregator, QueueTable, Coverage, IntervalGrid) {
    let mut d = deriver();
    let mut tickets = vec![
        ticket(1, Some(CUSTOMER_SERVICE), 7),
        ticket(2, Some(CUSTOMER_SERVICE), 7),
        ticket(3, Some(6), 1),
    ];
    tickets[0].created_at = at(2026, 3, 29, 0, 10); // 01:10+01:00
    tickets[1].created_at = at(2026, 3, 29, 1, 5); // 03:05+02:00
    tickets[2].created_at = at(2026, 3, 29, 1, 7);
    let conversations = [customer_reply(10, 1, 0)]; // 2026-03-04: outside the report
    let grid = IntervalGrid::new(chrono_tz::Europe::Berlin, IntervalLength::Minutes15);
    let mut counts = Aggregator::new(grid);
    counts.extend(d.derive_initial(&tickets, &conversations));
    let mut coverage = Coverage::new();
    coverage.add(at(2026, 3, 28, 23, 0), at(2026, 3, 29, 1, 0));
    (counts, d.into_queues(), coverage, grid)
}

#[test]
fn report_has_the_cli_json_shape_with_local_offsets() {
    let (counts, queues, coverage, _) = sample();
    let report = QueueReport::build(
        &counts,
        &queues,
        &coverage,
        at(2026, 3, 28, 23, 0),
        at(2026, 3, 29, 3, 0),
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "interval_minutes": 15,
            "time_zone": "Europe/Berlin",
            "from": "2026-03-29T00:00:00+01:00",
            "to": "2026-03-29T05:00:00+02:00",
            "coverage": [{"from": "2026-03-29T00:00:00+01:00", "to": "2026-03-29T03:00:00+02:00"}],
            "queues": [
                {"name": "Billing email Tickets", "total": 1,
                 "intervals": [{"start": "2026-03-29T03:00:00+02:00", "count": 1}]},
                {"name": "CustomerService chat Tickets", "total": 2,
                 "intervals": [{"start": "2026-03-29T01:00:00+01:00", "count": 1},
                               {"start": "2026-03-29T03:00:00+02:00", "count": 1}]},
                {"name": "CustomerService email Replies", "total": 0, "intervals": []}
            ]
        })
    );
    let back: QueueReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn report_totals_equal_the_sum_of_intervals_and_grid_shows_no_data() {
    let (counts, queues, coverage, grid) = sample();
    let report = QueueReport::build(
        &counts,
        &queues,
        &coverage,
        at(2026, 3, 28, 23, 0),
        at(2026, 3, 29, 3, 0),
    );
    for q in &report.queues {
        assert_eq!(q.total, q.intervals.iter().map(|i| i.count).sum::<u64>());
        assert!(q.intervals.iter().all(|i| i.count > 0));
    }
    let rows = report.grid(&grid);
    assert_eq!(rows.len(), 4 * 4); // 4 real hours of a spring-forward night
    let chat = report
        .queues
        .iter()
        .position(|q| q.name == "CustomerService chat Tickets")
        .unwrap();
    // 00:00+01:00: imported, nothing → 0.
    assert_eq!(rows[0].values[chat], IntervalValue::Count(0));
    // 01:00+01:00: imported, one ticket.
    assert_eq!(rows[4].values[chat], IntervalValue::Count(1));
    // 03:00+02:00: not imported but a contact is there → a lower bound, not a 0.
    assert_eq!(rows[8].start.to_rfc3339(), "2026-03-29T03:00:00+02:00");
    assert_eq!(rows[8].values[chat], IntervalValue::Partial(1));
    // 03:15+02:00: not imported, nothing → no data.
    assert_eq!(rows[9].values[chat], IntervalValue::NoData);
}

#[test]
fn report_from_snaps_to_the_interval_holding_it() {
    let (counts, queues, coverage, _) = sample();
    let from = Utc.with_ymd_and_hms(2026, 3, 29, 0, 17, 0).unwrap();
    let report = QueueReport::build(&counts, &queues, &coverage, from, at(2026, 3, 29, 3, 0));
    assert_eq!(report.from.to_rfc3339(), "2026-03-29T01:15:00+01:00");
    let chat = report
        .queues
        .iter()
        .find(|q| q.name == "CustomerService chat Tickets")
        .unwrap();
    assert_eq!(
        chat.total, 1,
        "the 01:10 contact is before the 01:15 interval"
    );
}

#[test]
fn aggregator_memory_follows_cells_not_contacts() {
    let grid = IntervalGrid::new(chrono_tz::UTC, IntervalLength::Minutes60);
    let mut counts = Aggregator::new(grid);
    for s in 0..100_000 {
        counts.add(
            QueueId(s % 2),
            at(2026, 3, 2, 10, 0) + Duration::seconds(i64::from(s) % 3600),
        );
    }
    assert_eq!(counts.contacts(), 100_000);
    assert_eq!(counts.cell_count(), 2);
    assert_eq!(counts.queue_total(QueueId(0)), 50_000);
}

#[test]
fn cells_outside_the_packed_range_are_counted_too() {
    let grid = IntervalGrid::new(chrono_tz::Europe::Berlin, IntervalLength::Minutes15);
    let mut counts = Aggregator::new(grid);
    let big_queue = QueueId(1 << 24);
    let now = at(2026, 3, 2, 10, 7);
    let far = Utc.with_ymd_and_hms(30_000, 1, 1, 10, 7, 0).unwrap();
    for _ in 0..3 {
        counts.add(big_queue, now);
        counts.add(QueueId(1), far);
        counts.add(QueueId(1), now);
    }
    assert_eq!(counts.count(big_queue, grid.interval_of(now).start), 3);
    assert_eq!(counts.count(QueueId(1), grid.interval_of(far).start), 3);
    assert_eq!(counts.count(QueueId(1), grid.interval_of(now).start), 3);
    assert_eq!(counts.cell_count(), 3);
    assert_eq!(counts.queue_total(QueueId(1)), 6);
    let cells = counts.cells();
    assert_eq!(cells.iter().map(|c| c.2).sum::<u64>(), 9);
    assert_eq!(cells[0], (QueueId(1), grid.interval_of(now).start, 3));
}
