//! The importer against the in-process simulator: the cache must hold exactly what the rules
//! engine makes of the simulator's ground truth, with and without faults, and after an
//! interruption. Expected results are computed from the ground truth, never written down.

#[path = "support/import.rs"]
mod shared;

use chrono::{DateTime, Duration, Utc};
use idesk_core::import;
use idesk_core::integrations::Product;
use idesk_core::{ErrorCode, Store};
use serde_json::json;
use shared::*;
use std::collections::BTreeSet;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freshdesk_import_equals_the_engine_on_the_ground_truth_at_the_credit_minimum() {
    let domain = "fd.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "fd", 1_500)]).await;
    let cache = Cache::new();
    let since = Utc::now() - Duration::days(90);
    let summary = run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    let Expected {
        contacts: expected,
        minimum_credits: minimum,
        ..
    } = freshdesk_expected(&sim, domain, since).await;
    let got = cache.contacts(&format!("id-{domain}"));
    assert!(!expected.is_empty());
    assert_eq!(got.len(), expected.len(), "contact count");
    assert_eq!(got, expected);
    assert!(
        got.iter().any(|c| c.1.starts_with("Unknown group/source")),
        "spam/deleted"
    );
    assert!(
        got.iter().any(|c| c.1.starts_with("Group ")),
        "deleted groups"
    );
    assert_eq!(summary.new_contacts as usize, expected.len());

    let (credits, refused) = credits_used(&sim, domain).await;
    eprintln!(
        "credits: {credits} used, {refused} refused, exact minimum {minimum}, {} tickets listed, {} contacts",
        summary.records,
        got.len()
    );
    assert!(
        (credits + refused) as f64 <= minimum as f64 * 1.05,
        "{credits}+{refused} vs {minimum}"
    );

    // A second run over the same window changes nothing.
    run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    assert_eq!(cache.contacts(&format!("id-{domain}")), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_do_not_change_the_result() {
    let domain = "faulty.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "faulty", 600)]).await;
    let rules = json!({"rules": [
        {"kind": "rate_limit", "every": 37, "count": 3, "retry_after": 1},
        {"kind": "server_error", "every": 11, "count": 8},
        {"kind": "bad_gateway", "every": 13, "count": 8},
        {"kind": "service_unavailable", "every": 17, "count": 5},
        {"kind": "gateway_timeout", "every": 19, "count": 5},
        {"kind": "connection_reset", "every": 7, "count": 10},
        {"kind": "truncated_json", "every": 5, "count": 15},
    ]});
    control(&sim, reqwest::Method::PUT, "/_sim/faults", Some(rules)).await;
    let cache = Cache::new();
    let since = Utc::now() - Duration::days(90);
    run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    let faults = control(&sim, reqwest::Method::GET, "/_sim/faults", None).await;
    let fired: u64 = faults["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["fired"].as_u64().unwrap())
        .sum();
    assert!(fired >= 40, "faults fired: {faults}");
    let expected = freshdesk_expected(&sim, domain, since).await.contacts;
    assert_eq!(cache.contacts(&format!("id-{domain}")), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_stops_the_run_and_the_rerun_completes_it() {
    let domain = "revoke.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "revoke", 600)]).await;
    // Revoke the key after some conversation reads.
    add_fault(
        &sim,
        json!({"kind": "revoke_key", "path_contains": "/conversations", "every": 40, "count": 1}),
    )
    .await;
    let cache = Cache::new();
    let since = Utc::now() - Duration::days(90);
    let err = run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ImportKeyRejected, "{}", err.message);
    account_action(&sim, domain, "keys/account_admin/restore").await;
    let summary = run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    assert!(summary.resumed);
    let expected = freshdesk_expected(&sim, domain, since).await.contacts;
    assert_eq!(cache.contacts(&format!("id-{domain}")), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suspended_account_stops_the_run_with_access_denied() {
    let domain = "susp.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "susp", 200)]).await;
    account_action(&sim, domain, "suspend").await;
    let cache = Cache::new();
    let err = run(
        &sim,
        &cache,
        Product::Freshdesk,
        domain,
        Utc::now() - Duration::days(30),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::ImportAccessDenied, "{}", err.message);
    assert!(err.message.contains("suspended"), "{}", err.message);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freshchat_import_across_day_boundaries_equals_the_engine() {
    let domain = "fc.freshchat.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshchat, "fc", 3_000)]).await;
    let cache = Cache::new();
    // Not at midnight: the first and last report jobs are partial days.
    let since = Utc::now() - Duration::days(4) - Duration::hours(7);
    let summary = run(&sim, &cache, Product::Freshchat, domain, since)
        .await
        .unwrap();
    let expected = freshchat_expected(&sim, domain, summary.since, summary.until).await;
    let got = cache.contacts(&format!("id-{domain}"));
    assert!(expected.len() > 20, "{}", expected.len());
    assert_eq!(got, expected);
    assert!(got.iter().any(|c| c.1 == "Undefined_Queue"));
    let days: BTreeSet<i64> = got.iter().map(|c| c.2.div_euclid(86_400)).collect();
    assert!(days.len() >= 4, "resolutions on {} days", days.len());

    let store = Store::open(&cache.paths).unwrap();
    let report = import::queues::report(
        &store,
        &format!("id-{domain}"),
        summary.since,
        summary.until,
        chrono_tz::UTC,
        import::queues::interval(60).unwrap(),
        None,
    )
    .unwrap();
    let total: u64 = report.queues.iter().map(|q| q.total).sum();
    assert_eq!(
        total as usize,
        expected
            .iter()
            .filter(|c| c.2 >= report.from.timestamp())
            .count()
    );
    assert_eq!(report.coverage.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_adds_exactly_what_happened_since_the_import() {
    let domain = "live.freshdesk.com";
    let sim = live_sim(idesk_sim::Product::Freshdesk, "live", 800).await;
    let cache = Cache::new();
    let iid = format!("id-{domain}");
    let err = sync(&sim, &cache, Product::Freshdesk, domain)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotImported);
    let since = Utc::now() - Duration::days(30);
    run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    let before = cache.contacts(&iid).len();
    // Activity ticks every 10 simulated seconds: about 40 ticks of new tickets and replies.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let summary = sync(&sim, &cache, Product::Freshdesk, domain)
        .await
        .unwrap();
    assert!(!summary.resumed);
    assert!(summary.new_contacts > 0, "activity brought nothing new");
    let until = summary.until.timestamp();
    let expected: ContactSet = freshdesk_expected_as_of(&sim, domain, since, Some(summary.until))
        .await
        .contacts
        .into_iter()
        .filter(|c| c.2 < until)
        .collect();
    let got: ContactSet = cache
        .contacts(&iid)
        .into_iter()
        .filter(|c| c.2 < until)
        .collect();
    assert!(got.len() > before);
    let extra: Vec<_> = got.difference(&expected).collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "until {until}: extra {extra:?} missing {missing:?}"
    );
    let store = Store::open(&cache.paths).unwrap();
    let report = import::queues::report(
        &store,
        &iid,
        since,
        summary.until,
        chrono_tz::UTC,
        import::queues::interval(15).unwrap(),
        None,
    )
    .unwrap();
    assert_eq!(report.coverage.len(), 1, "import and sync cover one range");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_freshchat_sync_adds_the_chats_resolved_since_the_import() {
    let domain = "live.freshchat.com";
    let sim = live_sim(idesk_sim::Product::Freshchat, "live", 500).await;
    let cache = Cache::new();
    let iid = format!("id-{domain}");
    let since = Utc::now() - Duration::days(2);
    let first = run(&sim, &cache, Product::Freshchat, domain, since)
        .await
        .unwrap();
    let imported = cache.contacts(&iid);
    // Live chats are resolved every 10 simulated seconds.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let summary = sync(&sim, &cache, Product::Freshchat, domain)
        .await
        .unwrap();
    assert!(summary.new_contacts > 0, "no chat was resolved meanwhile");
    let got = cache.contacts(&iid);
    assert!(got.is_superset(&imported));
    assert_eq!(got.len() - imported.len(), summary.new_contacts as usize);
    assert_eq!(
        got,
        freshchat_expected(&sim, domain, first.since, summary.until).await
    );
    let again = sync(&sim, &cache, Product::Freshchat, domain)
        .await
        .unwrap();
    let after = cache.contacts(&iid);
    assert_eq!(
        after.len() - got.len(),
        again.new_contacts as usize,
        "nothing twice"
    );
}

/// The live preview reads what the import stored: totals, offsets of the chosen zone, coverage,
/// and the drill-down lists exactly the contacts behind a count.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_report_and_drill_down_match_the_cache() {
    use idesk_core::integrations::{Integration, IntegrationStatus};
    let domain = "pv.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "pv", 400)]).await;
    let cache = Cache::new();
    let to = Utc::now();
    let since = to - Duration::days(30);
    let iid = format!("id-{domain}");
    let integration = Integration {
        id: iid.clone(),
        name: "Preview".into(),
        product: Product::Freshdesk,
        domain: domain.into(),
        status: IntegrationStatus::Operational,
        key_mask: String::new(),
        checks: vec![],
        checked_at: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        injixo_key: None,
    };
    let before = idesk_core::preview::report(
        &Store::open(&cache.paths).unwrap(),
        &integration,
        None,
        None,
        60,
        None,
        None,
    );
    assert_eq!(before.unwrap_err().code, ErrorCode::NotImported);
    run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    let store = Store::open(&cache.paths).unwrap();
    let from = to - Duration::days(7);
    let report = idesk_core::preview::report(
        &store,
        &integration,
        Some(from),
        Some(to),
        60,
        Some("Europe/Berlin"),
        None,
    )
    .unwrap();
    assert_eq!(report.interval_minutes, 60);
    assert_eq!(report.time_zone, "Europe/Berlin");
    assert!(
        !report.coverage.is_empty(),
        "the import's window is covered"
    );
    let in_range = cache
        .contacts(&iid)
        .into_iter()
        .filter(|c| {
            c.2 >= DateTime::parse_from_rfc3339(&report.from)
                .unwrap()
                .timestamp()
                && c.2 < to.timestamp()
        })
        .count() as u64;
    let total: u64 = report.queues.iter().map(|q| q.total).sum();
    assert_eq!(total, in_range);
    let busiest = report.queues.iter().max_by_key(|q| q.total).unwrap();
    assert!(busiest.total > 0);
    for i in &busiest.intervals {
        assert!(
            i.start.ends_with("+01:00") || i.start.ends_with("+02:00"),
            "{}",
            i.start
        );
    }
    let interval_sum: u64 = busiest.intervals.iter().map(|i| i.count).sum();
    assert_eq!(interval_sum, busiest.total);

    let one = busiest.intervals.iter().max_by_key(|i| i.count).unwrap();
    let start = DateTime::parse_from_rfc3339(&one.start).unwrap().to_utc();
    let rows = idesk_core::preview::contacts(
        &store,
        &iid,
        &busiest.name,
        start,
        start + Duration::hours(1),
    )
    .unwrap();
    assert_eq!(rows.len() as u64, one.count);
    assert!(rows.iter().all(|r| r.queue == busiest.name));

    // The UI asks for the intervals of the queues it shows only; every total stays.
    let shown = [busiest.name.clone()];
    let selected = idesk_core::preview::report(
        &store,
        &integration,
        Some(from),
        Some(to),
        60,
        Some("Europe/Berlin"),
        Some(&shown),
    )
    .unwrap();
    for (all, some) in report.queues.iter().zip(&selected.queues) {
        assert_eq!((&all.name, all.total), (&some.name, some.total));
        let expected = if all.name == busiest.name {
            all.intervals.len()
        } else {
            0
        };
        assert_eq!(some.intervals.len(), expected);
    }

    let err =
        idesk_core::preview::report(&store, &integration, None, None, 20, None, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInterval);
}
