//! Conformance of the Freshdesk API v2 ticket list: validation, the updated_since window, order,
//! filters and paging (to page 300 of a large account).

mod common;

use std::collections::{BTreeSet, HashMap};

use common::freshdesk_api::*;
use common::*;
use idesk_sim::Persona;
use serde_json::{json, Value};

#[tokio::test]
async fn ticket_list_validation_errors() {
    let s = sim(300).await;
    let get = |q: &'static str| {
        let s = &s;
        async move { fd(s, FD, Persona::AccountAdmin, &format!("{V}/tickets?{q}")).await }
    };
    let r = get("per_page=101").await;
    assert_eq!(
        (r.status, r.json()),
        (
            400,
            json!({"description":"Validation failed","errors":[{"field":"per_page","message":"It should be a Positive Integer less than or equal to 100","code":"datatype_mismatch"}]})
        )
    );
    let r = get("updated_since=2000-01-01T00:00:00Z&page=301").await;
    assert_eq!(
        (r.status, r.json()),
        (
            400,
            json!({"description":"Validation failed","errors":[{"field":"page","message":"You cannot access tickets beyond the 300th page. Please provide a smaller page number.","code":"invalid_value"}]})
        )
    );
    // An unencoded '+' decodes to a space: not a date.
    let r = get("updated_since=2025-01-01T00:00:00+01:00").await;
    assert_eq!(
        (r.status, r.json()),
        (
            400,
            json!({"description":"Validation failed","errors":[{"field":"updated_since","message":"It should be a valid date in the 'combined date and time ISO8601' format","code":"invalid_value"}]})
        )
    );
    assert_eq!(
        get("updated_since=2025-01-01T00:00:00%2B01:00")
            .await
            .status,
        200
    );
    assert_eq!(get("updated_since=2025-01-01").await.status, 200);
    let r = get("filter=all").await;
    assert_eq!(
        r.json()["errors"][0]["message"],
        "It should be one of these values: 'new_and_my_open,watching,spam,deleted'"
    );
    let r = get("order_type=up").await;
    assert_eq!(
        r.json()["errors"][0],
        json!({"field":"order_type","message":"It should be one of these values: 'asc,desc'","code":"invalid_value"})
    );
    let r = get("foo=1").await;
    assert_eq!(
        r.json()["errors"][0],
        json!({"field":"foo","message":"Unexpected/invalid field in request","code":"invalid_field"})
    );
    let r = get("page=0").await;
    assert_eq!(r.json()["errors"][0]["field"], "page");
}

#[tokio::test]
async fn ticket_list_window_order_filters_and_paging() {
    let s = sim(1_000).await;
    let truth = truth_tickets(&s, FD).await;
    let state = |t: &Value| t["state"].as_str().unwrap().to_string();

    // No updated_since and no filter: only tickets created in the last month or so.
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/tickets?per_page=100"),
    )
    .await;
    let recent = r.json();
    let month_ago = chrono::Utc::now() - chrono::Duration::days(32);
    for t in recent.as_array().unwrap() {
        let c = chrono::DateTime::parse_from_rfc3339(t["created_at"].as_str().unwrap()).unwrap();
        assert!(c > month_ago);
    }
    // Default order: created_at desc.
    let got = ids(&recent);
    let mut sorted = got.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(got, sorted);

    // updated_since is inclusive: a ticket updated exactly then comes back.
    let live: Vec<&Value> = truth.iter().filter(|t| state(t) == "live").collect();
    let pick = live[live.len() / 2];
    let since = pick["updated_at"].as_str().unwrap();
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!(
            "{V}/tickets?updated_since={since}&order_by=updated_at&order_type=asc&per_page=100"
        ),
    )
    .await;
    let page = r.json();
    assert_eq!(page[0]["updated_at"].as_str().unwrap(), since);
    assert!(ids(&page).contains(&pick["id"].as_u64().unwrap()));
    let ups: Vec<String> = page
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["updated_at"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ups.windows(2).all(|w| w[0] <= w[1]),
        "ascending by updated_at"
    );
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!(
            "{V}/tickets?updated_since={since}&order_by=updated_at&order_type=desc&per_page=5"
        ),
    )
    .await;
    let ups: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["updated_at"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ups.windows(2).all(|w| w[0] >= w[1]),
        "descending by updated_at"
    );

    // Three passes (default, spam, deleted) with page-300 restarts match the ground truth.
    for (filter, want_state) in [
        ("", "live"),
        ("&filter=spam", "spam"),
        ("&filter=deleted", "deleted"),
    ] {
        let mut seen = BTreeSet::new();
        let mut since = "1970-01-01T00:00:00Z".to_string();
        let mut last = since.clone();
        let mut page = 1;
        loop {
            let r = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/tickets?updated_since={since}&order_by=updated_at&order_type=asc&per_page=20&page={page}{filter}")).await;
            assert_eq!(r.status, 200);
            let items = r.json();
            for t in items.as_array().unwrap() {
                assert_eq!(
                    t["spam"].as_bool().unwrap(),
                    want_state == "spam" || (want_state == "deleted" && t["spam"] == true)
                );
                // `deleted` appears only when true.
                assert_eq!(t.get("deleted").is_some(), want_state == "deleted");
                seen.insert(t["id"].as_u64().unwrap());
                last = t["updated_at"].as_str().unwrap().to_string();
            }
            if r.header("link").is_none() {
                break;
            }
            // A small page cap stands in for the 300-page limit: restart from the last
            // updated_at seen (inclusive, so ties are read again and de-duplicated).
            if page == 10 {
                since = last.clone();
                page = 1;
            } else {
                page += 1;
            }
        }
        let want: BTreeSet<u64> = truth
            .iter()
            .filter(|t| state(t) == want_state)
            .map(|t| t["id"].as_u64().unwrap())
            .collect();
        assert!(!want.is_empty(), "{want_state} tickets exist");
        assert_eq!(seen, want, "pass {want_state}");
    }

    // per_page=1: page 300's Link still points at page 301, which fails.
    let q = "updated_since=1970-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=1";
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/tickets?{q}&page=300"),
    )
    .await;
    assert_eq!(
        r.header("link").unwrap(),
        format!("<https://{FD}/api/v2/tickets?{q}&page=301>; rel=\"next\"")
    );
    assert_eq!(
        fd(
            &s,
            FD,
            Persona::AccountAdmin,
            &format!("{V}/tickets?{q}&page=301")
        )
        .await
        .status,
        400
    );
    // A page past the end is empty and has no Link.
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/tickets?updated_since=1970-01-01T00:00:00Z&per_page=100&page=200"),
    )
    .await;
    assert_eq!((r.json(), r.header("link")), (json!([]), None));

    // Many tickets share one updated_at second (bulk campaigns).
    let mut per_second: HashMap<&str, usize> = HashMap::new();
    for t in &truth {
        *per_second
            .entry(t["updated_at"].as_str().unwrap())
            .or_default() += 1;
    }
    let max = per_second.values().max().copied().unwrap();
    assert!((10..=5_000).contains(&max), "largest tie {max}");
    // No conversation in its ticket's creation second; conversations are oldest first.
    for t in &truth {
        let convs = t["conversations"].as_array().unwrap();
        if let Some(first) = convs.first() {
            assert!(first["created_at"].as_str().unwrap() > t["created_at"].as_str().unwrap());
        }
        assert!(convs
            .windows(2)
            .all(|w| w[0]["created_at"].as_str() <= w[1]["created_at"].as_str()));
    }
}

#[tokio::test]
async fn large_account_ties_and_page_300() {
    let s = sim(100_000).await;
    let first = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/tickets/1"))
        .await
        .json();
    let tie = first["updated_at"].as_str().unwrap().to_string();
    // A bulk campaign: more tickets share one updated_at second than a page holds.
    let q = format!("updated_since={tie}&order_by=updated_at&order_type=asc&per_page=100");
    let r = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/tickets?{q}")).await;
    let page = r.json();
    assert_eq!(page.as_array().unwrap().len(), 100);
    assert!(page
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["updated_at"] == tie.as_str()));
    assert!(r.header("link").is_some());
    let q = "updated_since=1970-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=100";
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/tickets?{q}&page=300"),
    )
    .await;
    assert_eq!(r.json().as_array().unwrap().len(), 100);
    assert_eq!(
        r.header("link").unwrap(),
        format!("<https://{FD}/api/v2/tickets?{q}&page=301>; rel=\"next\"")
    );
    let sum = control(&s, "GET", &format!("/_sim/accounts/{FD}/truth"), None).await;
    assert_eq!(sum["tickets"], 100_000);
}

#[tokio::test]
async fn other_orders_and_filters() {
    let s = sim(1_000).await;
    let get = |q: &'static str| {
        let s = &s;
        async move {
            fd(s, FD, Persona::AccountAdmin, &format!("{V}/tickets?{q}"))
                .await
                .json()
        }
    };
    // Default page size is 30.
    let page = get("updated_since=1970-01-01T00:00:00Z").await;
    assert_eq!(page.as_array().unwrap().len(), 30);
    let page =
        get("updated_since=1970-01-01T00:00:00Z&order_by=status&order_type=asc&per_page=100").await;
    let st: Vec<u64> = page
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_u64().unwrap())
        .collect();
    assert!(st.windows(2).all(|w| w[0] <= w[1]));
    let page =
        get("updated_since=1970-01-01T00:00:00Z&order_by=created_at&order_type=asc&per_page=100")
            .await;
    let got = ids(&page);
    assert!(got.windows(2).all(|w| w[0] < w[1]));
    // Absurd page numbers are answered, not crashed on.
    let huge = "page=18446744073709551615";
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/tickets/5/conversations?{huge}"),
    )
    .await;
    assert_eq!(
        (r.status, r.json(), r.header("link")),
        (200, json!([]), None)
    );
    let r = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/groups?{huge}")).await;
    assert_eq!((r.status, r.json()), (200, json!([])));
    assert_eq!(
        fd(
            &s,
            FD,
            Persona::AccountAdmin,
            &format!("{V}/tickets?{huge}")
        )
        .await
        .status,
        400
    );
    let r = fc(&s, FC, "GET", &format!("/v2/groups?{huge}"), None).await;
    assert_eq!(r.status, 200);
    // No persona watches tickets; "new and my open" = unassigned open tickets.
    assert_eq!(get("filter=watching").await, json!([]));
    let open = get("filter=new_and_my_open&per_page=100").await;
    for t in open.as_array().unwrap() {
        assert_eq!(
            (t["status"].as_u64(), t["responder_id"].is_null()),
            (Some(2), true)
        );
    }
}
