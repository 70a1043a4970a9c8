//! The queue report from the per-block counts equals the engine's report over every contact,
//! whatever the zone, interval and range edges (issue 6, preview query).

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use idesk_core::import::{cache, queues};
use idesk_core::paths::AppPaths;
use idesk_core::Store;
use idesk_rules::{
    Aggregator, Contact, ContactId, ContactKind, Coverage, IntervalGrid, QueueId, QueueReport,
    QueueTable,
};

const IID: &str = "report-test";

/// Contacts spread over `days` from `start` in a few queues, stored through the importer's insert.
fn cache_with_contacts(
    start: DateTime<Utc>,
    days: i64,
) -> (tempfile::TempDir, Store, Vec<(String, i64)>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let store = Store::open(&paths).unwrap();
    let conn = rusqlite::Connection::open(paths.database()).unwrap();
    let span = days * 86_400;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut stored = Vec::new();
    for i in 0..20_000u64 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let queue = format!("Group {} email Tickets", x % 7);
        let at = start.timestamp() + (x >> 16) as i64 % span;
        let contact = Contact {
            id: ContactId::Ticket(i % 19_000), // some identities twice: the first one stands
            kind: ContactKind::Ticket,
            queue: QueueId(0),
            at: Utc.timestamp_opt(at, 0).unwrap(),
        };
        if cache::insert_contact(&conn, IID, &contact, &queue).unwrap() {
            stored.push((queue, at));
        }
    }
    cache::add_coverage(
        &conn,
        IID,
        start.timestamp(),
        (start + Duration::days(days)).timestamp(),
    )
    .unwrap();
    (dir, store, stored)
}

fn expected(
    stored: &[(String, i64)],
    zone: Tz,
    minutes: u32,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    coverage: (DateTime<Utc>, DateTime<Utc>),
) -> QueueReport {
    let grid = IntervalGrid::new(zone, minutes.try_into().unwrap());
    let mut table = QueueTable::new();
    let mut names: Vec<&String> = stored.iter().map(|(q, _)| q).collect();
    names.sort();
    names.dedup();
    for name in names {
        table.intern(name, ContactKind::Ticket);
    }
    let first = grid.interval_of(from).start.timestamp();
    let mut counts = Aggregator::new(grid);
    for (queue, at) in stored
        .iter()
        .filter(|(_, at)| *at >= first && *at < to.timestamp())
    {
        let id = table.intern(queue, ContactKind::Ticket);
        counts.add(id, Utc.timestamp_opt(*at, 0).unwrap());
    }
    let mut cov = Coverage::new();
    cov.add(coverage.0, coverage.1);
    QueueReport::build(&counts, &table, &cov, from, to)
}

#[test]
fn block_counts_give_the_report_of_every_contact() {
    let start = Utc.with_ymd_and_hms(2026, 2, 20, 0, 0, 0).unwrap();
    let (_dir, store, stored) = cache_with_contacts(start, 60);
    let end = start + Duration::days(60);
    let odd = Duration::seconds(7 * 60 + 13);
    let ranges = [
        (start, end),
        (
            start + Duration::days(20) + odd,
            start + Duration::days(40) + odd,
        ),
        (
            start - Duration::days(3),
            start + Duration::days(33) + Duration::minutes(50),
        ),
    ];
    // DST in March (Berlin, New York), +05:45, +05:30 and a 30-minute DST shift (Lord Howe).
    for zone in [
        chrono_tz::Europe::Berlin,
        chrono_tz::America::New_York,
        chrono_tz::Asia::Kathmandu,
        chrono_tz::Asia::Kolkata,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::UTC,
    ] {
        for minutes in [15u32, 30, 60] {
            for (from, to) in ranges {
                let got = queues::report(
                    &store,
                    IID,
                    from,
                    to,
                    zone,
                    queues::interval(minutes).unwrap(),
                )
                .unwrap();
                assert_eq!(
                    got,
                    expected(&stored, zone, minutes, from, to, (start, end)),
                    "{zone} {minutes} {from} {to}"
                );
            }
        }
    }
}

#[test]
fn a_report_of_selected_queues_has_every_total_and_only_their_intervals() {
    let start = Utc.with_ymd_and_hms(2026, 2, 20, 0, 0, 0).unwrap();
    let (_dir, store, _) = cache_with_contacts(start, 60);
    // Inside blocks at both ends, so the contacts after the last whole block count too.
    let (from, to) = (
        start + Duration::seconds(7 * 60 + 13),
        start + Duration::days(59) + Duration::seconds(13 * 60 + 7),
    );
    let length = queues::interval(15).unwrap();
    let zone = chrono_tz::Europe::Berlin;
    let full = queues::report(&store, IID, from, to, zone, length).unwrap();
    let selected = [
        "Group 3 email Tickets".to_string(),
        "Group 5 email Tickets".to_string(),
    ];
    let some = queues::report_of(&store, IID, from, to, zone, length, Some(&selected)).unwrap();
    let none = queues::report_of(&store, IID, from, to, zone, length, Some(&[])).unwrap();
    assert_eq!(full.queues.len(), 7);
    for report in [&some, &none] {
        assert_eq!(report.queues.len(), full.queues.len());
        for (got, all) in report.queues.iter().zip(&full.queues) {
            assert_eq!((&got.name, got.total), (&all.name, all.total));
            if report == &some && selected.contains(&got.name) {
                assert_eq!(got.intervals, all.intervals, "{}", got.name);
                assert!(!got.intervals.is_empty());
            } else {
                assert!(got.intervals.is_empty(), "{}", got.name);
            }
        }
        assert_eq!(report.coverage, full.coverage);
    }
}

#[test]
fn historical_offsets_off_the_quarter_hour_are_counted_exactly() {
    // Monrovia kept -00:44:30 until 1972: 15-minute UTC blocks straddle its intervals.
    let start = Utc.with_ymd_and_hms(1960, 5, 1, 0, 0, 0).unwrap();
    let (_dir, store, stored) = cache_with_contacts(start, 10);
    let (from, to) = (start + Duration::days(1), start + Duration::days(9));
    let zone = chrono_tz::Africa::Monrovia;
    let got = queues::report(&store, IID, from, to, zone, queues::interval(15).unwrap()).unwrap();
    assert_eq!(
        got,
        expected(
            &stored,
            zone,
            15,
            from,
            to,
            (start, start + Duration::days(10))
        )
    );
    assert!(got.queues.iter().map(|q| q.total).sum::<u64>() > 10_000);
}

#[test]
fn upgrading_a_cache_counts_the_contacts_it_already_holds() {
    let start = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
    let (dir, store, stored) = cache_with_contacts(start, 10);
    drop(store);
    // The file as schema version 4 left it: contacts without per-block counts.
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    rusqlite::Connection::open(paths.database())
        .unwrap()
        .execute_batch(
            "DROP TABLE import_queue_days; DROP TABLE import_sync_settings;
             DROP TABLE status_runs; DROP TABLE status_transitions; DROP TABLE status_rate_minutes;
             ALTER TABLE import_runs DROP COLUMN last_completed_at;
             ALTER TABLE import_runs ADD COLUMN catalog_done INTEGER NOT NULL DEFAULT 0;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    let store = Store::open(&paths).unwrap();
    let (from, to) = (start, start + Duration::days(10));
    let zone = chrono_tz::Europe::Rome;
    let got = queues::report(&store, IID, from, to, zone, queues::interval(30).unwrap()).unwrap();
    assert_eq!(got, expected(&stored, zone, 30, from, to, (from, to)));
    assert_eq!(
        got.queues.iter().map(|q| q.total).sum::<u64>(),
        stored.len() as u64
    );
}

#[test]
fn upgrading_a_version_8_cache_converts_its_dense_counts() {
    let start = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let (dir, store, stored) = cache_with_contacts(start, 10);
    drop(store);
    // The file as schema version 8 left it: 96 little-endian u32 per (queue, day), made here
    // from the stored sparse rows (pairs of block u8, count u32).
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let conn = rusqlite::Connection::open(paths.database()).unwrap();
    let rows: Vec<(String, i64, String, Vec<u8>)> = conn
        .prepare("SELECT integration_id, day, queue, counts FROM import_queue_days")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.len() > 50);
    conn.execute_batch("DROP TABLE import_queue_days").unwrap();
    conn.execute_batch(include_str!("../migrations/0005_queue_day_counts.sql"))
        .unwrap();
    for (iid, day, queue, sparse) in rows {
        let mut dense = vec![0u8; 384];
        for pair in sparse.chunks_exact(5) {
            let block = usize::from(pair[0]);
            dense[block * 4..block * 4 + 4].copy_from_slice(&pair[1..5]);
        }
        conn.execute(
            "INSERT INTO import_queue_days (integration_id, day, queue, kind, counts)
             VALUES (?1, ?2, ?3, 'ticket', ?4)",
            rusqlite::params![iid, day, queue, dense],
        )
        .unwrap();
    }
    conn.execute_batch("PRAGMA user_version = 8").unwrap();
    drop(conn);

    let store = Store::open(&paths).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        idesk_core::store::SCHEMA_VERSION
    );
    let (from, to) = (start, start + Duration::days(10));
    let zone = chrono_tz::America::New_York;
    let got = queues::report(&store, IID, from, to, zone, queues::interval(15).unwrap()).unwrap();
    assert_eq!(got, expected(&stored, zone, 15, from, to, (from, to)));
    assert_eq!(
        got.queues.iter().map(|q| q.total).sum::<u64>(),
        stored.len() as u64
    );
}
