//! The control API under `/_sim/` (any `Host`): counters, faults, the state of an account
//! (keys, suspension, time zone, another app's share of the budget, groups), new tickets and
//! chats, ticket changes, and the ground truth. Every route is listed in [`GLOBAL`] and
//! [`PER_ACCOUNT`] and documented in the crate's README.md.

mod account;
mod faults;
mod groups;
mod tickets;
mod truth;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::accounts::Account;
use crate::http;
use crate::server::{App, Req};

#[derive(Debug, Clone, Copy)]
enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

impl Verb {
    fn method(self) -> Method {
        match self {
            Verb::Get => Method::GET,
            Verb::Post => Method::POST,
            Verb::Put => Method::PUT,
            Verb::Delete => Method::DELETE,
        }
    }
}

/// A route: the method, the path after `/_sim/` (or after `/_sim/accounts/{domain}/`) with
/// `{name}` for a parameter, and its handler.
struct Route<H> {
    verb: Verb,
    pattern: &'static str,
    handler: H,
}

const fn route<H>(verb: Verb, pattern: &'static str, handler: H) -> Route<H> {
    Route {
        verb,
        pattern,
        handler,
    }
}

type Global = fn(&App, &Req) -> Response;

/// A request to a route under `/_sim/accounts/{domain}/`.
pub struct AccountCall<'a> {
    pub app: &'a App,
    pub req: &'a Req,
    /// The account's position in `app.accounts` (and `app.limiters`).
    pub index: usize,
    pub account: Arc<Account>,
    /// The `{…}` segments of the route after the domain, in order.
    pub params: Vec<&'a str>,
}

type PerAccount = fn(&AccountCall) -> Response;

use Verb::{Delete, Get, Post, Put};

const GLOBAL: &[Route<Global>] = &[
    route(Get, "health", health),
    route(Get, "accounts", banner),
    route(Get, "stats", faults::stats),
    route(Post, "stats/reset", faults::reset_stats),
    route(Get, "faults", faults::list),
    route(Put, "faults", faults::replace),
    route(Post, "faults", faults::add),
    route(Delete, "faults", faults::clear),
];

const PER_ACCOUNT: &[Route<PerAccount>] = &[
    route(Post, "keys/{persona}/{action}", account::key),
    route(Post, "suspend", account::suspend),
    route(Post, "unsuspend", account::unsuspend),
    route(Post, "agents/{persona}", account::agent),
    route(Post, "time_zone", account::time_zone),
    route(Post, "other_app", account::other_app),
    route(Post, "groups/{id}", groups::change),
    route(Post, "tickets", tickets::create_ticket),
    route(Post, "tickets/{id}", tickets::change_ticket),
    route(Post, "chats", tickets::create_chat),
    route(Get, "truth", truth::summary),
    route(Get, "truth/tickets", truth::tickets),
    route(Get, "truth/tickets.ndjson", truth::tickets_ndjson),
    route(Get, "truth/chats", truth::chats),
    route(Get, "truth/chats.ndjson", truth::chats_ndjson),
    route(Get, "truth/resolutions", truth::resolutions),
];

/// The parameters of `segs` if they fit `pattern`.
fn fit<'a>(pattern: &str, segs: &[&'a str]) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = pattern.split('/').collect();
    if parts.len() != segs.len() {
        return None;
    }
    let mut params = Vec::new();
    for (part, seg) in parts.iter().zip(segs) {
        if part.starts_with('{') {
            params.push(*seg);
        } else if part != seg {
            return None;
        }
    }
    Some(params)
}

fn find<'r, 'a, H>(
    routes: &'r [Route<H>],
    r: &Req,
    segs: &[&'a str],
) -> Option<(&'r H, Vec<&'a str>)> {
    routes
        .iter()
        .filter(|route| route.verb.method() == r.method)
        .find_map(|route| fit(route.pattern, segs).map(|p| (&route.handler, p)))
}

pub fn handle(app: &App, r: &Req) -> Response {
    let segs: Vec<&str> = r.path.trim_matches('/').split('/').skip(1).collect();
    if let Some((handler, _)) = find(GLOBAL, r, &segs) {
        return handler(app, r);
    }
    if let ["accounts", domain, rest @ ..] = segs.as_slice() {
        let Some(index) = app.account_index(domain) else {
            return error(StatusCode::NOT_FOUND, "unknown account");
        };
        if let Some((handler, params)) = find(PER_ACCOUNT, r, rest) {
            return handler(&AccountCall {
                app,
                req: r,
                index,
                account: app.accounts[index].clone(),
                params,
            });
        }
    }
    error(StatusCode::NOT_FOUND, "unknown control route")
}

fn health(_: &App, _: &Req) -> Response {
    ok()
}

fn banner(app: &App, _: &Req) -> Response {
    http::json(
        StatusCode::OK,
        &crate::Banner {
            url: app.base_url.clone(),
            accounts: app.accounts.iter().map(|a| a.info()).collect(),
        },
    )
}

/// `{"ok": true}`.
fn ok() -> Response {
    http::json(StatusCode::OK, &json!({"ok": true}))
}

/// `{"error": message}`.
fn error(status: StatusCode, message: &str) -> Response {
    http::json(status, &json!({ "error": message }))
}

fn bad_request(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

/// The JSON body, or `T::default()` when the body is empty.
fn body_or_default<T: Default + for<'de> Deserialize<'de>>(r: &Req) -> Result<T, Response> {
    if r.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(&r.body).map_err(|e| bad_request(&e.to_string()))
}

/// The JSON body, required.
fn body<T: for<'de> Deserialize<'de>>(r: &Req) -> Result<T, Response> {
    serde_json::from_slice(&r.body).map_err(|e| bad_request(&e.to_string()))
}

/// Reads `Some(value)` for a present field, so that `null` and absent differ.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A product-specific route called on the other product's account.
fn wrong_product(a: &Account) -> Response {
    bad_request(match a.spec.product {
        crate::model::Product::Freshdesk => "not a Freshchat account",
        crate::model::Product::Freshchat => "not a Freshdesk account",
    })
}

/// The answer of a route that changes the account: what it is now.
fn changed<T: Serialize>(value: &T) -> Response {
    http::json(StatusCode::OK, value)
}
