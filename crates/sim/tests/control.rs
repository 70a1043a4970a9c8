//! Rate limits under the time scale, fault injection, custom accounts with a raised budget.
//! Counters, ground truth, determinism, the banner and live activity are in `control_state.rs`.

mod common;

use std::time::{Duration, Instant};

use common::*;
use idesk_sim::{start, Persona, SimConfig};
use serde_json::json;

#[tokio::test]
async fn rate_limit_budget_retry_after_and_time_scale() {
    // Scale 6: a simulated minute lasts 10 real seconds, long enough for 50 calls on a loaded
    // machine (at scale 20 the window could end mid-loop and refill the budget).
    let s = sim_with(150, 6.0).await;
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
        (1..=10).contains(&retry),
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
    let wait = Duration::from_secs(10).saturating_sub(t0.elapsed()) + Duration::from_millis(150);
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
