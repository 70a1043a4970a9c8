//! The control API's view of the simulator: counters, ground truth, determinism for a seed, the
//! banner, live activity.

mod common;

use std::time::Duration;

use common::*;
use idesk_sim::{start, Persona, SimConfig};

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
