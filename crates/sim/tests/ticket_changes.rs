//! Ticket changes through the control API and the ground truth as of a past instant; the
//! ticket list's page limit as a setting; fault rules on report downloads.

mod common;

use common::*;
use idesk_sim::{start, Persona, SimConfig};
use serde_json::{json, Value};

fn secs(v: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .timestamp()
}

fn stamp(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

async fn truth_of(s: &idesk_sim::SimHandle, id: u64, as_of: Option<i64>) -> Option<Value> {
    let q = as_of.map_or(String::new(), |t| format!("&as_of={}", stamp(t)));
    let page = control(
        s,
        "GET",
        &format!(
            "/_sim/accounts/{FD}/truth/tickets?offset={}&limit=1{q}",
            id - 1
        ),
        None,
    )
    .await;
    page["tickets"].as_array().unwrap().first().cloned()
}

async fn list_ids(s: &idesk_sim::SimHandle, filter: &str, since: i64) -> Vec<u64> {
    let path = format!(
        "/api/v2/tickets?{filter}updated_since={}&order_by=updated_at&order_type=asc&per_page=100",
        stamp(since)
    );
    let r = fd(s, FD, Persona::AccountAdmin, &path).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn ticket_changes_show_in_the_api_and_the_truth_keeps_their_history() {
    let s = sim(300).await;
    let sum = control(&s, "GET", &format!("/_sim/accounts/{FD}/truth"), None).await;
    let groups: Vec<u64> = sum["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_u64().unwrap())
        .collect();
    let all = control(
        &s,
        "GET",
        &format!("/_sim/accounts/{FD}/truth/tickets?limit=300"),
        None,
    )
    .await;
    let tickets = all["tickets"].as_array().unwrap();
    let live = tickets
        .iter()
        .rev()
        .find(|t| t["state"] == "live" && !t["group_id"].is_null())
        .unwrap()
        .clone();
    let id = live["id"].as_u64().unwrap();
    let before_convs = live["conversations"].as_array().unwrap().len();
    let other = *groups
        .iter()
        .find(|g| json!(g) != live["group_id"])
        .unwrap();
    let post = |body: Value| {
        let s = &s;
        async move {
            control(
                s,
                "POST",
                &format!("/_sim/accounts/{FD}/tickets/{id}"),
                Some(body),
            )
            .await
        }
    };

    let now = chrono::Utc::now().timestamp();
    let moved = post(json!({"group_id": other})).await;
    assert_eq!(moved["group_id"], json!(other));
    let s1 = secs(&moved["updated_at"]);
    assert!(s1 >= now && s1 > secs(&live["updated_at"]));
    let spam = post(json!({"spam": true})).await;
    let s2 = secs(&spam["updated_at"]);
    assert!(s2 > s1, "each change is a later second");
    assert_eq!(
        (spam["state"].as_str(), spam["spam_at"].clone()),
        (Some("spam"), json!(stamp(s2)))
    );
    let replied = post(json!({"customer_reply": true})).await;
    let s3 = secs(&replied["updated_at"]);
    let convs = replied["conversations"].as_array().unwrap();
    assert_eq!(convs.len(), before_convs + 1);
    assert_eq!(convs.last().unwrap()["incoming"], true);
    assert_eq!(secs(&convs.last().unwrap()["created_at"]), s3);

    // The API shows the change: the spam list, not the default one.
    let since = secs(&live["updated_at"]);
    assert!(list_ids(&s, "filter=spam&", since).await.contains(&id));
    assert!(!list_ids(&s, "", since).await.contains(&id));
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("/api/v2/tickets/{id}/conversations"),
    )
    .await;
    assert_eq!(r.json().as_array().unwrap().len(), before_convs + 1);

    // The truth as of each second.
    let was = truth_of(&s, id, Some(s1 - 1)).await.unwrap();
    assert_eq!(was["group_id"], live["group_id"]);
    assert_eq!(was["updated_at"], live["updated_at"]);
    assert_eq!(was["state"], "live");
    let at1 = truth_of(&s, id, Some(s1)).await.unwrap();
    assert_eq!(
        (at1["group_id"].clone(), at1["spam"].clone()),
        (json!(other), json!(false))
    );
    let at2 = truth_of(&s, id, Some(s2)).await.unwrap();
    assert_eq!(at2["state"], "spam");
    assert_eq!(at2["conversations"].as_array().unwrap().len(), before_convs);
    assert_eq!(truth_of(&s, id, Some(s3)).await.unwrap(), replied);
    assert_eq!(truth_of(&s, id, None).await.unwrap(), replied);
    // The stream gives the same.
    let text = send(
        &s,
        "GET",
        "127.0.0.1",
        &format!(
            "/_sim/accounts/{FD}/truth/tickets.ndjson?as_of={}",
            stamp(s1 - 1)
        ),
        None,
        None,
    )
    .await
    .body;
    let streamed: Value = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|t| t["id"] == id)
        .unwrap();
    assert_eq!(streamed, was);

    // Restored, then deleted and restored; none (null) group; a status.
    let back = post(json!({"spam": false, "deleted": true, "group_id": null, "status": 4})).await;
    assert_eq!(
        (
            back["state"].as_str(),
            back["group_id"].is_null(),
            back["status"].as_u64()
        ),
        (Some("deleted"), true, Some(4))
    );
    assert!(back["spam_at"].is_null());
    let restored = post(json!({"deleted": false, "agent_reply": true})).await;
    assert_eq!(restored["state"], "live");
    assert_eq!(
        restored["conversations"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["incoming"],
        false
    );

    // A new ticket: the next id, not in the truth before it was created.
    let created = control(
        &s,
        "POST",
        &format!("/_sim/accounts/{FD}/tickets"),
        Some(json!({"group_id": groups[0], "source": 3})),
    )
    .await;
    let new_id = created["id"].as_u64().unwrap();
    assert_eq!(new_id, 301);
    assert_eq!(
        (created["source"].clone(), created["group_id"].clone()),
        (json!(3), json!(groups[0]))
    );
    assert_eq!(created["created_at"], created["updated_at"]);
    let born = secs(&created["created_at"]);
    assert!(truth_of(&s, new_id, Some(born - 1)).await.is_none());
    let spammed = control(
        &s,
        "POST",
        &format!("/_sim/accounts/{FD}/tickets/{new_id}"),
        Some(json!({"spam": true})),
    )
    .await;
    assert!(
        secs(&spammed["updated_at"]) > born,
        "never in the creation second"
    );
    let plain = control(&s, "POST", &format!("/_sim/accounts/{FD}/tickets"), None).await;
    assert_eq!(plain["id"], 302);

    // Refusals.
    let status = |path: String, body: Option<&str>| {
        let s = &s;
        let body = body.map(str::to_string);
        async move { send(s, "POST", "127.0.0.1", &path, None, body).await.status }
    };
    let one = format!("/_sim/accounts/{FD}/tickets/{id}");
    assert_eq!(
        status(
            format!("/_sim/accounts/{FD}/tickets/9999"),
            Some("{\"spam\":true}")
        )
        .await,
        404
    );
    assert_eq!(
        status(one.clone(), Some("{}")).await,
        400,
        "nothing to change"
    );
    assert_eq!(
        status(one.clone(), Some("{\"group_id\": 1}")).await,
        400,
        "unknown group"
    );
    assert_eq!(
        status(one.clone(), Some("{\"colour\": 1}")).await,
        400,
        "unknown field"
    );
    assert_eq!(status(one.clone(), Some("{\"status\": 1}")).await, 400);
    let archived = tickets.iter().find(|t| t["state"] == "archived").unwrap();
    assert_eq!(
        status(
            format!("/_sim/accounts/{FD}/tickets/{}", archived["id"]),
            Some("{\"spam\":true}")
        )
        .await,
        409
    );
    assert_eq!(
        status(
            format!("/_sim/accounts/{FC}/tickets/1"),
            Some("{\"spam\":true}")
        )
        .await,
        400
    );
}

#[tokio::test]
async fn the_ticket_list_page_limit_is_a_setting() {
    let s = start(SimConfig {
        size: 600,
        time_scale: 600.0,
        anchor: Some(anchor()),
        max_ticket_page: 2,
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let path = |page: u64| {
        format!("/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=10&page={page}")
    };
    let r = fd(&s, FD, Persona::AccountAdmin, &path(2)).await;
    assert_eq!(r.status, 200);
    assert!(
        r.header("link").unwrap().contains("page=3"),
        "page 2 still links page 3"
    );
    let r = fd(&s, FD, Persona::AccountAdmin, &path(3)).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"description":"Validation failed","errors":[{"field":"page","message":"You cannot access tickets beyond the 2nd page. Please provide a smaller page number.","code":"invalid_value"}]})
    );
    let err = start(SimConfig {
        max_ticket_page: 0,
        ..SimConfig::demo()
    })
    .await
    .err()
    .unwrap();
    assert_eq!(err.code(), "invalid_sim_config");
}

#[tokio::test]
async fn fault_rules_apply_to_report_downloads() {
    let s = sim(300).await;
    let day = anchor().date_naive() - chrono::Days::new(2);
    let start = day.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let f = |d: chrono::DateTime<chrono::Utc>| d.format("%Y-%m-%dT%H:%M:%S.000Z").to_string();
    let body = json!({"start": f(start), "end": f(start + chrono::Duration::days(1)), "event": "Conversation-Resolved", "format": "csv"});
    let job = fc(&s, FC, "POST", "/v2/reports/raw", Some(body.to_string()))
        .await
        .json();
    let id = job["id"].as_str().unwrap();
    fc(&s, FC, "GET", &format!("/v2/reports/raw/{id}"), None).await;
    let done = fc(&s, FC, "GET", &format!("/v2/reports/raw/{id}"), None)
        .await
        .json();
    let href = done["links"][0]["href"].as_str().unwrap().to_string();
    // A rule for another account does not fire; the report's account's rules do.
    control(
        &s,
        "PUT",
        "/_sim/faults",
        Some(json!({"rules": [
            {"kind": "server_error", "domain": "acme-pro.freshchat.com", "path_contains": "/_storage/"},
            {"kind": "bad_gateway", "domain": FC, "path_contains": "/_storage/", "count": 1},
            {"kind": "truncated_json", "domain": FC, "path_contains": "/_storage/", "count": 1},
        ]})),
    )
    .await;
    let get = || async { client().get(&href).send().await.unwrap() };
    let r = get().await;
    assert_eq!(r.status().as_u16(), 502);
    assert!(r.text().await.unwrap().contains("<html>"));
    let cut = get().await.bytes().await.unwrap();
    let whole = get().await.bytes().await.unwrap();
    assert!(
        !whole.is_empty() && cut.len() < whole.len(),
        "{} of {}",
        cut.len(),
        whole.len()
    );
    let rules = control(&s, "GET", "/_sim/faults", None).await;
    let fired: Vec<u64> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["fired"].as_u64().unwrap())
        .collect();
    assert_eq!(fired, vec![0, 1, 1]);
}
