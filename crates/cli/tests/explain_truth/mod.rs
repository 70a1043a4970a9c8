//! Helpers of `explain.rs`: the simulator's control API and ground truth, what the rules engine
//! makes of a truth ticket, and `idesk explain`'s JSON read back.

use super::common::{idesk_command, run_with_stdin, Sim};
use chrono::{DateTime, Utc};
use idesk_rules::{
    conversation_is_contact, Conversation, FreshdeskCatalog, FreshdeskDeriver, Group, Ticket,
    TicketSourceChoice,
};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Output;

pub const SCALE: &str = "30";
pub const DOMAIN: &str = "acme.freshdesk.com";

pub fn idesk(sim: &Sim, data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = idesk_command(sim, data, args);
    cmd.env("IDESK_TIME_SCALE", SCALE);
    run_with_stdin(cmd, stdin)
}

pub fn add(sim: &Sim, data: &Path, product: &str, name: &str, domain: &str) {
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
pub fn control(sim: &Sim, method: &str, path: &str, body: Option<Value>) -> Value {
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

pub fn account(rest: &str) -> String {
    format!("/_sim/accounts/{DOMAIN}/{rest}")
}

pub fn utc(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

/// The ticket as the truth holds it, and the rules' records of it.
pub fn truth_ticket(sim: &Sim, id: u64) -> (Ticket, Vec<Conversation>) {
    let page = control(sim, "GET", &account("truth/tickets?limit=5000"), None);
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

pub fn truth_catalog(sim: &Sim) -> FreshdeskCatalog {
    let summary = control(sim, "GET", &account("truth"), None);
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

pub type Contacts = Vec<(String, DateTime<Utc>, String)>;
pub type NotCounted = Vec<(u64, DateTime<Utc>, String)>;

/// What the engine gives from the truth: the contacts (kind, at, queue) and the conversations
/// that are none (id, at, why), both oldest first.
pub fn expected(catalog: &FreshdeskCatalog, sim: &Sim, id: u64) -> (Contacts, NotCounted) {
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
pub fn explained(sim: &Sim, data: &Path, id: u64, origin: &str) -> (Contacts, NotCounted, Value) {
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
