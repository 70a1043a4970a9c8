//! The importer at the edges Freshworks users run into (docs/freshworks-api.md): archived tickets in
//! a long window, a Freshchat account failing on every report path, a server with a low page
//! limit, and tickets updated while the list is read. Expected results come from the engine
//! applied to the simulator's ground truth, never written down.

#[path = "support/import.rs"]
mod shared;

use chrono::{Duration, Utc};
use idesk_core::integrations::Product;
use idesk_core::ErrorCode;
use idesk_sim::{SimConfig, SimHandle};
use serde_json::{json, Value};
use shared::*;

/// Closed tickets inactive for ~120 days are archived: they leave the ticket list, so a longer
/// window imports everything but them, and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_past_120_days_leaves_archived_tickets_out_and_warns() {
    let domain = "arch.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "arch", 800)]).await;
    let cache = Cache::new();
    let since = Utc::now() - Duration::days(170);
    let summary = run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    let truth = freshdesk_truth(&sim, domain, None).await;
    let archived: Vec<&TruthTicket> = truth
        .tickets
        .iter()
        .filter(|t| t.state == "archived" && t.ticket.created_at >= since)
        .collect();
    assert!(
        archived.len() >= 10,
        "the window holds archived tickets: {}",
        archived.len()
    );
    let expected = freshdesk_expected(&sim, domain, since).await.contacts;
    let got = cache.contacts(&format!("id-{domain}"));
    assert_eq!(got, expected);
    for t in &archived {
        let own = format!("ticket:{}", t.ticket.id);
        assert!(!got.iter().any(|c| c.0 == own), "archived {own} imported");
        for c in &t.conversations {
            let reply = format!("conversation:{}", c.id);
            assert!(
                !got.iter().any(|g| g.0 == reply),
                "archived {reply} imported"
            );
        }
    }
    // The live part of the window older than 120 days is imported.
    let old = Utc::now() - Duration::days(121);
    assert!(
        got.iter().any(|c| c.2 < old.timestamp()),
        "contacts older than 120 days"
    );
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("archives closed tickets") && w.contains("120 days")),
        "{:?}",
        summary.warnings
    );
}

fn fired(faults: &Value) -> Vec<(String, String, u64)> {
    faults["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["path_contains"].as_str().unwrap_or_default().to_string(),
                r["fired"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A Freshchat import through a 429 storm with `Retry-After`, 5xx with HTML bodies, connection
/// resets and truncated bodies on report creation, polling and the file download gives exactly
/// what a fault-free import and the ground truth give.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freshchat_faults_on_every_report_path_do_not_change_the_result() {
    let domain = "fcf.freshchat.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshchat, "fcf", 3_000)]).await;
    let since = Utc::now() - Duration::days(3) - Duration::hours(5);
    let rule = |kind: &str, path: &str, every: u64, count: u64| json!({"kind": kind, "domain": domain, "path_contains": path, "every": every, "count": count, "retry_after": 1});
    // `/v2/reports/raw` is job creation (POST) and polling (GET .../<id>); `/_storage/` the file.
    // A rule only counts requests no earlier rule faulted: these interleave faults with
    // successes, at most three failures in a row on one call (the importer gives up after 8).
    let rules = json!({"rules": [
        // A storm: the first three report calls are refused, each with Retry-After: 1.
        rule("rate_limit", "/v2/reports/raw", 1, 3),
        rule("server_error", "/v2/reports/raw", 2, 3),
        rule("bad_gateway", "/v2/reports/raw", 2, 2),
        rule("gateway_timeout", "/v2/reports/raw", 5, 2),
        rule("connection_reset", "/v2/reports/raw", 5, 3),
        rule("truncated_json", "/v2/reports/raw", 3, 4),
        rule("service_unavailable", "/_storage/", 1, 2),
        rule("connection_reset", "/_storage/", 2, 2),
        rule("truncated_json", "/_storage/", 3, 2),
        rule("rate_limit", "/_storage/", 3, 1),
        rule("truncated_json", "/v2/groups", 1, 1),
        rule("bad_gateway", "/v2/groups", 1, 1),
    ]});
    control(
        &sim,
        reqwest::Method::PUT,
        "/_sim/faults",
        Some(rules.clone()),
    )
    .await;
    let faulty = Cache::new();
    let summary = run(&sim, &faulty, Product::Freshchat, domain, since)
        .await
        .unwrap();
    let faults = control(&sim, reqwest::Method::GET, "/_sim/faults", None).await;
    for (rule, fired) in rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .zip(fired(&faults))
    {
        assert_eq!(
            fired.2,
            rule["count"].as_u64().unwrap(),
            "{} on {} fired {} times",
            fired.0,
            fired.1,
            fired.2
        );
    }
    assert!(
        summary.api.refused >= 3,
        "the storm was met: {:?}",
        summary.api
    );

    control(&sim, reqwest::Method::DELETE, "/_sim/faults", None).await;
    let clean = Cache::new();
    let clean_summary = run(&sim, &clean, Product::Freshchat, domain, since)
        .await
        .unwrap();
    let iid = format!("id-{domain}");
    let got = faulty.contacts(&iid);
    assert!(got.len() > 20, "{} contacts", got.len());
    assert_eq!(got, clean.contacts(&iid), "faulty and fault-free runs");
    assert_eq!(
        got,
        freshchat_expected(&sim, domain, summary.since, summary.until).await
    );
    assert_eq!(summary.new_contacts, clean_summary.new_contacts);
}

async fn limited_sim(accounts: Vec<idesk_sim::AccountSpec>, max_ticket_page: u64) -> SimHandle {
    set_scale();
    idesk_sim::start(SimConfig {
        time_scale: SCALE,
        accounts: Some(accounts),
        max_ticket_page,
        ..SimConfig::demo()
    })
    .await
    .unwrap()
}

async fn page_limit_400s(sim: &SimHandle, domain: &str) -> u64 {
    let stats = control(sim, reqwest::Method::GET, "/_sim/stats", None).await;
    stats["accounts"][domain]["by_status"]["400"]
        .as_u64()
        .unwrap_or(0)
}

/// Pages go on from the last `updated_at` seen, so a server whose ticket list ends at page 3
/// serves a whole import without one 400, also when the run is stopped mid-list and resumed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_low_page_limit_is_never_met_outside_one_second() {
    let plain = "pl.freshdesk.com";
    let resumed = "plr.freshdesk.com";
    let sim = limited_sim(
        vec![
            spec(idesk_sim::Product::Freshdesk, "pl", 2_000),
            spec(idesk_sim::Product::Freshdesk, "plr", 1_200),
        ],
        3,
    )
    .await;
    let since = Utc::now() - Duration::days(90);

    let cache = Cache::new();
    let summary = run(&sim, &cache, Product::Freshdesk, plain, since)
        .await
        .unwrap();
    let expected = freshdesk_expected(&sim, plain, since).await;
    assert!(
        expected.listed_per_pass[0] > 900,
        "more than 3 pages: {:?}",
        expected.listed_per_pass
    );
    assert_eq!(cache.contacts(&format!("id-{plain}")), expected.contacts);
    assert!(
        summary.records > expected.listed_per_pass.iter().sum::<u64>(),
        "each page lists the last second of the one before again"
    );
    assert_eq!(page_limit_400s(&sim, plain).await, 0);

    // Stopped on the fourth list call (the key is revoked), then resumed.
    add_fault(&sim, json!({"kind": "revoke_key", "domain": resumed, "path_contains": "/api/v2/tickets", "every": 4, "count": 1})).await;
    let cache = Cache::new();
    let err = run(&sim, &cache, Product::Freshdesk, resumed, since)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ImportKeyRejected, "{}", err.message);
    account_action(&sim, resumed, "keys/account_admin/restore").await;
    let summary = run(&sim, &cache, Product::Freshdesk, resumed, since)
        .await
        .unwrap();
    assert!(summary.resumed);
    assert_eq!(page_limit_400s(&sim, resumed).await, 0);
    assert_eq!(
        cache.contacts(&format!("id-{resumed}")),
        freshdesk_expected(&sim, resumed, since).await.contacts
    );
}

/// A bulk campaign puts more tickets in one second than the server's pages can hold (here one
/// page of 100): the page-limit 400 inside that second stops the run with
/// `import_tie_too_large`, naming the second, instead of looping or skipping tickets.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_with_more_tickets_than_the_page_limit_reaches_stops_the_run() {
    let domain = "tie.freshdesk.com";
    let sim = limited_sim(vec![spec(idesk_sim::Product::Freshdesk, "tie", 12_000)], 1).await;
    let cache = Cache::new();
    let err = run(
        &sim,
        &cache,
        Product::Freshdesk,
        domain,
        Utc::now() - Duration::days(400),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::ImportTieTooLarge, "{}", err.message);
    assert!(
        err.message.contains("share the update time"),
        "{}",
        err.message
    );
    assert_eq!(page_limit_400s(&sim, domain).await, 1);
}

/// A ticket already listed gets a reply while the list is being read: it moves to the end of the
/// `updated_at` order and every later ticket moves up one place. Paging by page number would
/// then never list the ticket that slid onto the page already read; paging from the last
/// `updated_at` seen lists it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_updated_while_the_list_is_read_makes_no_other_ticket_go_missing() {
    let domain = "mv.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "mv", 800)]).await;
    let since = Utc::now() - Duration::days(90);
    // The first ticket of the list, read on page 1.
    let truth = freshdesk_truth(&sim, domain, None).await;
    let first = truth
        .listed(since)
        .filter(|l| l.pass == 0)
        .min_by_key(|l| (l.ticket.updated_at, l.ticket.id))
        .unwrap()
        .ticket
        .id;
    // The second list call waits a while before it is answered; the reply lands meanwhile.
    add_fault(&sim, json!({"kind": "slow", "domain": domain, "path_contains": "/api/v2/tickets", "every": 2, "count": 1, "delay_ms": 1500})).await;
    let cache = Cache::new();
    let import = {
        let (sim_url, cache_paths) = (sim.url().to_string(), cache.paths.clone());
        let key = sim
            .key(domain, idesk_sim::Persona::AccountAdmin)
            .unwrap()
            .to_string();
        tokio::spawn(async move {
            let mut store = idesk_core::Store::open(&cache_paths).unwrap();
            idesk_core::import::run_import(
                &mut store,
                &idesk_core::import::ImportTarget {
                    integration_id: format!("id-{domain}"),
                    product: Product::Freshdesk,
                    domain: domain.into(),
                },
                idesk_core::Secret::new(key),
                idesk_core::freshworks::FreshworksClient::new(Some(&sim_url)).unwrap(),
                idesk_core::import::SinceArg::Instant(since),
                &mut |_| {},
            )
            .await
        })
    };
    for waited in 0.. {
        let stats = control(&sim, reqwest::Method::GET, "/_sim/stats", None).await;
        if stats["accounts"][domain]["faults_injected"].as_u64() == Some(1) {
            break;
        }
        assert!(waited < 500, "the second list call never came: {stats}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let moved = control(
        &sim,
        reqwest::Method::POST,
        &format!("/_sim/accounts/{domain}/tickets/{first}"),
        Some(json!({"customer_reply": true})),
    )
    .await;
    assert_eq!(moved["id"].as_u64(), Some(first), "{moved}");
    let summary = import.await.unwrap().unwrap();

    let until = summary.until.timestamp();
    let expected: ContactSet = freshdesk_expected_as_of(&sim, domain, since, Some(summary.until))
        .await
        .contacts
        .into_iter()
        .filter(|c| c.2 < until)
        .collect();
    let got: ContactSet = cache
        .contacts(&format!("id-{domain}"))
        .into_iter()
        .filter(|c| c.2 < until)
        .collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(
        missing.is_empty(),
        "missing after the list moved: {missing:?}"
    );
    assert_eq!(got, expected);
}

/// Report file links expire (here after one simulated hour, a second of real time): a download
/// held up past that is refused, and the day's report is created again instead of failing the run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_report_link_is_replaced_by_a_new_report() {
    let domain = "exp.freshchat.com";
    set_scale();
    let sim = idesk_sim::start(SimConfig {
        time_scale: 3_600.0,
        accounts: Some(vec![spec(idesk_sim::Product::Freshchat, "exp", 400)]),
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    add_fault(&sim, json!({"kind": "slow", "domain": domain, "path_contains": "/_storage/", "count": 1, "delay_ms": 1500})).await;
    let cache = Cache::new();
    let since = Utc::now() - Duration::days(20);
    let summary = run(&sim, &cache, Product::Freshchat, domain, since)
        .await
        .unwrap();
    let got = cache.contacts(&format!("id-{domain}"));
    assert!(got.len() > 5, "{} contacts", got.len());
    assert_eq!(
        got,
        freshchat_expected(&sim, domain, summary.since, summary.until).await
    );
    // One report job per UTC day of the window, and one more for the day whose link expired.
    let day = |t: i64| t.div_euclid(86_400);
    let days = day(summary.until.timestamp() - 1) - day(summary.since.timestamp()) + 1;
    let stats = control(&sim, reqwest::Method::GET, "/_sim/stats", None).await;
    assert_eq!(
        stats["accounts"][domain]["by_endpoint"]["POST /v2/reports/raw"].as_i64(),
        Some(days + 1),
        "{stats}"
    );
}
