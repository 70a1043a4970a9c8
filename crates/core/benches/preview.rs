//! Preview query benchmark (issue 6): the queue report for 90 days × all queues, 15-minute
//! intervals, over 1,000,000 cached contacts. Run with `cargo bench -p idesk-core --bench preview`.

use chrono::{Duration, TimeZone, Utc};
use idesk_core::import::{cache, queues};
use idesk_core::paths::AppPaths;
use idesk_core::preview::PreviewReport;
use idesk_core::Store;
use idesk_rules::{Contact, ContactId, ContactKind, QueueId};
use rusqlite::params;
use std::time::Instant;

const CONTACTS: u64 = 1_000_000;
const QUEUES: u64 = 200;
const DAYS: i64 = 90;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let store = Store::open(&paths).unwrap();
    let iid = "bench";
    let end = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let start = end - Duration::days(DAYS);
    let span = (end - start).num_seconds() as u64;

    let t = Instant::now();
    {
        // Through the importer's own insert, which also keeps the per-block counts.
        let conn = rusqlite::Connection::open(paths.database()).unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        // A cheap deterministic spread over queues (skewed) and time.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..CONTACTS {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let queue = (x % QUEUES) * (x % 3) / 2;
            let at = start.timestamp() + ((x >> 20) % span) as i64;
            let contact = Contact {
                id: ContactId::Ticket(i),
                kind: ContactKind::Ticket,
                queue: QueueId(0),
                at: Utc.timestamp_opt(at, 0).unwrap(),
            };
            cache::insert_contact(&tx, iid, &contact, &format!("Group {queue} email Tickets"))
                .unwrap();
        }
        tx.execute(
            "INSERT INTO import_coverage (integration_id, from_at, to_at) VALUES (?1, ?2, ?3)",
            params![iid, start.timestamp(), end.timestamp()],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    println!(
        "cache: {CONTACTS} contacts in {QUEUES} queues over {DAYS} days (written in {:.1} s)",
        t.elapsed().as_secs_f64()
    );

    let zone = chrono_tz::Europe::Berlin;
    let length = queues::interval(15).unwrap();
    let median = |mut times: Vec<f64>| {
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        (times[times.len() / 2], times[0])
    };
    let (mut query, mut ui) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let t = Instant::now();
        let report = queues::report(&store, iid, start, end, zone, length).unwrap();
        query.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(report.queues.iter().map(|q| q.total).sum::<u64>(), CONTACTS);

        // What the preview sends over IPC: every total, the intervals of the 5 shown queues.
        let t = Instant::now();
        let report = queues::report(&store, iid, start, end, zone, length).unwrap();
        let mut by_total: Vec<_> = report.queues.iter().collect();
        by_total.sort_by_key(|q| std::cmp::Reverse(q.total));
        let shown: Vec<String> = by_total.iter().take(5).map(|q| q.name.clone()).collect();
        let json = serde_json::to_string(&PreviewReport::new(report, Some(&shown))).unwrap();
        ui.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(json.len() > 1000);
    }
    let (q, q_best) = median(query);
    let (u, u_best) = median(ui);
    println!(
        "preview query (90 days x all queues, 15 min, Europe/Berlin): median {q:.0} ms, best {q_best:.0} ms (target <= 50 ms)"
    );
    println!(
        "preview as the UI gets it (all totals, 5 queues' intervals, as JSON): median {u:.0} ms, best {u_best:.0} ms"
    );
}
