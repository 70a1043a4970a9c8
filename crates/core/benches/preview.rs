//! Cache-write and preview benchmark (issues 6, 17). Run with
//! `cargo bench -p idesk-core --bench preview`; `IDESK_BENCH_CONTACTS` (default 1,000,000) and
//! `IDESK_BENCH_DAYS` (default 90) set the size, e.g. 10,000,000 and 365 for issue 17's year.
//!
//! 1. Writes the contacts through the importer's own batch insert, in transactions of
//!    [`BATCH`] contacts with a bookmark (a page of tickets), while another connection reads
//!    every 20 ms (the UI during an import): contacts/s, the reader's latency, the store's size.
//!    Baseline in the same run: the same rows into a bare table (no index, no counts).
//! 2. The preview (all queues, 15 min, Europe/Berlin) over the whole span, median of 7: the
//!    report with every queue's intervals, and the report as the preview asks for it (every
//!    total, the intervals of the 5 queues shown) as JSON; baseline: a plain
//!    `SELECT queue, bucket, count(*) … GROUP BY` over the same rows.

use chrono::{DateTime, Duration, TimeZone, Utc};
use idesk_core::import::{cache, queues};
use idesk_core::paths::AppPaths;
use idesk_core::preview::PreviewReport;
use idesk_core::Store;
use idesk_rules::{Contact, ContactId, ContactKind, QueueId};
use rusqlite::{params, Connection};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

const QUEUES: u64 = 200;
/// Contacts per transaction: a page of 100 tickets, each with its contact.
const BATCH: u64 = 100;
/// The bare-table baseline writes at most this many rows (its rate does not depend on the size).
const BASELINE_ROWS: u64 = 1_000_000;
/// An integration id as the app makes them (12 random bytes in hex).
const IID: &str = "5f0c2a9d8e7b6a5f4e3d2c1b";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// A cheap deterministic spread over queues (skewed) and time: (contact id, queue, instant).
/// Contacts arrive roughly in time order, as an import lists them (by update, up to an hour
/// apart), unless `IDESK_BENCH_ORDER=random` (every contact anywhere in the span: the worst case
/// for the time index).
fn contacts(count: u64, start: i64, span: u64) -> impl Iterator<Item = (u64, String, i64)> {
    let random = std::env::var("IDESK_BENCH_ORDER").is_ok_and(|v| v == "random");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count).map(move |i| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let queue = (x % QUEUES) * (x % 3) / 2;
        let offset = if random {
            (x >> 20) % span
        } else {
            (i * (span / count.max(1)) + (x >> 20) % 3600).min(span - 1)
        };
        (
            i,
            format!("Group {queue} email Tickets"),
            start + offset as i64,
        )
    })
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[times.len() / 2]
}

fn percentile(times: &mut [f64], p: f64) -> f64 {
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[((times.len() - 1) as f64 * p) as usize]
}

fn main() {
    let total = env_number("IDESK_BENCH_CONTACTS", 1_000_000);
    let days = env_number("IDESK_BENCH_DAYS", 90) as i64;
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let mut store = Store::open(&paths).unwrap();
    let end = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let start = end - Duration::days(days);
    let span = (end - start).num_seconds() as u64;
    println!(
        "load before: {}",
        std::fs::read_to_string("/proc/loadavg").unwrap().trim()
    );

    write_cache(&mut store, &paths, total, start, end, span);
    write_baseline(
        dir.path(),
        total.min(BASELINE_ROWS),
        start.timestamp(),
        span,
    );
    preview(&store, &paths, total, start, end, days);
    println!(
        "load after: {}",
        std::fs::read_to_string("/proc/loadavg").unwrap().trim()
    );
}

fn write_cache(
    store: &mut Store,
    paths: &AppPaths,
    total: u64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    span: u64,
) {
    // The UI reading while the import writes: a small query every 20 ms on its own connection.
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, path) = (stop.clone(), paths.database());
        std::thread::spawn(move || {
            let conn = Connection::open(path).unwrap();
            let mut latencies = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                let _: i64 = conn
                    .query_row(
                        "SELECT count(*) FROM import_coverage WHERE integration_id = ?1",
                        [IID],
                        |r| r.get(0),
                    )
                    .unwrap();
                latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            latencies
        })
    };

    let t = Instant::now();
    let mut rows = contacts(total, start.timestamp(), span).peekable();
    let mut page = 0u64;
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(BATCH as usize).collect();
        page += 1;
        store
            .in_transaction(|tx| {
                let mut batch = cache::ContactBatch::new(tx, IID).unwrap();
                for (i, queue, at) in &chunk {
                    let contact = Contact {
                        id: ContactId::Ticket(*i),
                        kind: ContactKind::Ticket,
                        queue: QueueId(0),
                        at: Utc.timestamp_opt(*at, 0).unwrap(),
                    };
                    batch.insert(&contact, queue).unwrap();
                }
                batch.finish().unwrap();
                let bookmark = cache::Bookmark {
                    updated_since: 0,
                    next_page: page,
                    done: false,
                };
                cache::set_bookmark(tx, IID, "default", &bookmark).unwrap();
                Ok(())
            })
            .unwrap();
    }
    store
        .in_transaction(|tx| {
            cache::add_coverage(tx, IID, start.timestamp(), end.timestamp()).unwrap();
            Ok(())
        })
        .unwrap();
    let seconds = t.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut reads = reader.join().unwrap();
    println!(
        "cache write: {total} contacts in {QUEUES} queues, {BATCH} per transaction: {seconds:.1} s = {:.0} contacts/s (target >= 200000)",
        total as f64 / seconds
    );
    println!(
        "  reader during the write ({} reads): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        reads.len(),
        percentile(&mut reads, 0.5),
        percentile(&mut reads, 0.99),
        percentile(&mut reads, 1.0)
    );
    let conn = Connection::open(paths.database()).unwrap();
    let wal = std::fs::metadata(paths.database().with_extension("sqlite3-wal"))
        .map(|m| m.len())
        .unwrap_or(0);
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let size = std::fs::metadata(paths.database()).unwrap().len() as f64;
    println!(
        "  store: {:.0} MB, {:.0} MB per million contacts (WAL before the final checkpoint: {:.0} MB)",
        size / 1e6,
        size / 1e6 / (total as f64 / 1e6),
        wal as f64 / 1e6
    );
}

/// The same rows, batches and commits into a bare table with no index and no counts.
fn write_baseline(dir: &std::path::Path, total: u64, start: i64, span: u64) {
    let conn = Connection::open(dir.join("baseline.sqlite3")).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE plain (integration_id TEXT, contact_id TEXT, kind TEXT, queue TEXT, at INTEGER);",
    )
    .unwrap();
    let t = Instant::now();
    let mut rows = contacts(total, start, span).peekable();
    while rows.peek().is_some() {
        let tx = conn.unchecked_transaction().unwrap();
        {
            let mut insert = tx
                .prepare_cached("INSERT INTO plain VALUES (?1, ?2, 'ticket', ?3, ?4)")
                .unwrap();
            for (i, queue, at) in rows.by_ref().take(BATCH as usize) {
                insert
                    .execute(params![IID, format!("ticket:{i}"), queue, at])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let seconds = t.elapsed().as_secs_f64();
    println!(
        "  baseline, bare table (WAL, synchronous NORMAL), same batches: {total} rows in {seconds:.1} s = {:.0} rows/s",
        total as f64 / seconds
    );
}

fn preview(
    store: &Store,
    paths: &AppPaths,
    total: u64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    days: i64,
) {
    let zone = chrono_tz::Europe::Berlin;
    let length = queues::interval(15).unwrap();
    let conn = Connection::open(paths.database()).unwrap();
    let (mut query, mut ui, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..7 {
        let t = Instant::now();
        let report = queues::report(store, IID, start, end, zone, length, None).unwrap();
        query.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(report.queues.iter().map(|q| q.total).sum::<u64>(), total);
        let cells: usize = report.queues.iter().map(|q| q.intervals.len()).sum();

        // What the preview asks for and sends over IPC: every total, the intervals of the 5
        // queues shown (here the largest), counted only for them.
        let mut by_total: Vec<_> = report.queues.iter().collect();
        by_total.sort_by_key(|q| std::cmp::Reverse(q.total));
        let shown: Vec<String> = by_total.iter().take(5).map(|q| q.name.clone()).collect();
        let t = Instant::now();
        let report = queues::report(store, IID, start, end, zone, length, Some(&shown)).unwrap();
        let json = serde_json::to_string(&PreviewReport::new(report, Some(&shown))).unwrap();
        ui.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(json.len() > 1000);

        // Baseline: the plain aggregate over the same rows (UTC 15-minute buckets).
        let t = Instant::now();
        let mut stmt = conn
            .prepare_cached(
                "SELECT queue, (at - ?2) / 900 AS bucket, count(*) FROM import_contacts
                 WHERE key = (SELECT key FROM import_keys WHERE integration_id = ?1)
                   AND at >= ?2 AND at < ?3
                 GROUP BY queue, bucket",
            )
            .unwrap();
        let mut rows = stmt
            .query(params![IID, start.timestamp(), end.timestamp()])
            .unwrap();
        let (mut groups, mut counted) = (0usize, 0u64);
        while let Some(row) = rows.next().unwrap() {
            groups += 1;
            counted += row.get::<_, u64>(2).unwrap();
        }
        plain.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(counted, total);
        assert!(groups >= cells);
    }
    let (q, u, p) = (median(query), median(ui), median(plain));
    println!(
        "preview query ({days} days x all queues, 15 min, Europe/Berlin, {total} contacts): median {q:.1} ms (target {})",
        if total > 2_000_000 { "<= 100 ms" } else { "<= 25 ms" }
    );
    println!(
        "  baseline GROUP BY (queue, 15-min bucket): median {p:.1} ms; preview/baseline = {:.3}",
        q / p
    );
    println!(
        "preview as the UI asks for it (all totals, the intervals of the 5 queues shown, as JSON): median {u:.1} ms (target {})",
        if total > 2_000_000 { "<= 100 ms" } else { "<= 25 ms" }
    );
}
