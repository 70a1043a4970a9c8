//! Conformance of the Freshdesk API v2: plain HTTP against a simulator on 127.0.0.1.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::*;
use idesk_sim::Persona;
use serde_json::{json, Value};

const V: &str = "/api/v2";

async fn truth_tickets(s: &idesk_sim::SimHandle, domain: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = control(
            s,
            "GET",
            &format!("/_sim/accounts/{domain}/truth/tickets?offset={offset}&limit=5000"),
            None,
        )
        .await;
        let items = page["tickets"].as_array().unwrap().clone();
        if items.is_empty() {
            break;
        }
        offset += items.len();
        out.extend(items);
    }
    out
}

fn ids(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn routing_and_auth() {
    let s = sim(300).await;
    let aa = key(&s, FD, Persona::AccountAdmin);
    // Unknown subdomain, other hosts and CNAMEs: 404 with an empty body.
    for host in [
        "nobody.freshdesk.com",
        "support.example.com",
        "acme.freshdesk.com.evil.com",
        "x.acme.freshdesk.com",
    ] {
        let r = send(
            &s,
            "GET",
            host,
            &format!("{V}/agents/me"),
            Some(basic(&aa)),
            None,
        )
        .await;
        assert_eq!((r.status, r.body.as_str()), (404, ""), "{host}");
    }
    // The Host may carry a port and any case.
    let r = send(
        &s,
        "GET",
        "ACME.freshdesk.com:443",
        &format!("{V}/agents/me"),
        Some(basic(&aa)),
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    // The key of one account does not open another.
    let r = send(
        &s,
        "GET",
        "acme-pro.freshdesk.com",
        &format!("{V}/agents/me"),
        Some(basic(&aa)),
        None,
    )
    .await;
    assert_eq!(r.status, 401);

    let unauthorized = json!({"code":"invalid_credentials","message":"You have to be logged in to perform this action."});
    let r = send(&s, "GET", FD, &format!("{V}/agents/me"), None, None).await;
    assert_eq!((r.status, r.json()), (401, unauthorized.clone()));
    assert_eq!(
        r.header("content-type").unwrap(),
        "application/json; charset=utf-8"
    );
    let r = send(
        &s,
        "GET",
        FD,
        &format!("{V}/agents/me"),
        Some(basic("wrongkey")),
        None,
    )
    .await;
    assert_eq!((r.status, r.json()), (401, unauthorized.clone()));
    // The password is ignored, an empty one too.
    use base64::Engine;
    for pw in ["X", "", "anything"] {
        let b = base64::engine::general_purpose::STANDARD.encode(format!("{aa}:{pw}"));
        let r = send(
            &s,
            "GET",
            FD,
            &format!("{V}/agents/me"),
            Some(format!("Basic {b}")),
            None,
        )
        .await;
        assert_eq!(r.status, 200);
    }
    // Bearer is not Freshdesk's scheme.
    let r = send(
        &s,
        "GET",
        FD,
        &format!("{V}/agents/me"),
        Some(format!("Bearer {aa}")),
        None,
    )
    .await;
    assert_eq!(r.status, 401);
    // Unknown route on a known host: 404 empty; writes: 405 with Allow.
    let r = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/nothing")).await;
    assert_eq!((r.status, r.body.as_str()), (404, ""));
    let r = send(
        &s,
        "PUT",
        FD,
        &format!("{V}/tickets/1"),
        Some(basic(&aa)),
        Some("{}".into()),
    )
    .await;
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow").unwrap(), "GET");
    assert_eq!(
        r.json(),
        json!({"message":"PUT method is not allowed. It should be one of these method(s): GET"})
    );
}

#[tokio::test]
async fn personas_roles_and_account() {
    let s = sim(300).await;
    let roles = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/roles")).await;
    assert_eq!(roles.status, 200);
    let roles = roles.json();
    let role_name: HashMap<u64, String> = roles
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_u64().unwrap(),
                r["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let aa_role = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Account Administrator")
        .unwrap();
    assert_eq!(aa_role["default"], true);
    assert!(
        aa_role["id"].as_u64().unwrap() > 10_000_000_000,
        "role ids are large, not 1-4"
    );

    let me = |p| {
        let s = &s;
        async move { fd(s, FD, p, &format!("{V}/agents/me")).await.json() }
    };
    let aa = me(Persona::AccountAdmin).await;
    assert_eq!(
        role_name[&aa["role_ids"][0].as_u64().unwrap()],
        "Account Administrator"
    );
    assert_eq!(
        (aa["ticket_scope"].as_u64(), aa["occasional"].as_bool()),
        (Some(1), Some(false))
    );
    assert!(aa["contact"]["email"].as_str().unwrap().contains('@'));
    let admin = me(Persona::Admin).await;
    assert_eq!(
        role_name[&admin["role_ids"][0].as_u64().unwrap()],
        "Administrator"
    );
    let agent = me(Persona::Agent).await;
    assert_eq!(role_name[&agent["role_ids"][0].as_u64().unwrap()], "Agent");
    let occ = me(Persona::OccasionalAgent).await;
    assert_eq!(
        (occ["occasional"].as_bool(), occ["ticket_scope"].as_u64()),
        (Some(true), Some(1))
    );
    let scoped = me(Persona::GroupScopedAgent).await;
    assert_eq!(scoped["ticket_scope"], 2);
    assert_eq!(scoped["group_ids"].as_array().unwrap().len(), 2);

    let denied =
        json!({"code":"access_denied","message":"You are not authorized to perform this action."});
    for path in ["roles", "groups", "account"] {
        let r = fd(&s, FD, Persona::Agent, &format!("{V}/{path}")).await;
        assert_eq!((r.status, r.json()), (403, denied.clone()), "{path}");
    }
    // Plain admins see roles and groups but not the account.
    assert_eq!(
        fd(&s, FD, Persona::Admin, &format!("{V}/groups"))
            .await
            .status,
        200
    );
    let r = fd(&s, FD, Persona::Admin, &format!("{V}/account")).await;
    assert_eq!((r.status, r.json()), (403, denied));

    let r = fd(&s, FD, Persona::AccountAdmin, &format!("{V}/account")).await;
    assert_eq!(r.status, 200);
    let a = r.json();
    assert_eq!(a["tier_type"], "Enterprise");
    assert_eq!(a["timezone"], "Eastern Time (US & Canada)");
    assert_eq!(a["account_domain"], FD);
    // organisation_id is above 2^53: it must stay exact in the raw body.
    let org = r
        .body
        .split("\"organisation_id\":")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap();
    assert!(org.parse::<u64>().unwrap() > 1u64 << 53);
    let pro = fd(
        &s,
        "acme-pro.freshdesk.com",
        Persona::AccountAdmin,
        &format!("{V}/account"),
    )
    .await
    .json();
    assert_eq!(
        (pro["tier_type"].as_str(), pro["timezone"].as_str()),
        (Some("Pro"), Some("Berlin"))
    );
}

#[tokio::test]
async fn plans_suspension_and_rate_headers() {
    let s = sim(300).await;
    for (domain, total) in [
        ("acme-trial.freshdesk.com", "50"),
        ("acme-growth.freshdesk.com", "200"),
        ("acme-pro.freshdesk.com", "400"),
        ("acme.freshdesk.com", "700"),
    ] {
        let r = fd(&s, domain, Persona::AccountAdmin, &format!("{V}/agents/me")).await;
        assert_eq!(r.status, 200);
        assert_eq!(
            r.header("x-ratelimit-total").as_deref(),
            Some(total),
            "{domain}"
        );
        assert_eq!(
            r.header("x-ratelimit-used-currentrequest").as_deref(),
            Some("1")
        );
        assert!(r.header("x-ratelimit-remaining").is_some());
    }
    let r = fd(
        &s,
        "acme-free.freshdesk.com",
        Persona::AccountAdmin,
        &format!("{V}/agents/me"),
    )
    .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["code"], "require_feature");
    let r = fd(
        &s,
        "acme-suspended.freshdesk.com",
        Persona::AccountAdmin,
        &format!("{V}/tickets"),
    )
    .await;
    assert_eq!(
        (r.status, r.json()),
        (
            403,
            json!({"code":"account_suspended","message":"Your account has been suspended."})
        )
    );
    let banner = s.banner();
    let susp = banner
        .accounts
        .iter()
        .find(|a| a.domain == "acme-suspended.freshdesk.com")
        .unwrap();
    assert!(susp.suspended);
}

#[tokio::test]
async fn groups_and_ticket_fields() {
    let s = sim(300).await;
    let r = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/groups?per_page=5"),
    )
    .await;
    assert_eq!(r.json().as_array().unwrap().len(), 5);
    assert_eq!(
        r.header("link").unwrap(),
        format!("<https://{FD}/api/v2/groups?per_page=5&page=2>; rel=\"next\"")
    );
    let r2 = fd(
        &s,
        FD,
        Persona::AccountAdmin,
        &format!("{V}/groups?per_page=5&page=2"),
    )
    .await;
    assert!(r2.header("link").is_none());
    let listed: BTreeSet<u64> = ids(&r.json()).into_iter().chain(ids(&r2.json())).collect();
    // Tickets reference groups that /groups no longer lists.
    let truth = truth_tickets(&s, FD).await;
    assert!(truth
        .iter()
        .any(|t| t["group_deleted"] == true && !listed.contains(&t["group_id"].as_u64().unwrap())));
    assert!(truth.iter().any(|t| t["group_id"].is_null()));

    let f = fd(&s, FD, Persona::Agent, &format!("{V}/ticket_fields"))
        .await
        .json();
    let src = f
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["type"] == "default_source")
        .unwrap();
    assert_eq!(src["choices"]["Web Chat"], 15);
    assert_eq!(src["choices"]["Partner Portal"], 101);
    let status = f
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["type"] == "default_status")
        .unwrap();
    assert_eq!(status["choices"]["6"][0], "Waiting on Customer");
    // The data uses custom sources, newer defaults and a code named nowhere.
    let sources: BTreeSet<u64> = truth
        .iter()
        .map(|t| t["source"].as_u64().unwrap())
        .collect();
    for code in [1, 10, 101, 15, 23] {
        assert!(sources.contains(&code), "source {code} in data");
    }
}

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

#[tokio::test]
async fn group_scoped_agent_sees_its_groups_only() {
    let s = sim(300).await;
    let me = fd(&s, FD, Persona::GroupScopedAgent, &format!("{V}/agents/me"))
        .await
        .json();
    let groups: BTreeSet<u64> = me["group_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_u64().unwrap())
        .collect();
    let r = fd(
        &s,
        FD,
        Persona::GroupScopedAgent,
        &format!("{V}/tickets?updated_since=1970-01-01T00:00:00Z&per_page=100"),
    )
    .await;
    let items = r.json();
    assert!(!items.as_array().unwrap().is_empty());
    for t in items.as_array().unwrap() {
        assert!(groups.contains(&t["group_id"].as_u64().unwrap()));
    }
    let truth = truth_tickets(&s, FD).await;
    let outside = truth
        .iter()
        .find(|t| {
            t["state"] == "live" && !t["group_id"].as_u64().is_some_and(|g| groups.contains(&g))
        })
        .unwrap();
    let r = fd(
        &s,
        FD,
        Persona::GroupScopedAgent,
        &format!("{V}/tickets/{}", outside["id"]),
    )
    .await;
    assert_eq!(r.status, 403);
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
