//! Conformance of the Freshchat API v2 and the raw-report (Extract) lifecycle.

mod common;

use std::io::Read;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn auth_plans_and_configuration() {
    let s = sim(300).await;
    let r = send(&s, "GET", FC, "/v2/accounts/configuration", None, None).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["code"], 401);
    let r = send(
        &s,
        "GET",
        FC,
        "/v2/accounts/configuration",
        Some("Bearer nope".into()),
        None,
    )
    .await;
    assert_eq!(r.status, 401);
    let token = s
        .key(FC, idesk_sim::Persona::AccountAdmin)
        .unwrap()
        .to_string();
    let r = send(
        &s,
        "GET",
        FC,
        "/v2/accounts/configuration",
        Some(basic(&token)),
        None,
    )
    .await;
    assert_eq!(r.status, 401, "Basic is not Freshchat's scheme");
    // Freshchat accounts carry only the account admin's token.
    assert_eq!(
        s.account(FC).unwrap().keys.keys().collect::<Vec<_>>(),
        vec!["account_admin"]
    );

    let c = fc(&s, FC, "GET", "/v2/accounts/configuration", None).await;
    assert_eq!(c.status, 200);
    let c = c.json();
    assert_eq!(
        (c["plan_type"].as_str(), c["account_domain"].as_str()),
        (Some("ENTERPRISE"), Some(FC))
    );
    assert!(c["organisation_id"].is_string());

    let r = fc(&s, "acme-free.freshchat.com", "GET", "/v2/agents", None).await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (403, Some("FORBIDDEN"))
    );
    let r = fc(
        &s,
        "acme-suspended.freshchat.com",
        "GET",
        "/v2/agents",
        None,
    )
    .await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (403, Some("ACCOUNT_SUSPENDED"))
    );
    let r = send(
        &s,
        "GET",
        "nobody.freshchat.com",
        "/v2/agents",
        Some(format!("Bearer {token}")),
        None,
    )
    .await;
    assert_eq!((r.status, r.body.as_str()), (404, ""));
    let r = fc(&s, FC, "GET", "/v2/nothing", None).await;
    assert_eq!(
        r.json(),
        json!({"code":404,"status":"NOT_FOUND","message":"Resource not found"})
    );
}

#[tokio::test]
async fn agents_roles_groups_paging() {
    let s = sim(300).await;
    let r = fc(&s, FC, "GET", "/v2/agents?page=1&items_per_page=5", None)
        .await
        .json();
    assert_eq!(r["agents"].as_array().unwrap().len(), 5);
    assert_eq!(r["pagination"]["current_page"], 1);
    let total = r["pagination"]["total_items"].as_u64().unwrap();
    assert_eq!(
        r["pagination"]["total_pages"].as_u64().unwrap(),
        total.div_ceil(5)
    );
    assert_eq!(
        r["links"]["next_page"]["href"],
        "/v2/agents?page=2&items_per_page=5"
    );
    let mut seen = 0;
    let mut href = "/v2/agents?page=1&items_per_page=5".to_string();
    loop {
        let p = fc(&s, FC, "GET", &href, None).await.json();
        seen += p["agents"].as_array().unwrap().len() as u64;
        match p["links"]["next_page"]["href"].as_str() {
            Some(h) => href = h.to_string(),
            None => break,
        }
    }
    assert_eq!(seen, total);
    let r = fc(&s, FC, "GET", "/v2/agents?items_per_page=51", None).await;
    assert_eq!((r.status, r.json()["code"].as_u64()), (400, Some(400)));

    let roles = fc(&s, FC, "GET", "/v2/roles", None).await.json();
    let admin = roles["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Account Admin")
        .unwrap();
    assert_eq!(admin["is_custom_role"], false);
    assert!(roles["roles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["is_custom_role"] == true));

    let g = fc(&s, FC, "GET", "/v2/groups?items_per_page=4", None)
        .await
        .json();
    assert_eq!(g["groups"].as_array().unwrap().len(), 4);
    assert_eq!(g["pagination"]["total_items"], 6);
    let g2 = fc(
        &s,
        FC,
        "GET",
        g["links"]["next_page"]["href"].as_str().unwrap(),
        None,
    )
    .await
    .json();
    assert_eq!(g2["groups"].as_array().unwrap().len(), 2);
    assert!(g2["links"].get("next_page").is_none());
}

fn day_range() -> (String, String) {
    let anchor = anchor();
    let day = anchor.date_naive() - chrono::Days::new(3);
    let start = day.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let end = start + chrono::Duration::days(1);
    let f = |d: chrono::DateTime<chrono::Utc>| d.format("%Y-%m-%dT%H:%M:%S.000Z").to_string();
    (f(start), f(end))
}

fn unzip_one(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    assert_eq!(zip.len(), 1, "one file");
    let mut f = zip.by_index(0).unwrap();
    let mut csv = String::new();
    f.read_to_string(&mut csv).unwrap();
    (f.name().to_string(), csv)
}

#[tokio::test]
async fn raw_report_lifecycle() {
    let s = sim(3_000).await;
    let (start, end) = day_range();
    let body =
        json!({"start": start, "end": end, "event": "Conversation-Resolved", "format": "csv"})
            .to_string();
    let r = fc(&s, FC, "POST", "/v2/reports/raw", Some(body.clone())).await;
    assert_eq!(r.status, 202);
    let job = r.json();
    let id = job["id"].as_str().unwrap().to_string();
    assert_eq!(
        job["link"],
        json!({"rel": "extracts", "href": format!("/reports/raw/{id}")})
    );

    let p1 = fc(&s, FC, "GET", &format!("/v2/reports/raw/{id}"), None)
        .await
        .json();
    assert_eq!(p1["status"], "PENDING");
    let p2 = fc(&s, FC, "GET", &format!("/v2/reports/raw/{id}"), None)
        .await
        .json();
    assert_eq!(p2["status"], "COMPLETED");
    let link = &p2["links"][0];
    assert_eq!(link["rel"], "extraction");
    let href = link["href"].as_str().unwrap();
    assert!(
        href.starts_with(s.url()),
        "the file lives on another host: {href}"
    );

    // Downloaded without the token.
    let resp = client().get(href).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-type"], "application/zip");
    let (name, csv) = unzip_one(&resp.bytes().await.unwrap());
    assert!(name.ends_with(".csv"));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for col in [
        "conversation_id",
        "interaction_id",
        "resolved_time",
        "group_id",
        "group_name",
        "channel_id",
    ] {
        assert!(header.contains(&col), "column {col}");
    }
    let col = |row: &Vec<String>, name: &str| {
        row[header.iter().position(|h| *h == name).unwrap()].clone()
    };
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert!(!rows.is_empty());

    // The rows are exactly the ground truth's resolutions of that day.
    let truth = control(
        &s,
        "GET",
        &format!("/_sim/accounts/{FC}/truth/resolutions?from={start}&to={end}"),
        None,
    )
    .await;
    let want: Vec<(String, String, String)> = truth["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["conversation_id"].as_str().unwrap().into(),
                r["resolved_time"].as_str().unwrap().into(),
                r["report_group_id"].as_str().unwrap().into(),
            )
        })
        .collect();
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                col(r, "conversation_id"),
                col(r, "resolved_time"),
                col(r, "group_id"),
            )
        })
        .collect();
    assert_eq!(got, want);
    for r in &rows {
        let t = col(r, "resolved_time");
        assert!(t >= start && t < end, "{t} in [{start}, {end})");
    }

    // Spam/deleted chats carry no group; some chats are resolved more than once.
    let mut offset = 0;
    let mut all = Vec::new();
    loop {
        let p = control(
            &s,
            "GET",
            &format!("/_sim/accounts/{FC}/truth/chats?offset={offset}&limit=1000"),
            None,
        )
        .await;
        let items = p["chats"].as_array().unwrap().clone();
        if items.is_empty() {
            break;
        }
        offset += items.len();
        all.extend(items);
    }
    assert_eq!(all.len(), 3_000);
    assert!(all
        .iter()
        .any(|c| c["state"] != "live" && c["report_group_id"] == ""));
    assert!(all
        .iter()
        .any(|c| c["resolutions"].as_array().unwrap().len() >= 2));
    assert!(all
        .iter()
        .any(|c| c["group_deleted"] == true && c["report_group_name"] != ""));
    assert!(all.iter().any(|c| c["group_id"].is_null()));

    // Unknown job, job of another account.
    let r = fc(&s, FC, "GET", "/v2/reports/raw/unknown", None).await;
    assert_eq!(
        r.json(),
        json!({"code":404,"status":"NOT_FOUND","message":"Report not found"})
    );
    let r = fc(
        &s,
        "acme-pro.freshchat.com",
        "GET",
        &format!("/v2/reports/raw/{id}"),
        None,
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn raw_report_validation_scope_and_expiry() {
    // Scale 3600: a simulated hour (the link's lifetime) lasts one real second.
    let s = sim_with(300, 3_600.0).await;
    let (start, end) = day_range();
    let post = |domain: &'static str, body: Value| {
        let s = &s;
        async move { fc(s, domain, "POST", "/v2/reports/raw", Some(body.to_string())).await }
    };
    let old = (chrono::Utc::now() - chrono::Duration::days(480))
        .format("%Y-%m-%dT00:00:00.000Z")
        .to_string();
    let r = post(
        FC,
        json!({"start": old, "end": end, "event": "Conversation-Resolved", "format": "csv"}),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (400, Some("INVALID_VALUE"))
    );
    let r = post(
        FC,
        json!({"start": end, "end": start, "event": "Conversation-Resolved", "format": "csv"}),
    )
    .await;
    assert_eq!(r.status, 400);
    let r = post(
        FC,
        json!({"start": start, "end": end, "event": "Nope", "format": "csv"}),
    )
    .await;
    assert_eq!(r.status, 400);
    let r = post(
        FC,
        json!({"start": start, "end": end, "event": "Message-Sent", "format": "csv"}),
    )
    .await;
    assert_eq!(
        r.status, 501,
        "events other than Conversation-Resolved are not simulated"
    );
    let r = post(
        "acme-oldtoken.freshchat.com",
        json!({"start": start, "end": end, "event": "Conversation-Resolved", "format": "csv"}),
    )
    .await;
    assert_eq!(
        (r.status, r.json()["status"].as_str()),
        (403, Some("FORBIDDEN"))
    );
    // The old token still reads everything else.
    assert_eq!(
        fc(&s, "acme-oldtoken.freshchat.com", "GET", "/v2/agents", None)
            .await
            .status,
        200
    );

    let r = post(
        FC,
        json!({"start": start, "end": end, "event": "Conversation-Resolved", "format": "csv"}),
    )
    .await;
    let id = r.json()["id"].as_str().unwrap().to_string();
    fc(&s, FC, "GET", &format!("/v2/reports/raw/{id}"), None).await;
    let done = fc(&s, FC, "GET", &format!("/v2/reports/raw/{id}"), None)
        .await
        .json();
    let href = done["links"][0]["href"].as_str().unwrap().to_string();
    assert_eq!(
        client().get(&href).send().await.unwrap().status().as_u16(),
        200
    );
    tokio::time::sleep(std::time::Duration::from_millis(1_200)).await;
    assert_eq!(
        client().get(&href).send().await.unwrap().status().as_u16(),
        403,
        "links expire"
    );
}
