//! Wire JSON for tickets and conversations, built from the generated records on demand.

use serde_json::{json, Map, Value};

use crate::accounts::Account;
use crate::http::{ts, ts_opt};
use crate::rng::{hash, Rng};
use crate::store::{due_by, fr_due_by};
use crate::ticket::{ConvKind, Conversation, Ticket, TicketGen};

const SUBJECTS: [&str; 12] = [
    "Cannot log in to my account",
    "Invoice shows the wrong amount",
    "Where is my order?",
    "Request for a refund",
    "App crashes on start",
    "How do I change my plan?",
    "Delivery arrived damaged",
    "Password reset e-mail never arrives",
    "Question about your API",
    "Feature request: dark mode",
    "Duplicate charge on my card",
    "Need help with the integration",
];

pub fn subject(t: &Ticket) -> String {
    if t.source == 5 {
        // Twitter content policy: Freshdesk hides tweets (Oct 2020 changelog).
        return "View the message on Twitter".to_string();
    }
    if t.campaign {
        return "Your subscription renews soon".to_string();
    }
    SUBJECTS[(hash(t.index as u64, &[11]) % SUBJECTS.len() as u64) as usize].to_string()
}

pub fn stats(t: &Ticket) -> Value {
    let s = &t.stats;
    json!({
        "agent_responded_at": ts_opt(s.agent_responded_at),
        "requester_responded_at": ts_opt(s.requester_responded_at),
        "first_responded_at": ts_opt(s.first_responded_at),
        "status_updated_at": ts(s.status_updated_at),
        "reopened_at": ts_opt(s.reopened_at),
        "resolved_at": ts_opt(s.resolved_at),
        "closed_at": ts_opt(s.closed_at),
        "pending_since": ts_opt(s.pending_since),
    })
}

fn requester_email(t: &Ticket) -> String {
    format!("customer{}@example.com", t.requester_id % 1_000_000)
}

/// A ticket as `GET /tickets` lists it; `includes` adds the requested embeds.
pub fn ticket(
    account: &Account,
    gen: &TicketGen,
    t: &Ticket,
    includes: &[&str],
) -> Map<String, Value> {
    let mut r = Rng::new(gen.seed, &[gen.salt, 900, t.index as u64]);
    let support = format!("support@{}", account.domain);
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    put("cc_emails", json!([]));
    put("fwd_emails", json!([]));
    put("reply_cc_emails", json!([]));
    put("ticket_cc_emails", json!([]));
    put("fr_escalated", json!(false));
    put("spam", json!(t.spam));
    put("email_config_id", json!(gen.group_ids[0] + 41_000));
    put("group_id", json!(gen.group_id(t.group_slot)));
    put("priority", json!(t.priority));
    put("requester_id", json!(t.requester_id));
    put("responder_id", json!(t.responder_id));
    put("source", json!(t.source));
    put(
        "company_id",
        if r.chance(0.3) {
            json!(67_001_265_000 + r.below(400))
        } else {
            Value::Null
        },
    );
    put("status", json!(t.status));
    put("subject", json!(subject(t)));
    put("association_type", Value::Null);
    put("support_email", json!(support));
    put(
        "to_emails",
        if matches!(t.source, 1 | 10) {
            json!([support])
        } else {
            Value::Null
        },
    );
    put("product_id", Value::Null);
    put("id", json!(t.id));
    put(
        "type",
        [
            Value::Null,
            json!("Question"),
            json!("Incident"),
            json!("Problem"),
        ][r.below(4) as usize]
            .clone(),
    );
    put("due_by", json!(ts(due_by(t.created_at))));
    put("fr_due_by", json!(ts(fr_due_by(t.created_at))));
    put("is_escalated", json!(false));
    put(
        "custom_fields",
        json!({"cf_order_number": if r.chance(0.4) { json!(format!("ORD-{}", 100_000 + r.below(900_000))) } else { Value::Null }}),
    );
    put("created_at", json!(ts(t.created_at)));
    put("updated_at", json!(ts(t.updated_at)));
    put("associated_tickets_count", Value::Null);
    put("tags", json!([]));
    put("nr_due_by", Value::Null);
    put("nr_escalated", json!(false));
    if t.deleted {
        // `deleted` is present only when true.
        put("deleted", json!(true));
    }
    for inc in includes {
        match *inc {
            "stats" => put("stats", stats(t)),
            "requester" => put(
                "requester",
                json!({"id": t.requester_id, "name": format!("Customer {}", t.requester_id % 1_000_000), "email": requester_email(t), "mobile": null, "phone": null}),
            ),
            "description" => {
                let text = format!("{} (ticket {})", subject(t), t.id);
                put("description", json!(format!("<div>{text}</div>")));
                put("description_text", json!(text));
            }
            "company" => put("company", json!({})),
            _ => {}
        }
    }
    m
}

fn body_text(c: &Conversation) -> &'static str {
    match c.kind {
        ConvKind::AgentReply => {
            "Thanks for reaching out. We are looking into this and will get back to you shortly."
        }
        ConvKind::AgentNote => "Internal: checked the logs, escalating to second level.",
        ConvKind::CustomerReply => "Any update on this? It is still not working for me.",
        ConvKind::ThirdPartyNote => "Forwarded reply from our logistics partner.",
        ConvKind::Survey => "Very helpful, thank you!",
    }
}

pub fn conversation(account: &Account, t: &Ticket, c: &Conversation) -> Value {
    let category = match c.kind {
        ConvKind::CustomerReply => 1,
        ConvKind::AgentNote => 2,
        ConvKind::AgentReply => 3,
        ConvKind::ThirdPartyNote => 4,
        ConvKind::Survey => 7,
    };
    let support = format!("support@{}", account.domain);
    let email_like = c.source == 0 || c.source == 8;
    let (from, to) = match c.kind {
        ConvKind::AgentReply => (json!(support), json!([requester_email(t)])),
        ConvKind::CustomerReply if email_like => (json!(requester_email(t)), json!([support])),
        _ => (Value::Null, json!([])),
    };
    let text = body_text(c);
    json!({
        "body": format!("<div>{text}</div>"),
        "body_text": text,
        "id": c.id,
        "incoming": c.incoming,
        "private": c.private,
        "user_id": c.user_id,
        "support_email": if c.kind == ConvKind::AgentReply { json!(support) } else { Value::Null },
        "source": c.source,
        "category": category,
        "to_emails": to,
        "from_email": from,
        "cc_emails": [],
        "bcc_emails": [],
        "email_failure_count": null,
        "outgoing_failures": null,
        "created_at": ts(c.created_at),
        "updated_at": ts(c.created_at),
        "last_edited_at": null,
        "last_edited_user_id": null,
        "attachments": [],
        "auto_response": false,
        "ticket_id": t.id,
        "source_additional_info": null,
    })
}
