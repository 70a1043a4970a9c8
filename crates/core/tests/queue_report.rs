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

#[path = "support/old_versions.rs"]
mod old_versions;
use old_versions::MIGRATIONS_TO_9;

const IID: &str = "report-test";

/// 20,000 contacts spread over `days` from `start` in a few queues: (ticket id, queue, instant).
/// Some identities come twice; the first one stands.
fn spread_contacts(start: DateTime<Utc>, days: i64) -> Vec<(u64, String, i64)> {
    let span = days * 86_400;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..20_000u64)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let queue = format!("Group {} email Tickets", x % 7);
            (
                i % 19_000,
                queue,
                start.timestamp() + (x >> 16) as i64 % span,
            )
        })
        .collect()
}

/// [`spread_contacts`] stored through the importer's insert; returns the (queue, instant) stored.
fn cache_with_contacts(
    start: DateTime<Utc>,
    days: i64,
) -> (tempfile::TempDir, Store, Vec<(String, i64)>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let store = Store::open(&paths).unwrap();
    let conn = rusqlite::Connection::open(paths.database()).unwrap();
    let mut stored = Vec::new();
    for (id, queue, at) in spread_contacts(start, days) {
        let contact = Contact {
            id: ContactId::Ticket(id),
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

/// The report with every queue's intervals, as `idesk queues` asks for it.
fn full_report(
    store: &Store,
    zone: Tz,
    minutes: u32,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> QueueReport {
    let length = queues::interval(minutes).unwrap();
    queues::report(store, IID, from, to, zone, length, None).unwrap()
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
                let got = full_report(&store, zone, minutes, from, to);
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
    let full = queues::report(&store, IID, from, to, zone, length, None).unwrap();
    let selected = [
        "Group 3 email Tickets".to_string(),
        "Group 5 email Tickets".to_string(),
    ];
    let some = queues::report(&store, IID, from, to, zone, length, Some(&selected)).unwrap();
    let none = queues::report(&store, IID, from, to, zone, length, Some(&[])).unwrap();
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
    let got = full_report(&store, zone, 15, from, to);
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

/// How a file of an older version holds the per-block counts.
#[derive(Clone, Copy, PartialEq)]
enum OldCounts {
    /// Before version 5: none.
    None,
    /// Versions 5 to 8: 96 little-endian u32 per (queue, day).
    Dense,
    /// Version 9: (block u8, count u32) pairs, text keys.
    Sparse,
}

/// The identity of the n-th contact of an old file: tickets, conversations and chats in turn.
fn old_id(n: usize) -> ContactId {
    match n % 3 {
        0 => ContactId::Ticket(n as u64),
        1 => ContactId::Conversation(n as u64),
        _ => ContactId::Chat {
            conversation_id: format!("c0ffee-{n}"),
            resolved_at: 1_780_000_000 + n as i64,
        },
    }
}

/// A store file of `version` (4, 8 or 9) holding [`spread_contacts`], written with that
/// version's own SQL and row formats; returns its folder and the (queue, instant) stored, the
/// contact `ticket:<n>` being the n-th.
fn old_cache(
    version: usize,
    counts: OldCounts,
    start: DateTime<Utc>,
    days: i64,
) -> (tempfile::TempDir, Vec<(String, i64)>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    std::fs::create_dir_all(&paths.data_dir).unwrap();
    let mut conn = rusqlite::Connection::open(paths.database()).unwrap();
    for sql in &MIGRATIONS_TO_9[..version] {
        conn.execute_batch(sql).unwrap();
    }
    if version == 9 {
        conn.execute_batch("DROP TABLE import_queue_days_dense")
            .unwrap();
    }
    let mut seen = std::collections::HashSet::new();
    let stored: Vec<(String, i64)> = spread_contacts(start, days)
        .into_iter()
        .filter(|(id, _, _)| seen.insert(*id))
        .map(|(_, queue, at)| (queue, at))
        .collect();
    let conn = conn.transaction().unwrap();
    let mut blocks: std::collections::BTreeMap<(String, i64), [u32; 96]> = Default::default();
    for (n, (queue, at)) in stored.iter().enumerate() {
        conn.execute(
            "INSERT INTO import_contacts (integration_id, contact_id, kind, queue, at)
             VALUES (?1, ?2, 'ticket', ?3, ?4)",
            rusqlite::params![IID, old_id(n).to_string(), queue, at],
        )
        .unwrap();
        blocks
            .entry((queue.clone(), at.div_euclid(86_400)))
            .or_insert([0; 96])[(at.rem_euclid(86_400) / 900) as usize] += 1;
    }
    for ((queue, day), counts_of_day) in blocks {
        let blob: Vec<u8> = match counts {
            OldCounts::None => continue,
            OldCounts::Dense => counts_of_day.iter().flat_map(|n| n.to_le_bytes()).collect(),
            OldCounts::Sparse => (0u8..)
                .zip(counts_of_day)
                .filter(|&(_, n)| n > 0)
                .flat_map(|(block, n)| std::iter::once(block).chain(n.to_le_bytes()))
                .collect(),
        };
        conn.execute(
            "INSERT INTO import_queue_days (integration_id, day, queue, kind, counts)
             VALUES (?1, ?2, ?3, 'ticket', ?4)",
            rusqlite::params![IID, day, queue, blob],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO import_coverage (integration_id, from_at, to_at) VALUES (?1, ?2, ?3)",
        rusqlite::params![
            IID,
            start.timestamp(),
            (start + Duration::days(days)).timestamp()
        ],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    conn.commit().unwrap();
    (dir, stored)
}

/// Opens the old file (which upgrades it) and checks the report, every contact and the totals.
fn assert_upgraded(
    dir: &tempfile::TempDir,
    stored: &[(String, i64)],
    start: DateTime<Utc>,
) -> Store {
    let store = Store::open(&AppPaths::in_dir(dir.path().to_path_buf())).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        idesk_core::store::SCHEMA_VERSION
    );
    let (from, to) = (start, start + Duration::days(10));
    let zone = chrono_tz::America::New_York;
    let got = full_report(&store, zone, 15, from, to);
    assert_eq!(got, expected(stored, zone, 15, from, to, (from, to)));
    assert_eq!(
        got.queues.iter().map(|q| q.total).sum::<u64>(),
        stored.len() as u64
    );
    let mut kept: Vec<(String, i64)> = cache::contacts_between(
        &rusqlite::Connection::open(store.path()).unwrap(),
        IID,
        i64::MIN,
        i64::MAX,
    )
    .unwrap()
    .into_iter()
    .map(|c| (c.queue, c.at))
    .collect();
    let mut want = stored.to_vec();
    kept.sort();
    want.sort();
    assert_eq!(kept, want);
    store
}

#[test]
fn upgrading_a_cache_counts_the_contacts_it_already_holds() {
    let start = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
    let (dir, stored) = old_cache(4, OldCounts::None, start, 10);
    assert_upgraded(&dir, &stored, start);
}

#[test]
fn upgrading_a_version_8_cache_converts_its_dense_counts() {
    let start = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let (dir, stored) = old_cache(8, OldCounts::Dense, start, 10);
    assert_upgraded(&dir, &stored, start);
}

#[test]
fn upgrading_a_version_9_cache_keys_its_rows_and_goes_on_counting() {
    let start = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
    let (dir, mut stored) = old_cache(9, OldCounts::Sparse, start, 10);
    let store = assert_upgraded(&dir, &stored, start);
    let free_pages: i64 = rusqlite::Connection::open(store.path())
        .unwrap()
        .query_row("PRAGMA freelist_count", [], |r| r.get(0))
        .unwrap();
    assert_eq!(free_pages, 0, "the old tables' pages are given back");
    drop(store);

    // After the upgrade, new contacts go on into an old queue and a new one, and a known
    // identity keeps its first queue.
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let store = Store::open(&paths).unwrap();
    let conn = rusqlite::Connection::open(paths.database()).unwrap();
    let at = start + Duration::days(3) + Duration::minutes(7);
    let first_queues: Vec<String> = stored.iter().take(3).map(|(q, _)| q.clone()).collect();
    for (id, queue) in [
        (ContactId::Ticket(900_001), "Group 1 email Tickets"),
        (ContactId::Ticket(900_002), "Brand-new phone Tickets"),
        (old_id(0), "Brand-new phone Tickets"),
        // Known already: their queue, new, must not be left empty in the report.
        (old_id(1), "Never used phone Tickets"),
        (old_id(2), "Never used phone Tickets"),
    ] {
        let contact = Contact {
            id,
            kind: ContactKind::Ticket,
            queue: QueueId(0),
            at,
        };
        if cache::insert_contact(&conn, IID, &contact, queue).unwrap() {
            stored.push((queue.to_string(), at.timestamp()));
        }
    }
    for (n, queue) in first_queues.iter().enumerate() {
        let id = old_id(n).to_string();
        assert_eq!(
            cache::stored_queue(&conn, IID, &id).unwrap().as_ref(),
            Some(queue),
            "{id}"
        );
    }
    drop(store);
    assert_upgraded(&dir, &stored, start);
}
