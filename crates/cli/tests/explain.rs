//! `idesk explain` end to end: the real binary against `idesk sim` on loopback, with the real
//! keychain (run inside `dbus-run-session` with an unlocked gnome-keyring). Every timeline is
//! compared with the rules engine applied to the simulator's ground truth, once from the cache
//! (after an import) and once fetched live (no import).

mod common;
use chrono::{DateTime, Utc};
use common::{idesk_command, run_with_stdin, Sim, KEYCHAIN};
use idesk_rules::{
    conversation_is_contact, Conversation, FreshdeskCatalog, FreshdeskDeriver, Group, Ticket,
    TicketSourceChoice,
};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Output;

const SCALE: &str = "30";
const DOMAIN: &str = "acme.freshdesk.com";

fn idesk(sim: &Sim, data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = idesk_command(sim, data, args);
    cmd.env("IDESK_TIME_SCALE", SCALE);
    run_with_stdin(cmd, stdin)
}

fn add(sim: &Sim, data: &Path, product: &str, name: &str, domain: &str) {
    let out = idesk(
        sim,
        data,
        &[
            "integrations",
            "add",
            product,
            "--name",
            name,
            "--domain",
            domain,
        ],
        Some(&format!("{}\n", sim.key(domain, "account_admin"))),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One request to the simulator's control API; answers the JSON body.
fn control(sim: &Sim, method: &str, path: &str, body: Option<Value>) -> Value {
    let addr = sim.url().trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1."), "{answer}");
    assert!(answer[9..].starts_with('2'), "{method} {path}: {answer}");
    let (_, json) = answer.split_once("\r\n\r\n").unwrap();
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{path}: {e}: {json}"))
}

fn account(sim: &Sim, rest: &str) -> String {
    let _ = sim;
    format!("/_sim/accounts/{DOMAIN}/{rest}")
}

fn utc(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

/// The ticket as the truth holds it, and the rules' records of it.
fn truth_ticket(sim: &Sim, id: u64) -> (Ticket, Vec<Conversation>) {
    let page = control(sim, "GET", &account(sim, "truth/tickets?limit=5000"), None);
    let t = page["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no ticket {id} in the truth"))
        .clone();
    let ticket = Ticket {
        id,
        group_id: t["group_id"].as_u64(),
        source: t["source"].as_i64().unwrap(),
        spam: t["spam"].as_bool().unwrap(),
        deleted: t["deleted"].as_bool().unwrap(),
        created_at: utc(&t["created_at"]),
        updated_at: utc(&t["updated_at"]),
    };
    let conversations = t["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Conversation {
            id: c["id"].as_u64().unwrap(),
            ticket_id: id,
            incoming: c["incoming"].as_bool().unwrap(),
            private: c["private"].as_bool().unwrap(),
            source: c["source"].as_i64().unwrap(),
            created_at: utc(&c["created_at"]),
        })
        .collect();
    (ticket, conversations)
}

fn truth_catalog(sim: &Sim) -> FreshdeskCatalog {
    let summary = control(sim, "GET", &account(sim, "truth"), None);
    let groups: Vec<Group> = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["deleted"].as_bool().unwrap())
        .map(|g| Group {
            id: g["id"].as_u64().unwrap(),
            name: g["name"].as_str().unwrap().to_string(),
        })
        .collect();
    let sources: Vec<TicketSourceChoice> = summary["source_choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| TicketSourceChoice {
            code: s["code"].as_i64().unwrap(),
            name: s["name"].as_str().unwrap().to_string(),
        })
        .collect();
    FreshdeskCatalog::new(&groups, &sources)
}

type Contacts = Vec<(String, DateTime<Utc>, String)>;
type NotCounted = Vec<(u64, DateTime<Utc>, String)>;

/// What the engine gives from the truth: the contacts (kind, at, queue) and the conversations
/// that are none (id, at, why), both oldest first.
fn expected(catalog: &FreshdeskCatalog, sim: &Sim, id: u64) -> (Contacts, NotCounted) {
    let (ticket, mut conversations) = truth_ticket(sim, id);
    conversations.sort_by_key(|c| (c.created_at, c.id));
    let mut deriver = FreshdeskDeriver::new(catalog.clone());
    let contact = deriver.ticket_contact(&ticket);
    let mut contacts = vec![(
        "ticket".to_string(),
        ticket.created_at,
        deriver.queues().name(contact.queue).to_string(),
    )];
    let mut not_counted = Vec::new();
    for c in &conversations {
        match deriver.reply_contact(Some(&ticket), c) {
            Some(r) => contacts.push((
                "reply".into(),
                c.created_at,
                deriver.queues().name(r.queue).to_string(),
            )),
            None => {
                assert!(!conversation_is_contact(c));
                let why = if c.private {
                    "private_note"
                } else {
                    "agent_reply"
                };
                not_counted.push((c.id, c.created_at, why.to_string()));
            }
        }
    }
    (contacts, not_counted)
}

/// `idesk explain --format json`, checked for shape; answers the contacts and not-counted lists.
fn explained(sim: &Sim, data: &Path, id: u64, origin: &str) -> (Contacts, NotCounted, Value) {
    let out = idesk(
        sim,
        data,
        &[
            "explain",
            "Desk",
            "--ticket",
            &id.to_string(),
            "--format",
            "json",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ticket"], id);
    assert_eq!(v["origin"], origin, "ticket {id}");
    let contacts = v["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let at = utc(&c["at"]);
            // The 15-minute interval in the account's zone (New York) that holds the contact.
            let start =
                DateTime::parse_from_rfc3339(c["interval_start"].as_str().unwrap()).unwrap();
            let offset = start.offset().local_minus_utc();
            assert!(offset == -5 * 3600 || offset == -4 * 3600, "{start}");
            let into = (at - start.to_utc()).num_seconds();
            assert!(
                (0..900).contains(&into) && start.timestamp() % 900 == 0,
                "{c}"
            );
            let rule = c["rule"].as_str().unwrap();
            let special = c["queue"]
                .as_str()
                .unwrap()
                .starts_with("Unknown group/source");
            assert_eq!(rule.starts_with("spam_or_deleted"), special, "{c}");
            (
                c["kind"].as_str().unwrap().to_string(),
                at,
                c["queue"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let not_counted = v["not_counted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["conversation"].as_u64().unwrap(),
                utc(&n["at"]),
                n["why"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (contacts, not_counted, v)
}

/// Tickets with every kind of entry: customer and agent replies, private notes, more
/// conversations than one call embeds, spam and deleted ones, each with a customer reply.
fn prepare_tickets(sim: &Sim, since: DateTime<Utc>) -> Vec<u64> {
    let new_ticket = |body: Value| {
        control(sim, "POST", &account(sim, "tickets"), Some(body))["id"]
            .as_u64()
            .unwrap()
    };
    let change = |id: u64, body: Value| {
        control(
            sim,
            "POST",
            &account(sim, &format!("tickets/{id}")),
            Some(body),
        );
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
    let page = control(sim, "GET", &account(sim, "truth/tickets?limit=5000"), None);
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
        &account(&sim, "tickets"),
        Some(json!({"source": 1})),
    );
    let id = created["id"].as_u64().unwrap();
    control(
        &sim,
        "POST",
        &account(&sim, &format!("tickets/{id}")),
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
    let summary = control(&sim, "GET", &account(&sim, "truth"), None);
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
    let created = control(&sim, "POST", &account(&sim, "tickets"), Some(body));
    let id = created["id"].as_u64().unwrap();
    let ticket_path = account(&sim, &format!("tickets/{id}"));
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
