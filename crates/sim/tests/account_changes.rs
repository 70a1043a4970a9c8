//! Control routes that change an account the way its admins or other apps would: groups
//! renamed or deleted, the time zone changed, another app spending part of the budget, and new
//! resolved chats (activity at the source while a client is not looking).

mod common;

use std::time::Duration;

use common::*;
use idesk_sim::Persona;
use serde_json::{json, Value};

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `POST /_sim/accounts/{domain}/{path}` with a JSON body: (status, answer).
async fn post(s: &idesk_sim::SimHandle, domain: &str, path: &str, body: Value) -> (u16, Value) {
    let r = send(
        s,
        "POST",
        "127.0.0.1",
        &format!("/_sim/accounts/{domain}/{path}"),
        None,
        Some(body.to_string()),
    )
    .await;
    (r.status, r.json())
}

async fn summary_group(s: &idesk_sim::SimHandle, domain: &str, id: &Value) -> Value {
    let sum = control(s, "GET", &format!("/_sim/accounts/{domain}/truth"), None).await;
    sum["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == *id)
        .unwrap()
        .clone()
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_renamed_then_deleted_freshdesk_group_shows_everywhere_and_its_tickets_keep_it() {
    let s = sim(300).await;
    let before = control(&s, "GET", &format!("/_sim/accounts/{FD}/truth"), None).await;
    let billing = before["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Billing")
        .unwrap()
        .clone();
    let id = billing["id"].as_u64().unwrap();
    assert!(billing.get("renamed_at").is_none(), "{billing}");
    let all = control(
        &s,
        "GET",
        &format!("/_sim/accounts/{FD}/truth/tickets?limit=300"),
        None,
    )
    .await;
    let ticket = all["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|t| t["group_id"] == id && t["state"] == "live")
        .unwrap()["id"]
        .as_u64()
        .unwrap();

    let (status, g) = post(&s, FD, &format!("groups/{id}"), json!({"name": "Invoices"})).await;
    assert_eq!(
        (status, &g["name"], &g["deleted"]),
        (200, &json!("Invoices"), &json!(false))
    );
    assert!(g["renamed_at"].is_string());
    let listed = fd(&s, FD, Persona::AccountAdmin, "/api/v2/groups")
        .await
        .json();
    assert!(names(&listed).contains(&"Invoices".to_string()));
    assert!(!names(&listed).contains(&"Billing".to_string()));
    let one = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("/api/v2/groups/{id}"),
    )
    .await;
    assert_eq!(one.json()["name"], "Invoices");
    let fields = fd(&s, FD, Persona::AccountAdmin, "/api/v2/ticket_fields")
        .await
        .json();
    let group_field = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "group")
        .unwrap();
    assert_eq!(group_field["choices"]["Invoices"], id);
    let truth = control(
        &s,
        "GET",
        &format!(
            "/_sim/accounts/{FD}/truth/tickets?offset={}&limit=1",
            ticket - 1
        ),
        None,
    )
    .await;
    assert_eq!(truth["tickets"][0]["group_name"], "Invoices");

    let (status, g) = post(&s, FD, &format!("groups/{id}"), json!({"deleted": true})).await;
    assert_eq!(
        (status, &g["deleted"], &g["name"]),
        (200, &json!(true), &json!("Invoices"))
    );
    assert!(g["deleted_at"].is_string());
    let listed = fd(&s, FD, Persona::AccountAdmin, "/api/v2/groups")
        .await
        .json();
    assert!(listed.as_array().unwrap().iter().all(|g| g["id"] != id));
    let one = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("/api/v2/groups/{id}"),
    )
    .await;
    assert_eq!(one.status, 404);
    let fields = fd(&s, FD, Persona::AccountAdmin, "/api/v2/ticket_fields")
        .await
        .json();
    let group_field = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "group")
        .unwrap();
    assert!(group_field["choices"].get("Invoices").is_none());
    assert_eq!(summary_group(&s, FD, &json!(id)).await["deleted"], true);
    // Its tickets keep the group id; the truth says the group is gone.
    let shown = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("/api/v2/tickets/{ticket}"),
    )
    .await;
    assert_eq!(shown.json()["group_id"], id);
    let truth = control(
        &s,
        "GET",
        &format!(
            "/_sim/accounts/{FD}/truth/tickets?offset={}&limit=1",
            ticket - 1
        ),
        None,
    )
    .await;
    assert_eq!(truth["tickets"][0]["group_id"], id);
    assert_eq!(truth["tickets"][0]["group_deleted"], true);
    // A ticket created later can still carry it.
    let (status, new) = post(&s, FD, "tickets", json!({"group_id": id})).await;
    assert_eq!(
        (status, &new["group_id"], &new["group_deleted"]),
        (200, &json!(id), &json!(true))
    );

    // Brought back, it is listed again.
    let (status, _) = post(&s, FD, &format!("groups/{id}"), json!({"deleted": false})).await;
    assert_eq!(status, 200);
    let listed = fd(&s, FD, Persona::AccountAdmin, "/api/v2/groups")
        .await
        .json();
    assert!(listed.as_array().unwrap().iter().any(|g| g["id"] == id));
    assert!(summary_group(&s, FD, &json!(id))
        .await
        .get("deleted_at")
        .is_none());

    // Bad requests change nothing.
    assert_eq!(
        post(&s, FD, "groups/1", json!({"deleted": true})).await.0,
        404
    );
    for bad in [json!({}), json!({"name": " "}), json!({"colour": "red"})] {
        let (status, body) = post(&s, FD, &format!("groups/{id}"), bad.clone()).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    assert_eq!(summary_group(&s, FD, &json!(id)).await["name"], "Invoices");
}

#[tokio::test]
async fn a_renamed_then_deleted_freshchat_group_changes_the_list_and_the_report() {
    let s = sim(300).await;
    let groups = fc(&s, FC, "GET", "/v2/groups?items_per_page=50", None)
        .await
        .json();
    let first = groups["groups"][0].clone();
    let id = first["id"].as_str().unwrap().to_string();
    let from = stamp(chrono::Utc::now() - chrono::Duration::minutes(1));

    let (status, g) = post(
        &s,
        FC,
        &format!("groups/{id}"),
        json!({"name": "Front Line"}),
    )
    .await;
    assert_eq!((status, &g["name"]), (200, &json!("Front Line")));
    let groups = fc(&s, FC, "GET", "/v2/groups?items_per_page=50", None)
        .await
        .json();
    assert_eq!(groups["groups"][0]["name"], "Front Line");
    // A chat resolved now in that group: the report names the group by its new name.
    let (status, chat) = post(&s, FC, "chats", json!({"group_id": id})).await;
    assert_eq!(
        (status, &chat["group_id"], &chat["group_name"]),
        (200, &json!(id), &json!("Front Line"))
    );
    assert_eq!(chat["report_group_name"], "Front Line");
    let conversation = chat["conversation_id"].clone();
    let to = stamp(chrono::Utc::now() + chrono::Duration::minutes(1));
    let rows = |v: Value| -> Vec<Value> { v["resolutions"].as_array().unwrap().clone() };
    let path = format!("/_sim/accounts/{FC}/truth/resolutions?from={from}&to={to}");
    let row = rows(control(&s, "GET", &path, None).await)
        .into_iter()
        .find(|r| r["conversation_id"] == conversation)
        .expect("the new chat is in the report");
    assert_eq!(row["report_group_name"], "Front Line");

    let (status, g) = post(&s, FC, &format!("groups/{id}"), json!({"deleted": true})).await;
    assert_eq!((status, &g["deleted"]), (200, &json!(true)));
    let groups = fc(&s, FC, "GET", "/v2/groups?items_per_page=50", None)
        .await
        .json();
    assert!(groups["groups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["id"] != id.as_str()));
    // The report keeps the group's id but no longer names it.
    let row = rows(control(&s, "GET", &path, None).await)
        .into_iter()
        .find(|r| r["conversation_id"] == conversation)
        .unwrap();
    assert_eq!(
        (&row["report_group_id"], &row["report_group_name"]),
        (&json!(id), &json!(""))
    );
    // New chats may still carry it.
    let (status, chat) = post(&s, FC, "chats", json!({"group_id": id})).await;
    assert_eq!(
        (status, &chat["group_id"], &chat["group_deleted"]),
        (200, &json!(id), &json!(true))
    );

    assert_eq!(
        post(&s, FC, "groups/not-a-group", json!({"deleted": true}))
            .await
            .0,
        404
    );
    assert_eq!(
        post(&s, FC, "chats", json!({"group_id": "nope"})).await.0,
        400
    );
}

#[tokio::test]
async fn new_chats_are_resolved_now_and_counted() {
    let s = sim(300).await;
    let from = stamp(chrono::Utc::now() - chrono::Duration::minutes(1));
    let (status, chat) = post(&s, FC, "chats", json!({})).await;
    assert_eq!(status, 200, "{chat}");
    let (status, none) = post(&s, FC, "chats", json!({"group_id": null})).await;
    assert_eq!((status, &none["group_id"]), (200, &Value::Null));
    let sum = control(&s, "GET", &format!("/_sim/accounts/{FC}/truth"), None).await;
    assert_eq!(sum["chats"], 302);
    let to = stamp(chrono::Utc::now() + chrono::Duration::minutes(1));
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
