//! Conformance of the Freshdesk API v2: plain HTTP against a simulator on 127.0.0.1 — routing,
//! authentication, personas, plans, groups and ticket fields. The ticket endpoints are in
//! `freshdesk_ticket_list.rs` and `freshdesk_tickets.rs`.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::freshdesk_api::*;
use common::*;
use idesk_sim::Persona;
use serde_json::json;

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
