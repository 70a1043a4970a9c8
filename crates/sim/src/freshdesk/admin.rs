//! Who is calling and how the account is set up: `/agents/me`, `/roles`, `/account`,
//! `/groups`, `/ticket_fields`.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::errors;
use super::tickets::{link_next, parse_paging};
use super::Caller;
use crate::accounts::{Agent, Role};
use crate::http::{self, ts};
use crate::server::Req;
use crate::ticket::catalog::SOURCE_CHOICES;
use crate::ticket::Status;

fn agent_json(c: &Caller, a: &Agent) -> Value {
    let gen = &c.account.tickets().expect("freshdesk account").gen;
    let created = ts(c.account.created_at + 3_600 * (a.id % 500) as i64);
    json!({
        "available": true,
        "occasional": a.occasional,
        "id": a.id,
        "ticket_scope": a.ticket_scope,
        "signature": null,
        // A deleted group is no longer among its members' groups.
        "group_ids": a.group_slots.iter().filter(|s| !c.account.groups.is_deleted(**s as usize)).map(|s| gen.group_ids[*s as usize]).collect::<Vec<_>>(),
        "role_ids": a.role_ids,
        "skill_ids": [],
        "available_since": null,
        "type": "support_agent",
        "focus_mode": true,
        "created_at": created,
        "updated_at": created,
        "contact": {
            "active": true,
            "email": a.email,
            "job_title": null,
            "language": "en",
            "last_login_at": ts(gen.anchor - 3_600),
            "mobile": null,
            "name": a.name,
            "phone": null,
            // The agent's own zone: a later change of the account's zone leaves it.
            "time_zone": c.account.spec.timezone,
            "created_at": created,
            "updated_at": created,
        }
    })
}

pub fn me(c: &Caller) -> Response {
    http::json(StatusCode::OK, &agent_json(c, c.agent))
}

fn role_json(c: &Caller, r: &Role) -> Value {
    json!({
        "id": r.id,
        "name": r.name,
        "description": r.description,
        "default": true,
        "agent_type": r.agent_type,
        "created_at": ts(c.account.created_at),
        "updated_at": ts(c.account.created_at),
    })
}

pub fn roles(c: &Caller) -> Response {
    if !c.account.is_admin(c.agent) {
        return errors::access_denied();
    }
    let list: Vec<Value> = c.account.roles.iter().map(|r| role_json(c, r)).collect();
    http::json(StatusCode::OK, &Value::Array(list))
}

pub fn role(c: &Caller, id: &str) -> Response {
    if !c.account.is_admin(c.agent) {
        return errors::access_denied();
    }
    match c.account.roles.iter().find(|r| id.parse() == Ok(r.id)) {
        Some(r) => http::json(StatusCode::OK, &role_json(c, r)),
        None => errors::not_found(),
    }
}

/// Only Account Administrators may read the account (unconfirmed; the simulator's choice).
pub fn account(c: &Caller) -> Response {
    if !c.account.is_account_admin(c.agent) {
        return errors::access_denied();
    }
    let a = c.account;
    let full = a.agents.iter().filter(|x| !x.occasional).count();
    let body = format!(
        r#"{{"organisation_id":{org},"organisation_name":"{sub}.myfreshworks.com","account_id":{id},"account_name":"{name}","account_domain":"{domain}","bundle_id":null,"hipaa_compliant":false,"total_agents":{{"full_time":{full},"occasional":{occ},"field_service":0,"collaborators":0}},"timezone":{tz},"data_center":"US","tier_type":"{tier}","address":{{"country":"USA","state":"California","city":"San Mateo","street":"S. Delaware Street","postalcode":"94403"}},"contact_person":{{"firstname":"Alex","lastname":"Morgan","email":"{email}"}}}}"#,
        // Larger than 2^53 on purpose: clients must not parse it as a double.
        org = 284_960_733_419_037_821u64 + a.salt,
        sub = a.spec.subdomain,
        id = a.id,
        name = title(&a.spec.subdomain),
        domain = a.domain,
        full = full,
        occ = a.agents.len() - full,
        // The control API may set any name: escape it.
        tz = Value::String(a.time_zone()),
        tier = a.spec.plan.tier_type(),
        email = a.agent(crate::model::Persona::AccountAdmin).email,
    );
    http::raw_json(StatusCode::OK, body.into_bytes())
}

fn title(sub: &str) -> String {
    sub.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn group_json(c: &Caller, slot: usize) -> Value {
    let gen = &c.account.tickets().expect("freshdesk account").gen;
    let name = c.account.groups.name(slot);
    json!({
        "id": gen.group_ids[slot],
        "description": format!("Members of the {name} team belong to this group"),
        "name": name,
        "escalate_to": null,
        "unassigned_for": if slot.is_multiple_of(2) { json!("30m") } else { Value::Null },
        "business_hour_id": null,
        "group_type": "support_agent_group",
        "auto_ticket_assign": (slot % 2) as u8,
        "created_at": ts(c.account.created_at + slot as i64 * 86_400),
        "updated_at": ts(c.account.created_at + slot as i64 * 86_400),
    })
}

/// Lists only groups that still exist; tickets may reference deleted ones.
pub fn groups(c: &Caller, r: &Req) -> Response {
    if !c.account.is_admin(c.agent) {
        return errors::access_denied();
    }
    let (page, per_page) = match parse_paging(r) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let start = (page - 1).saturating_mul(per_page).min(usize::MAX as u64) as usize;
    let active = c.account.groups.active();
    let items: Vec<Value> = active
        .iter()
        .skip(start)
        .take(per_page as usize)
        .map(|s| group_json(c, *s))
        .collect();
    let mut resp = http::json(StatusCode::OK, &Value::Array(items));
    if start.saturating_add(per_page as usize) < active.len() {
        link_next(&mut resp, &c.account.domain, r, page + 1);
    }
    resp
}

pub fn group(c: &Caller, id: &str) -> Response {
    if !c.account.is_admin(c.agent) {
        return errors::access_denied();
    }
    let gen = &c.account.tickets().expect("freshdesk account").gen;
    let slot = c
        .account
        .groups
        .active()
        .into_iter()
        .find(|s| id.parse() == Ok(gen.group_ids[*s]));
    match slot {
        Some(slot) => {
            let mut g = group_json(c, slot);
            let agents: Vec<u64> = c
                .account
                .agents
                .iter()
                .filter(|a| a.group_slots.contains(&(slot as u8)))
                .map(|a| a.id)
                .collect();
            g["agent_ids"] = json!(agents);
            http::json(StatusCode::OK, &g)
        }
        None => errors::not_found(),
    }
}

pub fn ticket_fields(c: &Caller) -> Response {
    let base = c
        .account
        .tickets()
        .expect("freshdesk account")
        .gen
        .group_ids[0]
        + 90_000;
    let created = ts(c.account.created_at);
    let sources: serde_json::Map<String, Value> = SOURCE_CHOICES
        .iter()
        .map(|(n, v)| (n.to_string(), json!(v)))
        .collect();
    let statuses: serde_json::Map<String, Value> = Status::ALL
        .iter()
        .map(|s| (s.code().to_string(), json!(<[&str; 2]>::from(s.labels()))))
        .collect();
    let field = |k: u64, name: &str, label: &str, ty: &str, pos: u32, choices: Value| {
        json!({
            "id": base + k, "name": name, "label": label, "description": format!("Ticket {}", label.to_lowercase()),
            "position": pos, "required_for_closure": false, "required_for_agents": ty == "default_requester",
            "type": ty, "default": true, "customers_can_edit": false, "label_for_customers": label,
            "required_for_customers": false, "displayed_to_customers": ty != "default_source",
            "created_at": created, "updated_at": created, "choices": choices,
        })
    };
    let group_ids = &c
        .account
        .tickets()
        .expect("freshdesk account")
        .gen
        .group_ids;
    let groups: serde_json::Map<String, Value> = c
        .account
        .groups
        .active()
        .into_iter()
        .map(|s| (c.account.groups.name(s), json!(group_ids[s])))
        .collect();
    let list = json!([
        field(
            1,
            "requester",
            "Search a requester",
            "default_requester",
            1,
            json!([])
        ),
        field(2, "subject", "Subject", "default_subject", 2, json!([])),
        field(
            3,
            "ticket_type",
            "Type",
            "default_ticket_type",
            3,
            json!(["Question", "Incident", "Problem", "Feature Request"])
        ),
        field(
            4,
            "source",
            "Source",
            "default_source",
            4,
            Value::Object(sources)
        ),
        field(
            5,
            "status",
            "Status",
            "default_status",
            5,
            Value::Object(statuses)
        ),
        field(
            6,
            "priority",
            "Priority",
            "default_priority",
            6,
            json!({"Low": 1, "Medium": 2, "High": 3, "Urgent": 4})
        ),
        field(
            7,
            "group",
            "Group",
            "default_group",
            7,
            Value::Object(groups)
        ),
        field(8, "agent", "Agent", "default_agent", 8, json!({})),
        field(
            9,
            "description",
            "Description",
            "default_description",
            9,
            json!([])
        ),
    ]);
    http::json(StatusCode::OK, &list)
}
