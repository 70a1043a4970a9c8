//! The state of an account: keys revoked and restored, a persona's role and ticket scope,
//! suspension, the time zone `/account` reports, and another app spending part of the
//! rate-limit budget.

use std::time::Instant;

use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{bad_request, body, changed, ok, wrong_product, AccountCall};
use crate::accounts::{AgentChange, ROLE_ACCOUNT_ADMIN, ROLE_ADMIN, ROLE_AGENT, ROLE_SUPERVISOR};
use crate::model::{Persona, Product};

/// `POST keys/{persona}/revoke|restore`: the persona's key answers 401 until restored.
pub fn key(c: &AccountCall) -> Response {
    let (persona, action) = (c.params[0], c.params[1]);
    let Some(p) = Persona::parse(persona).filter(|p| c.account.keys.contains_key(p)) else {
        return bad_request("unknown persona for this account");
    };
    match action {
        "revoke" => c.account.set_revoked(p, true),
        "restore" => c.account.set_revoked(p, false),
        _ => return bad_request("action is revoke or restore"),
    }
    ok()
}

pub fn suspend(c: &AccountCall) -> Response {
    c.account.set_suspended(true);
    ok()
}

pub fn unsuspend(c: &AccountCall) -> Response {
    c.account.set_suspended(false);
    ok()
}

/// The roles the control API can give, by name, with their index in `Account::roles`.
const ROLES: [(&str, usize); 4] = [
    ("account_admin", ROLE_ACCOUNT_ADMIN),
    ("admin", ROLE_ADMIN),
    ("supervisor", ROLE_SUPERVISOR),
    ("agent", ROLE_AGENT),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentBody {
    role: Option<String>,
    ticket_scope: Option<u8>,
}

#[derive(Debug, Serialize)]
struct AgentNow {
    persona: &'static str,
    role: &'static str,
    ticket_scope: u8,
}

/// `POST agents/{persona}` `{"role": "account_admin" | "admin" | "supervisor" | "agent",
/// "ticket_scope": 1 | 2 | 3}` (Freshdesk): the persona's agent loses (or gets back) a role or
/// its global ticket scope; `/agents/me`, `/account`, `/roles`, `/groups` and the ticket list
/// follow.
pub fn agent(c: &AccountCall) -> Response {
    if c.account.spec.product != Product::Freshdesk {
        return wrong_product(&c.account);
    }
    let Some(persona) = Persona::parse(c.params[0]).filter(|p| c.account.keys.contains_key(p))
    else {
        return bad_request("unknown persona for this account");
    };
    let body: AgentBody = match body(c.req) {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let role = match body.role.as_deref() {
        None => None,
        Some(name) => match ROLES.iter().find(|(n, _)| *n == name) {
            Some((_, index)) => Some(*index),
            None => return bad_request("role is account_admin, admin, supervisor or agent"),
        },
    };
    if body.ticket_scope.is_some_and(|s| !(1..=3).contains(&s)) {
        return bad_request("ticket_scope is 1 (global), 2 (group) or 3 (restricted)");
    }
    if role.is_none() && body.ticket_scope.is_none() {
        return bad_request("nothing to change: give role or ticket_scope");
    }
    c.account.change_agent(
        persona,
        AgentChange {
            role,
            ticket_scope: body.ticket_scope,
        },
    );
    let agent = c.account.agent_now(persona);
    let role = ROLES
        .iter()
        .find(|(_, index)| agent.role_ids.contains(&c.account.roles[*index].id))
        .map_or("", |(name, _)| name);
    changed(&AgentNow {
        persona: persona.name(),
        role,
        ticket_scope: agent.ticket_scope,
    })
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct TimeZone {
    time_zone: String,
}

/// `POST time_zone` `{"time_zone": "<Rails name>"}` (Freshdesk): what `/account` reports from
/// now on. Any name is taken, so that a client's handling of an unknown one can be tried.
pub fn time_zone(c: &AccountCall) -> Response {
    if c.account.spec.product != Product::Freshdesk {
        return wrong_product(&c.account);
    }
    let tz: TimeZone = match body(c.req) {
        Ok(tz) => tz,
        Err(resp) => return resp,
    };
    let name = tz.time_zone.trim();
    if name.is_empty() || name.len() > 100 {
        return bad_request("time_zone is a Rails time-zone name (1 to 100 characters)");
    }
    c.account.set_time_zone(name);
    changed(&TimeZone {
        time_zone: c.account.time_zone(),
    })
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct OtherApp {
    calls_per_minute: u32,
}

/// `POST other_app` `{"calls_per_minute": N}` (Freshdesk): another app on the same help desk
/// spends N credits at the start of every simulated minute from now on (as far as the budget
/// allows); 0 stops it.
pub fn other_app(c: &AccountCall) -> Response {
    if c.account.spec.product != Product::Freshdesk {
        return wrong_product(&c.account);
    }
    let other: OtherApp = match body(c.req) {
        Ok(o) => o,
        Err(resp) => return resp,
    };
    c.app.limiters[c.index]
        .lock()
        .expect("limiter lock")
        .set_other_app(Instant::now(), other.calls_per_minute);
    changed(&other)
}
