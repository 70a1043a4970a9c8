//! `idesk explain` end to end: the real binary against `idesk sim` on loopback, with the real
//! keychain (run inside `dbus-run-session` with an unlocked gnome-keyring). Every timeline is
//! compared with the rules engine applied to the simulator's ground truth, once from the cache
//! (after an import) and once fetched live (no import).

mod common;
mod explain_truth;
use chrono::{DateTime, Utc};
use common::{Sim, KEYCHAIN};
use explain_truth::*;
use serde_json::{json, Value};

/// Tickets with every kind of entry: customer and agent replies, private notes, more
/// conversations than one call embeds, spam and deleted ones, each with a customer reply.
fn prepare_tickets(sim: &Sim, since: DateTime<Utc>) -> Vec<u64> {
    let new_ticket = |body: Value| {
        control(sim, "POST", &account("tickets"), Some(body))["id"]
            .as_u64()
            .unwrap()
    };
    let change = |id: u64, body: Value| {
        control(sim, "POST", &account(&format!("tickets/{id}")), Some(body));
    };
    // More than ten conversations: the embed holds ten, the rest need the conversation pages.
    let long = new_ticket(json!({"source": 1}));
    for k in 0..12 {
        change(
            long,
            json!({"customer_reply": k % 3 != 2, "agent_reply": k % 3 == 2}),
        );
    }
    let spam = new_ticket(json!({"source": 3}));
    change(spam, json!({"customer_reply": true}));
    change(spam, json!({"agent_reply": true}));
    change(spam, json!({"spam": true}));
    let deleted = new_ticket(json!({"group_id": null, "source": 2}));
    change(deleted, json!({"customer_reply": true}));
    change(deleted, json!({"deleted": true}));
    let mut ids = vec![long, spam, deleted];
    // From the generated history: a ticket with a private note, an agent reply and a counted
    // reply together, updated inside the import's window (so the import stores it); preferably
    // one created before the window, whose replies count without its creation.
    let page = control(sim, "GET", &account("truth/tickets?limit=5000"), None);
    let mixed: Vec<&Value> = page["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            let convs = t["conversations"].as_array().unwrap();
            let has = |f: &dyn Fn(&Value) -> bool| convs.iter().any(f);
            t["state"] == "live"
                && utc(&t["updated_at"]) > since + chrono::Duration::days(1)
                && has(&|c| c["private"] == true)
                && has(&|c| c["incoming"] == false && c["private"] == false)
                && has(&|c| {
                    c["incoming"] == true && c["private"] == false && utc(&c["created_at"]) >= since
                })
        })
        .collect();
    let pick = mixed
        .iter()
        .find(|t| utc(&t["created_at"]) < since)
        .or(mixed.first())
        .expect("a generated ticket with a note and both replies");
    ids.push(pick["id"].as_u64().unwrap());
    ids
}

#[test]
fn explained_tickets_equal_the_ground_truth_from_the_cache_and_live() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&["--seed", "7", "--time-scale", SCALE, "--size", "300"]);
    let since = Utc::now() - chrono::Duration::days(30);
    let ids = prepare_tickets(&sim, since);
    let catalog = truth_catalog(&sim);
    let (cached_dir, live_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    add(&sim, cached_dir.path(), "freshdesk", "Desk", DOMAIN);
    add(&sim, live_dir.path(), "freshdesk", "Desk", DOMAIN);
    let since_text = since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let out = idesk(
        &sim,
        cached_dir.path(),
        &["import", "Desk", "--since", &since_text],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for &id in &ids {
        let (contacts, not_counted) = expected(&catalog, &sim, id);
        assert!(contacts.len() >= 2, "ticket {id}: {contacts:?}");
        let (c, n, cached) = explained(&sim, cached_dir.path(), id, "cache");
        assert_eq!(c, contacts, "ticket {id} from the cache");
        assert_eq!(n, not_counted, "ticket {id} from the cache");
        // Stored exactly when the import's window holds the contact.
        for (contact, (_, at, _)) in cached["contacts"].as_array().unwrap().iter().zip(&contacts) {
            assert_eq!(contact["stored"], *at >= since, "ticket {id}: {contact}");
        }
        let (c, n, live) = explained(&sim, live_dir.path(), id, "live");
        assert_eq!(c, contacts, "ticket {id} fetched live");
        assert_eq!(n, not_counted, "ticket {id} fetched live");
        assert!(live["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["stored"] == false));
    }
    let (long, spam, deleted, mixed) = (ids[0], ids[1], ids[2], ids[3]);
    assert!(truth_ticket(&sim, long).1.len() > 10);
    let (_, not_counted) = expected(&catalog, &sim, mixed);
    let whys: Vec<&str> = not_counted.iter().map(|n| n.2.as_str()).collect();
    assert!(
        whys.contains(&"private_note") && whys.contains(&"agent_reply"),
        "{whys:?}"
    );
    for (id, first) in [
        (spam, "Unknown group/source Tickets"),
        (deleted, "Unknown group/source Tickets"),
    ] {
        let (c, _, v) = explained(&sim, live_dir.path(), id, "live");
        assert_eq!(c[0].2, first);
        assert_eq!(c[1].2, "Unknown group/source Replies");
        assert_eq!(v["contacts"][0]["decisions"], json!(["initial_stage_spam"]));
    }
    // Created before the window, replied to inside it: the replies count, the creation is not
    // stored, and the replies say why (backfill_window).
    let (_, _, v) = explained(&sim, cached_dir.path(), mixed, "cache");
    let contacts = v["contacts"].as_array().unwrap();
    assert_eq!(contacts[0]["stored"], false, "{v}");
    let inside = contacts
        .iter()
        .find(|c| c["stored"] == true)
        .expect("a stored reply");
    assert!(
        inside["decisions"]
            .as_array()
            .unwrap()
            .contains(&json!("backfill_window")),
        "{v}"
    );
    // The text output: one line per entry, the ticket first.
    let text = idesk(
        &sim,
        live_dir.path(),
        &["explain", "Desk", "--ticket", &mixed.to_string()],
        None,
    );
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("fetched live") && text.contains("not counted: private_note"),
        "{text}"
    );
    assert!(text.lines().count() >= 4, "{text}");
}

#[test]
fn a_ticket_not_cached_costs_one_call_and_an_unknown_ticket_is_exit_1() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&["--seed", "7", "--time-scale", SCALE, "--size", "100"]);
    let dir = tempfile::tempdir().unwrap();
    add(&sim, dir.path(), "freshdesk", "Desk", DOMAIN);
    let out = idesk(&sim, dir.path(), &["import", "Desk"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Created after the import: not cached, so fetched with one call (catalog and zone cached).
    let created = control(
        &sim,
        "POST",
        &account("tickets"),
        Some(json!({"source": 1})),
    );
    let id = created["id"].as_u64().unwrap();
    control(
        &sim,
        "POST",
        &account(&format!("tickets/{id}")),
        Some(json!({"customer_reply": true})),
    );
    control(&sim, "POST", "/_sim/stats/reset", None);
    let (contacts, _, _) = explained(&sim, dir.path(), id, "live");
    assert_eq!(contacts, expected(&truth_catalog(&sim), &sim, id).0);
    let stats = control(&sim, "GET", "/_sim/stats", None);
    assert_eq!(stats["accounts"][DOMAIN]["requests"], 1, "{stats}");

    for format in ["text", "json"] {
        let out = idesk(
            &sim,
            dir.path(),
            &[
                "explain",
                "Desk",
                "--ticket",
                "987654321",
                "--format",
                format,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with("error[ticket_not_found]: ticket 987654321"),
            "{stderr}"
        );
        if format == "json" {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["error"]["code"], "ticket_not_found");
        }
    }
    // Not a ticket id, and a Freshchat integration: input errors.
    let out = idesk(
        &sim,
        dir.path(),
        &["explain", "Desk", "--ticket", "abc"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    add(&sim, dir.path(), "freshchat", "Chat", "acme.freshchat.com");
    let out = idesk(
        &sim,
        dir.path(),
        &["explain", "Chat", "--ticket", "1"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error[explain_freshdesk_only]"));
}

#[test]
fn a_contact_counted_before_a_group_change_keeps_its_queue_after_a_sync() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&["--seed", "7", "--time-scale", SCALE, "--size", "100"]);
    let dir = tempfile::tempdir().unwrap();
    add(&sim, dir.path(), "freshdesk", "Desk", DOMAIN);
    let summary = control(&sim, "GET", &account("truth"), None);
    let groups: Vec<(u64, String)> = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["deleted"] == false)
        .map(|g| {
            (
                g["id"].as_u64().unwrap(),
                g["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let ((first, first_name), (second, second_name)) = (&groups[0], &groups[1]);
    let body = json!({"group_id": first, "source": 1});
    let created = control(&sim, "POST", &account("tickets"), Some(body));
    let id = created["id"].as_u64().unwrap();
    let ticket_path = account(&format!("tickets/{id}"));
    let out = idesk(&sim, dir.path(), &["import", "Desk"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Moved to another group, then the customer writes; a sync stores both.
    control(
        &sim,
        "POST",
        &ticket_path,
        Some(json!({"group_id": second})),
    );
    control(
        &sim,
        "POST",
        &ticket_path,
        Some(json!({"customer_reply": true})),
    );
    let out = idesk(&sim, dir.path(), &["sync", "Desk"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (contacts, _, v) = explained(&sim, dir.path(), id, "cache");
    let engine_now = expected(&truth_catalog(&sim), &sim, id).0;
    assert_eq!(engine_now[0].2, format!("{second_name} email Tickets"));
    // The ticket's contact stands where it was first counted; the reply is named now.
    assert_eq!(contacts[0].2, format!("{first_name} email Tickets"), "{v}");
    assert_eq!(v["contacts"][0]["decisions"], json!(["first_name_kept"]));
    assert_eq!(v["contacts"][0]["stored"], true);
    let reply = contacts.last().unwrap();
    assert_eq!(reply.2, engine_now.last().unwrap().2);
    assert!(reply.2.starts_with(second_name.as_str()), "{v}");
    assert_eq!(
        v["contacts"].as_array().unwrap().last().unwrap()["stored"],
        true
    );
}
