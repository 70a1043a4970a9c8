//! The status from a real store file: facts read back from SQLite, `since` kept across a
//! reopen, `contacts_today` in the account's zone, and pausing through the core API.

use super::*;
use crate::freshworks::checks::{CheckId, CheckResult, Outcome};
use crate::import::{cache, continuous};
use crate::integrations::{records, Product};
use crate::paths::AppPaths;
use crate::{CoreError, ErrorCode};
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 12, 0, 0).unwrap()
}

fn integration(store: &mut Store, created: &str) -> Integration {
    let checks: Vec<CheckResult> = [
        CheckId::Host,
        CheckId::Key,
        CheckId::AccountAdmin,
        CheckId::TicketScope,
    ]
    .into_iter()
    .map(|c| CheckResult::new(c, Outcome::Passed, "ok", "ok"))
    .collect();
    store
        .in_transaction(|tx| {
            records::insert(
                tx,
                &records::NewRow {
                    id: "i1",
                    name: "Desk",
                    product: Product::Freshdesk,
                    domain: "acme.freshdesk.com",
                    key_mask: "••••",
                    checks: &checks,
                    now: created,
                },
            )
            .map_err(|e| CoreError::new(ErrorCode::StoreFailed, e.to_string()))
        })
        .unwrap();
    store.find_integration("i1").unwrap()
}

/// An import of November, completed, with the account in Berlin and three contacts around
/// Berlin's midnight of `now()`'s day (23:00 UTC the day before).
fn imported(store: &Store) {
    let conn = store.conn();
    let since = Utc
        .with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .unwrap()
        .timestamp();
    let run = cache::start_run(conn, "i1", since, now().timestamp() - 3600).unwrap();
    cache::complete_run(conn, "i1", &run).unwrap();
    cache::set_time_zone(conn, "i1", Some("Berlin")).unwrap();
    for (id, at) in [
        (1, "2026-12-02T22:59:00Z"), // 23:59 on the 2nd in Berlin: yesterday
        (2, "2026-12-02T23:30:00Z"), // 00:30 on the 3rd in Berlin: today
        (3, "2026-12-03T10:00:00Z"),
    ] {
        let at = DateTime::parse_from_rfc3339(at).unwrap().timestamp();
        add_contact(conn, id, "Q", at);
    }
}

/// A contact as the importer stores it (counted per block too).
fn add_contact(conn: &rusqlite::Connection, id: u64, queue: &str, at: i64) {
    let contact = idesk_rules::Contact {
        id: idesk_rules::ContactId::Ticket(id),
        kind: idesk_rules::ContactKind::Ticket,
        queue: idesk_rules::QueueId(0),
        at: Utc.timestamp_opt(at, 0).unwrap(),
    };
    assert!(cache::insert_contact(conn, "i1", &contact, queue).unwrap());
}

#[test]
fn hourly_counts_from_the_block_counts_equal_counting_every_contact() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&AppPaths::in_dir(dir.path().to_path_buf())).unwrap();
    let conn = store.conn();
    let start = now().timestamp() - 10 * 86_400;
    // Contacts spread over ten days and three queues by a cheap deterministic generator.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for id in 1..=3_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let queue = ["A", "B", "C"][(x % 3) as usize];
        add_contact(conn, id, queue, start + ((x >> 8) % (10 * 86_400)) as i64);
    }
    let every_contact = |from: i64, to: i64| -> Vec<(i64, u64)> {
        let mut stmt = conn
            .prepare(
                "SELECT (at / 3600) * 3600 AS hour, count(*) FROM import_contacts
                 WHERE key = (SELECT key FROM import_keys WHERE integration_id = 'i1')
                   AND at >= ?1 AND at < ?2 GROUP BY hour ORDER BY hour",
            )
            .unwrap();
        let rows = stmt
            .query_map([from, to], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    // Bounds on block edges, inside blocks, inside one block, and an empty range.
    for (from, to) in [
        (start, start + 10 * 86_400),
        (start + 1_234, start + 9 * 86_400 + 4_321),
        (start + 86_400 + 7, start + 86_400 + 500),
        (start + 3 * 86_400 + 899, start + 5 * 86_400 + 901),
        (start + 5_000, start + 5_000),
    ] {
        let hourly = super::store::hourly_contacts(conn, "i1", from, to).unwrap();
        assert_eq!(hourly, every_contact(from, to), "[{from}, {to})");
    }
    assert_eq!(
        super::store::hourly_contacts(conn, "i1", start, start + 10 * 86_400)
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum::<u64>(),
        3_000
    );
}

#[test]
fn states_read_from_the_store_and_since_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let mut store = Store::open(&paths).unwrap();
    let desk = integration(&mut store, "2026-12-01T08:00:00Z");

    let new = health_at(&store, &desk, now()).unwrap();
    assert_eq!(
        (new.state, new.reason.unwrap().code),
        (State::New, ReasonCode::NotImported)
    );
    assert_eq!(new.since.as_deref(), Some("2026-12-01T08:00:00Z"));

    imported(&store);
    let ok = health_at(&store, &desk, now()).unwrap();
    assert_eq!(ok.state, State::Operational, "{ok:?}");
    assert_eq!(ok.contacts_today, 2, "today in the account's zone (Berlin)");
    assert_eq!(ok.last_data.as_deref(), Some("2026-12-03T10:00:00Z"));

    continuous::save_settings(
        &store,
        "i1",
        continuous::SyncSettings {
            paused: true,
            every_minutes: 5,
        },
    )
    .unwrap();
    let paused = health_at(&store, &desk, now()).unwrap();
    assert_eq!(
        (paused.state, paused.reason.unwrap().code),
        (State::Paused, ReasonCode::PausedByUser)
    );
    continuous::save_settings(
        &store,
        "i1",
        continuous::SyncSettings {
            paused: false,
            every_minutes: 5,
        },
    )
    .unwrap();

    record_run(
        &store,
        "i1",
        Stage::Sync,
        Err(&CoreError::new(
            ErrorCode::ImportKeyRejected,
            "401 on /api/v2/tickets",
        )),
    );
    let failing = health_at(&store, &desk, Utc::now()).unwrap();
    assert_eq!(
        (failing.state, failing.reason.as_ref().unwrap().code),
        (State::Failing, ReasonCode::KeyRevoked)
    );
    let since = failing.since.clone().unwrap();

    // Another process, later: the same state keeps the same `since`.
    drop(store);
    let store = Store::open(&paths).unwrap();
    let later = health_at(&store, &desk, Utc::now() + chrono::Duration::minutes(30)).unwrap();
    assert_eq!(later.state, State::Failing);
    assert_eq!(later.since.as_deref(), Some(since.as_str()));

    let changes: Vec<State> = transitions(&store, "i1", 10)
        .unwrap()
        .into_iter()
        .map(|t| t.state)
        .collect();
    assert_eq!(
        changes,
        [
            State::Failing,
            State::Paused,
            State::Operational,
            State::New
        ]
    );
}

#[test]
fn rate_limit_minutes_are_stored_and_charted_as_ours_and_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&AppPaths::in_dir(dir.path().to_path_buf())).unwrap();
    let mut meter = RateMeter::default();
    // The start of a minute two minutes ago, so that the three samples share one minute.
    let t = (Utc::now().timestamp().div_euclid(60) - 2) * 60;
    meter.observe_at(t, Some(400), Some(390), 1);
    meter.observe_at(t + 1, Some(400), Some(100), 5);
    record_rate(&store, "i1", &meter);
    // A second run in the same minute adds its credits.
    let mut second = RateMeter::default();
    second.observe_at(t + 2, Some(400), Some(90), 4);
    record_rate(&store, "i1", &second);
    let chart = rate_history(&store, "i1").unwrap();
    assert_eq!(chart.len(), 1, "{chart:?}");
    assert_eq!(
        (chart[0].ours, chart[0].others, chart[0].total),
        (10, 300, 400)
    );
    let last = store::last_rate(store.conn(), "i1").unwrap().unwrap();
    assert_eq!((last.remaining, last.total, last.at), (90, 400, t + 2));
}

#[test]
fn every_reason_has_a_message_and_fix_in_every_language() {
    for (lang, text) in [
        (
            "en",
            include_str!("../../../../ui/src/i18n/locales/en.json"),
        ),
        (
            "de",
            include_str!("../../../../ui/src/i18n/locales/de.json"),
        ),
        (
            "fr",
            include_str!("../../../../ui/src/i18n/locales/fr.json"),
        ),
        (
            "it",
            include_str!("../../../../ui/src/i18n/locales/it.json"),
        ),
    ] {
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        for code in ReasonCode::ALL {
            let serialized = serde_json::to_value(code).unwrap();
            assert_eq!(serialized, code.as_str());
            for key in [code.as_str().to_string(), format!("{}_fix", code.as_str())] {
                assert!(
                    json["status"]["reasons"][&key].is_string(),
                    "{lang}: status.reasons.{key}"
                );
            }
        }
    }
}
