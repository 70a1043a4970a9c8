//! Groups renamed or deleted through the control API: what the group lists, the reports and
//! the ground truth show afterwards, and what tickets and chats keep.

mod common;

use common::*;
use idesk_sim::Persona;
use serde_json::{json, Value};

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
    let from = rfc3339(chrono::Utc::now() - chrono::Duration::minutes(1));

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
    let to = rfc3339(chrono::Utc::now() + chrono::Duration::minutes(1));
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
