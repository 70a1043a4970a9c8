//! Freshdesk REST API v2: plan gate, rate limiter, Basic auth, then the routes.

mod admin;
pub mod errors;
pub mod render;
mod tickets;

pub use tickets::MAX_TICKET_PAGE;

use std::time::Instant;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use base64::Engine;

use crate::accounts::{Account, Agent};
use crate::http;
use crate::model::Plan;
use crate::ratelimit::Refusal;
use crate::server::{App, Req};

/// The caller after authentication.
pub struct Caller<'a> {
    pub account: &'a Account,
    pub agent: &'a Agent,
}

/// Credits a call costs: list `include`s cost 2 each, single-ticket ones 1 each
/// (`include=conversations` makes 2 in total), everything else 1.
pub fn cost(r: &Req) -> (u32, bool) {
    let segs: Vec<&str> = r.path.trim_matches('/').split('/').collect();
    let includes = r.query.get("include").map_or(0, |v| {
        v.split(',').filter(|s| !s.trim().is_empty()).count() as u32
    });
    match segs.as_slice() {
        ["api", "v2", "tickets"] if r.method == Method::GET => (1 + 2 * includes, true),
        ["api", "v2", "tickets", id] if r.method == Method::GET && id.parse::<u64>().is_ok() => {
            (1 + includes, false)
        }
        _ => (1, false),
    }
}

/// Basic auth with the API key as user name; the password is ignored.
fn api_key(r: &Req) -> Option<String> {
    let v = r.headers.get("authorization")?.to_str().ok()?;
    let (scheme, b64) = v.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let s = String::from_utf8(decoded).ok()?;
    let user = s.split_once(':').map_or(s.as_str(), |(u, _)| u);
    Some(user.to_string())
}

pub fn handle(app: &App, idx: usize, account: &Account, r: &Req) -> Response {
    if !r.path.starts_with("/api/v2/") && r.path != "/api/v2" {
        return errors::not_found();
    }
    if account.spec.plan == Plan::Free {
        return errors::require_feature("API");
    }
    let (cost, is_list) = cost(r);
    let usage =
        match app.limiters[idx]
            .lock()
            .expect("limiter lock")
            .acquire(Instant::now(), cost, is_list)
        {
            Ok(u) => u,
            Err(refusal) => {
                app.counters.with(&account.domain, |c| c.rate_limited += 1);
                return errors::too_many_requests(Refusal::retry_after_secs(refusal));
            }
        };
    app.counters
        .with(&account.domain, |c| c.credits_used += cost as u64);
    let mut resp = authed(account, r);
    http::set_header(&mut resp, "x-ratelimit-total", usage.total.to_string());
    http::set_header(
        &mut resp,
        "x-ratelimit-remaining",
        usage.remaining.to_string(),
    );
    http::set_header(
        &mut resp,
        "x-ratelimit-used-currentrequest",
        usage.used_current.to_string(),
    );
    http::set_header(
        &mut resp,
        "x-freshdesk-api-version",
        "latest=v2; requested=v2".to_string(),
    );
    resp
}

fn authed(account: &Account, r: &Req) -> Response {
    let Some(persona) = api_key(r).and_then(|k| account.persona_for_key(&k)) else {
        return errors::invalid_credentials();
    };
    if account.is_suspended() {
        return errors::account_suspended();
    }
    let agent = account.agent_now(persona);
    let caller = Caller {
        account,
        agent: &agent,
    };
    let segs: Vec<&str> = r
        .path
        .trim_start_matches("/api/v2")
        .trim_matches('/')
        .split('/')
        .collect();
    let get_only = |f: &dyn Fn() -> Response| {
        if r.method == Method::GET {
            f()
        } else {
            errors::method_not_allowed(r.method.as_str(), "GET")
        }
    };
    match segs.as_slice() {
        ["agents", "me"] => get_only(&|| admin::me(&caller)),
        ["roles"] => get_only(&|| admin::roles(&caller)),
        ["roles", id] => get_only(&|| admin::role(&caller, id)),
        ["account"] => get_only(&|| admin::account(&caller)),
        ["groups"] => get_only(&|| admin::groups(&caller, r)),
        ["groups", id] => get_only(&|| admin::group(&caller, id)),
        ["ticket_fields"] => get_only(&|| admin::ticket_fields(&caller)),
        ["tickets"] => get_only(&|| tickets::list(&caller, r)),
        ["tickets", "archived", id] => get_only(&|| tickets::show_archived(&caller, id)),
        ["tickets", "archived", id, "conversations"] => {
            get_only(&|| tickets::conversations(&caller, r, id, true))
        }
        // Writes are not modelled: every write answers 405 like writes on spam/deleted tickets.
        ["tickets", id] => get_only(&|| tickets::show(&caller, r, id)),
        ["tickets", id, "conversations"] => {
            get_only(&|| tickets::conversations(&caller, r, id, false))
        }
        _ => http::empty(StatusCode::NOT_FOUND),
    }
}
