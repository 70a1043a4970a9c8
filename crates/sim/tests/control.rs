//! Rate limits under the time scale, fault injection, counters, ground truth, determinism.

mod common;

use std::time::{Duration, Instant};

use common::*;
use idesk_sim::{start, Persona, SimConfig};
use serde_json::json;

const ME: &str = "/api/v2/agents/me";

#[tokio::test]
async fn rate_limit_budget_retry_after_and_time_scale() {
    // Scale 20: a simulated minute lasts 3 real seconds.
    let s = sim_with(150, 20.0).await;
    let trial = "acme-trial.freshdesk.com";
    let t0 = Instant::now();
    for i in 0..50 {
        let r = fd(&s, trial, Persona::AccountAdmin, ME).await;
        assert_eq!(r.status, 200, "call {i}");
        assert_eq!(
            r.header("x-ratelimit-remaining").unwrap(),
            (49 - i).to_string()
        );
    }
    let r = fd(&s, trial, Persona::AccountAdmin, ME).await;
    assert_eq!(r.status, 429);
    assert_eq!(
        r.json(),
        json!({"message": "You have exceeded the limit of requests per minute"})
    );
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(
        (1..=3).contains(&retry),
        "Retry-After in real seconds under the scale: {retry}"
    );
    assert!(
        r.header("x-ratelimit-total").is_none(),
        "no rate headers on 429"
    );
    // The limiter runs before authentication: a bad key is refused with 429 too.
    let r = send(&s, "GET", trial, ME, Some(basic("bad")), None).await;
    assert_eq!(r.status, 429);
    // Invalid calls are charged: a 401 uses a credit.
    let pro = "acme-pro.freshdesk.com";
    let r = send(&s, "GET", pro, ME, Some(basic("bad")), None).await;
    assert_eq!(
        (r.status, r.header("x-ratelimit-remaining").as_deref()),
        (401, Some("399"))
    );
    let r = fd(&s, pro, Persona::AccountAdmin, ME).await;
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("398"));
    // After the window has passed (from the first call), the budget is back.
    let wait = Duration::from_secs(3).saturating_sub(t0.elapsed()) + Duration::from_millis(150);
    tokio::time::sleep(wait).await;
    let r = fd(&s, trial, Persona::AccountAdmin, ME).await;
    assert_eq!(r.status, 200);
    let stats = control(&s, "GET", "/_sim/stats", None).await;
    let c = &stats["accounts"][trial];
    assert_eq!(c["rate_limited"], 2);
    assert_eq!(c["credits_used"], 51);
    assert_eq!(c["by_status"]["429"], 2);
}

#[tokio::test]
async fn unscaled_retry_after_is_a_real_minute() {
    let s = sim_with(150, 1.0).await;
    let trial = "acme-trial.freshdesk.com";
    for _ in 0..50 {
        assert_eq!(fd(&s, trial, Persona::AccountAdmin, ME).await.status, 200);
    }
    let r = fd(&s, trial, Persona::AccountAdmin, ME).await;
    assert_eq!(r.status, 429);
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((50..=60).contains(&retry), "{retry}");
}

#[tokio::test]
async fn ticket_list_sub_limit() {
    let s = sim_with(200, 10.0).await;
    let growth = "acme-growth.freshdesk.com";
    let list = "/api/v2/tickets?updated_since=1970-01-01T00:00:00Z";
    for _ in 0..20 {
        assert_eq!(
            fd(&s, growth, Persona::AccountAdmin, list).await.status,
            200
        );
    }
    let r = fd(&s, growth, Persona::AccountAdmin, list).await;
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    // Other endpoints still have budget (and the headers show the account-wide budget).
    let r = fd(&s, growth, Persona::AccountAdmin, ME).await;
    assert_eq!(
        (r.status, r.header("x-ratelimit-total").as_deref()),
        (200, Some("200"))
    );
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("179"));
}

#[tokio::test]
async fn faults_switch_at_run_time() {
    let s = sim(150).await;
    let put = |rules: serde_json::Value| {
        let s = &s;
        async move { control(s, "PUT", "/_sim/faults", Some(json!({ "rules": rules }))).await }
    };
    // A 429 burst: two refusals, then normal service.
    put(json!([{"kind": "rate_limit", "domain": FD, "count": 2, "retry_after": 7}])).await;
    for _ in 0..2 {
        let r = fd(&s, FD, Persona::AccountAdmin, ME).await;
        assert_eq!(
            (r.status, r.header("retry-after").as_deref()),
            (429, Some("7"))
        );
    }
    assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 200);

    put(json!([{"kind": "server_error", "count": 1}])).await;
    let r = fd(&s, FD, Persona::AccountAdmin, ME).await;
    assert_eq!(
        (r.status, r.json()),
        (
            500,
            json!({"message": "We're sorry, but something went wrong."})
        )
    );

    for (kind, status) in [
        ("bad_gateway", 502),
        ("service_unavailable", 503),
        ("gateway_timeout", 504),
    ] {
        put(json!([{"kind": kind, "count": 1, "path_contains": "/tickets"}])).await;
        // Only matching paths are hit.
        assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 200);
        let r = fd(&s, FD, Persona::AccountAdmin, "/api/v2/tickets").await;
        assert_eq!(r.status, status);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(r.body.contains("<html>"));
    }

    put(json!([{"kind": "connection_reset", "count": 1}])).await;
    let url = format!("{}{}", s.url(), ME);
    let res = client()
        .get(&url)
        .header("host", FD)
        .header("authorization", basic(&key(&s, FD, Persona::AccountAdmin)))
        .send()
        .await;
    let failed = match res {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(failed, "the connection is cut mid-response");

    put(json!([{"kind": "truncated_json", "count": 1}])).await;
    let r = fd(&s, FD, Persona::AccountAdmin, ME).await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&r.body).is_err());

    put(json!([{"kind": "slow", "delay_ms": 300, "count": 1}])).await;
    let t = Instant::now();
    assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    // A key revoked mid-run: the third matching call and every later one get 401.
    put(json!([{"kind": "revoke_key", "domain": FD, "persona": "account_admin", "every": 3, "count": 1}])).await;
    assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 200);
    assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 200);
    assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 401);
    assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 401);
    assert_eq!(fd(&s, FD, Persona::Admin, ME).await.status, 200);
    let listed = control(&s, "GET", "/_sim/faults", None).await;
    assert_eq!(listed["rules"][0]["fired"], 1);
    control(&s, "DELETE", "/_sim/faults", None).await;
    control(
        &s,
        "POST",
        &format!("/_sim/accounts/{FD}/keys/account_admin/restore"),
        None,
    )
    .await;
    assert_eq!(fd(&s, FD, Persona::AccountAdmin, ME).await.status, 200);
    control(
        &s,
        "POST",
        &format!("/_sim/accounts/{FD}/keys/admin/revoke"),
        None,
    )
    .await;
    assert_eq!(fd(&s, FD, Persona::Admin, ME).await.status, 401);

    // Suspension mid-run.
    control(&s, "POST", &format!("/_sim/accounts/{FD}/suspend"), None).await;
    assert_eq!(
        fd(&s, FD, Persona::AccountAdmin, ME).await.json()["code"],
        "account_suspended"
    );
    control(&s, "POST", &format!("/_sim/accounts/{FD}/unsuspend"), None).await;

    // Faults reach Freshchat too.
    put(json!([{"kind": "service_unavailable", "domain": FC, "count": 1}])).await;
    assert_eq!(fc(&s, FC, "GET", "/v2/agents", None).await.status, 503);
    assert_eq!(fc(&s, FC, "GET", "/v2/agents", None).await.status, 200);
}

#[tokio::test]
async fn counters_and_ground_truth() {
    let s = sim(400).await;
    control(&s, "POST", "/_sim/stats/reset", None).await;
    fd(
        &s,
        FD,
        Persona::AccountAdmin,
        "/api/v2/tickets/3/conversations",
    )
    .await;
    fd(
        &s,
        FD,
        Persona::AccountAdmin,
        "/api/v2/tickets/4/conversations",
    )
    .await;
    fd(
        &s,
        FD,
        Persona::AccountAdmin,
        "/api/v2/tickets?updated_since=1970-01-01T00:00:00Z&include=stats",
    )
    .await;
    let st = control(&s, "GET", "/_sim/stats", None).await;
    let c = &st["accounts"][FD];
    assert_eq!(
        c["by_endpoint"]["GET /api/v2/tickets/{id}/conversations"],
        2
    );
    assert_eq!(c["by_endpoint"]["GET /api/v2/tickets"], 1);
    assert_eq!(
        (c["requests"].as_u64(), c["credits_used"].as_u64()),
        (Some(3), Some(5))
    );

    let banner = control(&s, "GET", "/_sim/accounts", None).await;
    assert_eq!(banner, serde_json::to_value(s.banner()).unwrap());

    let sum = control(&s, "GET", &format!("/_sim/accounts/{FD}/truth"), None).await;
    assert_eq!(sum["tickets"], 400);
    let by_state = &sum["tickets_by_state"];
    for st in ["live", "archived", "purged"] {
        assert!(by_state[st].as_u64().unwrap() > 0, "{st}");
    }
    // Streamed NDJSON holds every ticket, archived and purged included.
    let r = send(
        &s,
        "GET",
        "127.0.0.1",
        &format!("/_sim/accounts/{FD}/truth/tickets.ndjson"),
        None,
        None,
    )
    .await;
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/x-ndjson")
    );
    let lines: Vec<serde_json::Value> = r
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 400);
    let paged = control(
        &s,
        "GET",
        &format!("/_sim/accounts/{FD}/truth/tickets?offset=10&limit=5"),
        None,
    )
    .await;
    assert_eq!(paged["tickets"][0], lines[10]);
    let r = send(
        &s,
        "GET",
        "127.0.0.1",
        &format!("/_sim/accounts/{FC}/truth/chats.ndjson"),
        None,
        None,
    )
    .await;
    assert_eq!(r.body.lines().count(), 400);
    let bad = send(
        &s,
        "GET",
        "127.0.0.1",
        &format!("/_sim/accounts/{FD}/truth/tickets?limit=0"),
        None,
        None,
    )
    .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn deterministic_for_a_seed() {
    let cfg = |seed| SimConfig {
        seed,
        size: 500,
        time_scale: 600.0,
        anchor: Some(anchor()),
        ..SimConfig::demo()
    };
    let a = start(cfg(7)).await.unwrap();
    let b = start(cfg(7)).await.unwrap();
    let c = start(cfg(8)).await.unwrap();
    assert_ne!(a.url(), b.url());
    assert_eq!(a.accounts(), b.accounts(), "same keys for the same seed");
    assert_ne!(a.accounts()[0].keys, c.accounts()[0].keys);
    let path = "/api/v2/tickets?updated_since=1970-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=100&page=2&include=stats";
    let pa = fd(&a, FD, Persona::AccountAdmin, path).await.body;
    let pb = fd(&b, FD, Persona::AccountAdmin, path).await.body;
    let pc = fd(&c, FD, Persona::AccountAdmin, path).await.body;
    assert_eq!(pa, pb);
    assert_ne!(pa, pc);
    let p = format!("/_sim/accounts/{FD}/truth/tickets.ndjson");
    let ta = send(&a, "GET", "127.0.0.1", &p, None, None).await.body;
    let tb = send(&b, "GET", "127.0.0.1", &p, None, None).await.body;
    assert_eq!(ta, tb);
    let ca = send(
        &a,
        "GET",
        "127.0.0.1",
        &format!("/_sim/accounts/{FC}/truth/chats.ndjson"),
        None,
        None,
    )
    .await
    .body;
    let cb = send(
        &b,
        "GET",
        "127.0.0.1",
        &format!("/_sim/accounts/{FC}/truth/chats.ndjson"),
        None,
        None,
    )
    .await
    .body;
    assert_eq!(ca, cb);
    a.shutdown().await;
}

#[tokio::test]
async fn banner_shape_and_errors() {
    let s = start(SimConfig::demo()).await.unwrap();
    let v = serde_json::to_value(s.banner()).unwrap();
    assert_eq!(v["url"], s.url());
    let accounts = v["accounts"].as_array().unwrap();
    for plan in ["trial", "growth", "pro", "enterprise", "free"] {
        for product in ["freshdesk", "freshchat"] {
            assert!(
                accounts
                    .iter()
                    .any(|a| a["plan"] == plan && a["product"] == product),
                "{product} {plan}"
            );
        }
    }
    let fd_main = accounts.iter().find(|a| a["domain"] == FD).unwrap();
    assert_eq!(fd_main["suspended"], false);
    for p in [
        "account_admin",
        "admin",
        "agent",
        "occasional_agent",
        "group_scoped_agent",
    ] {
        assert_eq!(fd_main["keys"][p].as_str().unwrap().len(), 20, "{p}");
    }
    assert!(accounts.iter().any(|a| a["suspended"] == true));

    // Port in use gives a stable code.
    let port: u16 = s.url().rsplit(':').next().unwrap().parse().unwrap();
    let err = start(SimConfig {
        port,
        ..SimConfig::demo()
    })
    .await
    .err()
    .unwrap();
    assert_eq!(err.code(), "port_in_use");
    let err = start(SimConfig {
        time_scale: 0.0,
        ..SimConfig::demo()
    })
    .await
    .err()
    .unwrap();
    assert_eq!(err.code(), "invalid_sim_config");
    // Dropping the handle stops the server.
    let url = s.url().to_string();
    drop(s);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(client()
        .get(format!("{url}/_sim/health"))
        .send()
        .await
        .is_err());
}

#[tokio::test]
async fn live_activity_moves_data() {
    // Scale 600: a tick of 10 simulated seconds every ~17 real milliseconds.
    let cfg = SimConfig {
        size: 300,
        time_scale: 600.0,
        anchor: Some(anchor()),
        activity: true,
        ..SimConfig::demo()
    };
    let s = start(cfg).await.unwrap();
    let since = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let before = (chrono::Utc::now() - chrono::Duration::seconds(1))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let sum = control(&s, "GET", &format!("/_sim/accounts/{FD}/truth"), None).await;
    let total = sum["tickets"].as_u64().unwrap();
    assert!(total > 300, "new tickets arrived ({total})");
    // The ticket list shows the activity through updated_since.
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!(
            "/api/v2/tickets?updated_since={since}&order_by=updated_at&order_type=asc&per_page=100"
        ),
    )
    .await;
    let moved = r.json();
    assert!(moved
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"].as_u64().unwrap() > 300));
    assert!(
        moved
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"].as_u64().unwrap() <= 300),
        "replies move old tickets"
    );
    // New conversations are readable and in the ground truth.
    let truth = send(
        &s,
        "GET",
        "127.0.0.1",
        &format!("/_sim/accounts/{FD}/truth/tickets.ndjson"),
        None,
        None,
    )
    .await
    .body;
    let new_convs = truth
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .flat_map(|t| t["conversations"].as_array().unwrap().clone())
        .filter(|c| c["created_at"].as_str().unwrap() >= since.as_str())
        .count();
    assert!(new_convs > 0);
    // as_of leaves out what came later.
    let r = send(
        &s,
        "GET",
        "127.0.0.1",
        &format!("/_sim/accounts/{FD}/truth/tickets.ndjson?as_of={before}"),
        None,
        None,
    )
    .await;
    assert_eq!(r.body.lines().count(), 300);
    // Freshchat: new resolved chats, also in the raw report's range.
    let to = (chrono::Utc::now() + chrono::Duration::minutes(1))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let res = control(
        &s,
        "GET",
        &format!("/_sim/accounts/{FC}/truth/resolutions?from={since}&to={to}"),
        None,
    )
    .await;
    assert!(!res["resolutions"].as_array().unwrap().is_empty());
    // Only Enterprise accounts move.
    let pro = control(
        &s,
        "GET",
        "/_sim/accounts/acme-pro.freshdesk.com/truth",
        None,
    )
    .await;
    assert_eq!(pro["tickets"], 300);
}

#[tokio::test]
async fn custom_accounts_and_raised_budget() {
    let spec = idesk_sim::AccountSpec {
        product: idesk_sim::Product::Freshdesk,
        subdomain: "bigco".into(),
        plan: idesk_sim::Plan::Pro,
        suspended: false,
        size: 100,
        timezone: "Tokyo".into(),
        token_lacks_reports_scope: false,
        calls_per_minute: Some(1_000),
        ticket_list_per_minute: Some(300),
    };
    let cfg = SimConfig {
        accounts: Some(vec![spec]),
        anchor: Some(anchor()),
        ..SimConfig::demo()
    };
    let s = start(cfg).await.unwrap();
    assert_eq!(s.accounts().len(), 1);
    let r = fd(&s, "bigco.freshdesk.com", Persona::AccountAdmin, ME).await;
    assert_eq!(r.header("x-ratelimit-total").as_deref(), Some("1000"));
    let a = fd(
        &s,
        "bigco.freshdesk.com",
        Persona::AccountAdmin,
        "/api/v2/account",
    )
    .await
    .json();
    assert_eq!(
        (a["tier_type"].as_str(), a["timezone"].as_str()),
        (Some("Pro"), Some("Tokyo"))
    );
    // The default accounts are not there.
    assert_eq!(send(&s, "GET", FD, ME, None, None).await.status, 404);
}
