//! Conformance of the Freshdesk API v2 for single tickets: include=stats and its credits, archived
//! and purged tickets, conversations.

mod common;

use common::freshdesk_api::*;
use common::*;
use idesk_sim::Persona;
use serde_json::Value;

#[tokio::test]
async fn include_stats_and_credits() {
    let s = sim(300).await;
    let q = "updated_since=1970-01-01T00:00:00Z&per_page=3";
    let r = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/tickets?{q}")).await;
    assert_eq!(
        r.header("x-ratelimit-used-currentrequest").as_deref(),
        Some("1")
    );
    assert!(r.json()[0].get("stats").is_none());
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/tickets?{q}&include=stats"),
    )
    .await;
    assert_eq!(
        r.header("x-ratelimit-used-currentrequest").as_deref(),
        Some("3")
    );
    let stats = &r.json()[0]["stats"];
    for k in [
        "requester_responded_at",
        "agent_responded_at",
        "first_responded_at",
        "reopened_at",
        "resolved_at",
        "closed_at",
        "status_updated_at",
        "pending_since",
    ] {
        assert!(stats.get(k).is_some(), "{k}");
    }
    // A list include costs 2 more each, a single-ticket include 1 more.
    let mut r = None;
    for (path, credits) in [
        (format!("{V}/tickets?{q}&include=stats,requester"), "5"),
        (format!("{V}/tickets/5?include=stats"), "2"),
        (format!("{V}/tickets/5?include=conversations"), "2"),
    ] {
        let answer = fd(&s, FD, Persona::AccountAdmin, &path).await;
        assert_eq!(
            answer.header("x-ratelimit-used-currentrequest").as_deref(),
            Some(credits),
            "{path}"
        );
        r = Some(answer);
    }
    let r = r.unwrap();
    assert!(r.json()["conversations"].as_array().unwrap().len() <= 10);
}

#[tokio::test]
async fn single_tickets_archive_purge_and_conversations() {
    let s = sim(1_000).await;
    let truth = truth_tickets(&s, FD).await;
    let by_state = |st: &str| {
        truth
            .iter()
            .filter(|t| t["state"] == st)
            .collect::<Vec<_>>()
    };
    let get = |p: String| {
        let s = &s;
        async move { fd(s, FD, Persona::AccountAdmin, &p).await }
    };

    let spam = by_state("spam")[0];
    let r = get(format!("{V}/tickets/{}", spam["id"])).await;
    assert_eq!((r.status, r.json()["spam"].as_bool()), (200, Some(true)));
    let deleted = by_state("deleted")[0];
    let r = get(format!("{V}/tickets/{}", deleted["id"])).await;
    assert_eq!(r.json()["deleted"], true);
    assert_eq!(
        get(format!("{V}/tickets/{}/conversations", deleted["id"]))
            .await
            .status,
        200
    );

    let purged = by_state("purged")[0];
    for p in [
        format!("{V}/tickets/{}", purged["id"]),
        format!("{V}/tickets/{}/conversations", purged["id"]),
    ] {
        let r = get(p).await;
        assert_eq!((r.status, r.body.as_str()), (404, ""));
    }
    let trashed = by_state("trashed");
    if let Some(t) = trashed.first() {
        assert_eq!(
            get(format!("{V}/tickets/{}/conversations", t["id"]))
                .await
                .status,
            403
        );
    }
    let archived = by_state("archived")[0];
    assert_eq!(
        get(format!("{V}/tickets/{}", archived["id"])).await.status,
        404
    );
    let r = get(format!("{V}/tickets/archived/{}", archived["id"])).await;
    assert_eq!(
        (r.status, r.json()["archived"].as_bool()),
        (200, Some(true))
    );
    let r = get(format!(
        "{V}/tickets/archived/{}/conversations",
        archived["id"]
    ))
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json().as_array().unwrap().len(),
        archived["conversations"].as_array().unwrap().len().min(30)
    );
    let live = by_state("live")[0];
    assert_eq!(
        get(format!("{V}/tickets/archived/{}", live["id"]))
            .await
            .status,
        404
    );
    assert_eq!(get(format!("{V}/tickets/999999")).await.status, 404);
    assert_eq!(get(format!("{V}/tickets/abc")).await.status, 404);

    // The ticket with the most conversations, paged 100 at a time, oldest first.
    let big = truth
        .iter()
        .max_by_key(|t| t["conversations"].as_array().unwrap().len())
        .unwrap();
    let want: Vec<u64> = big["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_u64().unwrap())
        .collect();
    assert!(
        want.len() > 100,
        "a ticket has more than 100 conversations ({})",
        want.len()
    );
    let base = if big["state"] == "archived" {
        format!("{V}/tickets/archived/{}", big["id"])
    } else {
        format!("{V}/tickets/{}", big["id"])
    };
    let mut got = Vec::new();
    let mut page = 1;
    loop {
        let r = get(format!("{base}/conversations?per_page=100&page={page}")).await;
        let items = r.json();
        for c in items.as_array().unwrap() {
            assert_eq!(c["ticket_id"], big["id"]);
            got.push(c["id"].as_u64().unwrap());
        }
        match r.header("link") {
            Some(l) => assert_eq!(
                l,
                format!(
                    "<https://{FD}{base}/conversations?per_page=100&page={}>; rel=\"next\"",
                    page + 1
                )
            ),
            None => break,
        }
        page += 1;
    }
    assert_eq!(got, want);
    // Default page size is 30.
    assert_eq!(
        get(format!("{base}/conversations"))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        30
    );

    // Every kind of conversation the rules distinguish exists.
    let all: Vec<&Value> = truth
        .iter()
        .flat_map(|t| t["conversations"].as_array().unwrap())
        .collect();
    let has = |inc: bool, prv: bool| {
        all.iter()
            .any(|c| c["incoming"] == inc && c["private"] == prv)
    };
    assert!(has(true, false) && has(false, false) && has(false, true) && has(true, true));
    for src in [0, 2, 6, 9] {
        assert!(
            all.iter().any(|c| c["source"] == src),
            "conversation source {src}"
        );
    }
}
