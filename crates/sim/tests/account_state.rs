//! Control routes that change an account the way its admins or other apps would: the time
//! zone, a persona's role, another app spending part of the budget, and new resolved chats
//! (activity at the source while a client is not looking).

mod common;

use std::time::Duration;

use common::*;
use idesk_sim::Persona;
use serde_json::{json, Value};

#[tokio::test]
async fn new_chats_are_resolved_now_and_counted() {
    let s = sim(300).await;
    let from = rfc3339(chrono::Utc::now() - chrono::Duration::minutes(1));
    let (status, chat) = post(&s, FC, "chats", json!({})).await;
    assert_eq!(status, 200, "{chat}");
    let (status, none) = post(&s, FC, "chats", json!({"group_id": null})).await;
    assert_eq!((status, &none["group_id"]), (200, &Value::Null));
    let sum = control(&s, "GET", &format!("/_sim/accounts/{FC}/truth"), None).await;
    assert_eq!(sum["chats"], 302);
    let to = rfc3339(chrono::Utc::now() + chrono::Duration::minutes(1));
    let report = control(
        &s,
        "GET",
        &format!("/_sim/accounts/{FC}/truth/resolutions?from={from}&to={to}"),
        None,
    )
    .await;
    let ids: Vec<&Value> = report["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["conversation_id"])
        .collect();
    assert!(ids.contains(&&chat["conversation_id"]));
    assert!(ids.contains(&&none["conversation_id"]));
    // Freshdesk accounts have tickets, not chats.
    assert_eq!(post(&s, FD, "chats", json!({})).await.0, 400);
}

#[tokio::test]
async fn the_account_time_zone_can_change() {
    let s = sim(150).await;
    let account = || {
        let s = &s;
        async move {
            fd(s, FD, Persona::AccountAdmin, "/api/v2/account")
                .await
                .json()
        }
    };
    assert_eq!(account().await["timezone"], "Eastern Time (US & Canada)");
    let (status, body) = post(&s, FD, "time_zone", json!({"time_zone": "Berlin"})).await;
    assert_eq!((status, body), (200, json!({"time_zone": "Berlin"})));
    assert_eq!(account().await["timezone"], "Berlin");
    let sum = control(&s, "GET", &format!("/_sim/accounts/{FD}/truth"), None).await;
    assert_eq!(sum["timezone"], "Berlin");
    // Any name is taken (clients must cope with names they do not know), JSON-escaped.
    let odd = "Atlantis \"Deep\" Time";
    assert_eq!(
        post(&s, FD, "time_zone", json!({"time_zone": odd})).await.0,
        200
    );
    assert_eq!(account().await["timezone"], odd);
    for bad in [
        json!({}),
        json!({"time_zone": ""}),
        json!({"time_zone": "Berlin", "x": 1}),
    ] {
        assert_eq!(post(&s, FD, "time_zone", bad.clone()).await.0, 400, "{bad}");
    }
    assert_eq!(account().await["timezone"], odd);
    // Freshchat reports no account zone.
    assert_eq!(
        post(&s, FC, "time_zone", json!({"time_zone": "Berlin"}))
            .await
            .0,
        400
    );
}

#[tokio::test]
async fn another_app_uses_part_of_the_budget_each_minute() {
    // Scale 20: a simulated minute lasts 3 real seconds.
    let s = sim_with(150, 20.0).await;
    let pro = "acme-pro.freshdesk.com";
    let me = "/api/v2/agents/me";
    let remaining = |r: Resp| {
        r.header("x-ratelimit-remaining")
            .unwrap()
            .parse::<u32>()
            .unwrap()
    };
    let (status, body) = post(&s, pro, "other_app", json!({"calls_per_minute": 100})).await;
    assert_eq!((status, body), (200, json!({"calls_per_minute": 100})));
    assert_eq!(remaining(fd(&s, pro, Persona::AccountAdmin, me).await), 299);
    assert_eq!(remaining(fd(&s, pro, Persona::AccountAdmin, me).await), 298);
    // A minute later our calls have left the window and the other app has spent again (once:
    // its next minute starts three seconds after it was switched on).
    tokio::time::sleep(Duration::from_millis(3_200)).await;
    assert_eq!(remaining(fd(&s, pro, Persona::AccountAdmin, me).await), 299);
    // Only our calls are counted as ours.
    let stats = control(&s, "GET", "/_sim/stats", None).await;
    assert_eq!(stats["accounts"][pro]["credits_used"], 3);

    // An app that wants more than the budget leaves nothing.
    post(&s, pro, "other_app", json!({"calls_per_minute": 1000})).await;
    let r = fd(&s, pro, Persona::AccountAdmin, me).await;
    assert_eq!(r.status, 429);
    // Switched off, the budget comes back with the next window.
    post(&s, pro, "other_app", json!({"calls_per_minute": 0})).await;
    tokio::time::sleep(Duration::from_millis(3_200)).await;
    assert_eq!(remaining(fd(&s, pro, Persona::AccountAdmin, me).await), 399);

    for bad in [
        json!({}),
        json!({"calls_per_minute": -1}),
        json!({"calls_per_minute": "x"}),
    ] {
        assert_eq!(
            post(&s, pro, "other_app", bad.clone()).await.0,
            400,
            "{bad}"
        );
    }
    assert_eq!(
        post(&s, FC, "other_app", json!({"calls_per_minute": 5}))
            .await
            .0,
        400
    );
}

#[tokio::test]
async fn a_persona_can_lose_its_role_or_its_global_ticket_scope() {
    let s = sim(300).await;
    let me = || {
        let s = &s;
        async move {
            fd(s, FD, Persona::AccountAdmin, "/api/v2/agents/me")
                .await
                .json()
        }
    };
    let roles = fd(&s, FD, Persona::AccountAdmin, "/api/v2/roles")
        .await
        .json();
    let role_id = |name: &str| {
        roles
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()["id"]
            .clone()
    };
    assert_eq!(
        fd(&s, FD, Persona::AccountAdmin, "/api/v2/account")
            .await
            .status,
        200
    );

    let (status, body) = post(&s, FD, "agents/account_admin", json!({"role": "admin"})).await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({"persona": "account_admin", "role": "admin", "ticket_scope": 1})
        )
    );
    assert_eq!(me().await["role_ids"], json!([role_id("Administrator")]));
    assert_eq!(
        fd(&s, FD, Persona::AccountAdmin, "/api/v2/account")
            .await
            .status,
        403
    );
    // Only that persona changed.
    assert_eq!(
        fd(&s, FD, Persona::OccasionalAgent, "/api/v2/account")
            .await
            .status,
        200
    );

    let (status, body) = post(&s, FD, "agents/account_admin", json!({"ticket_scope": 2})).await;
    assert_eq!(
        (status, &body["role"], &body["ticket_scope"]),
        (200, &json!("admin"), &json!(2))
    );
    assert_eq!(me().await["ticket_scope"], 2);
    let groups = me().await["group_ids"].clone();
    let list = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        "/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&per_page=100",
    )
    .await
    .json();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|t| groups.as_array().unwrap().contains(&t["group_id"])));

    let (status, _) = post(
        &s,
        FD,
        "agents/account_admin",
        json!({"role": "account_admin", "ticket_scope": 1}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        me().await["role_ids"],
        json!([role_id("Account Administrator")])
    );
    assert_eq!(
        fd(&s, FD, Persona::AccountAdmin, "/api/v2/account")
            .await
            .status,
        200
    );

    for bad in [
        json!({}),
        json!({"role": "owner"}),
        json!({"ticket_scope": 4}),
        json!({"role": "agent", "team": 1}),
    ] {
        assert_eq!(
            post(&s, FD, "agents/account_admin", bad.clone()).await.0,
            400,
            "{bad}"
        );
    }
    assert_eq!(
        post(&s, FD, "agents/nobody", json!({"role": "agent"}))
            .await
            .0,
        400
    );
    assert_eq!(
        post(&s, FC, "agents/account_admin", json!({"role": "agent"}))
            .await
            .0,
        400
    );
    assert_eq!(
        fd(&s, FD, Persona::AccountAdmin, "/api/v2/account")
            .await
            .status,
        200
    );
}
