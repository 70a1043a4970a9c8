//! Freshchat API v2: Bearer auth, account configuration, agents, roles, groups, raw reports.

pub mod reports;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::accounts::Account;
use crate::chats::{uuid, ACTIVE_CHAT_GROUPS};
use crate::http::{self, ts};
use crate::model::Plan;
use crate::rng::stream;
use crate::server::{App, Req};

/// Freshchat's error object: `{"code": <status>, "status": "<NAME>", "message": "..."}`.
pub fn error(status: StatusCode, name: &str, message: &str) -> Response {
    http::json(
        status,
        &json!({"code": status.as_u16(), "status": name, "message": message}),
    )
}

pub fn handle(app: &App, account: &Account, r: &Req) -> Response {
    let token = r
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(s, _)| s.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string());
    if token.and_then(|t| account.persona_for_key(&t)).is_none() {
        return error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "Invalid or missing API token",
        );
    }
    if account.is_suspended() {
        return error(
            StatusCode::FORBIDDEN,
            "ACCOUNT_SUSPENDED",
            "Your account has been suspended",
        );
    }
    if account.spec.plan == Plan::Free {
        return error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "API access is not available on your plan",
        );
    }
    let segs: Vec<&str> = r.path.trim_matches('/').split('/').collect();
    let is_get = r.method == Method::GET;
    match (segs.as_slice(), is_get) {
        (["v2", "accounts", "configuration"], true) => configuration(account),
        (["v2", "agents"], true) => agents(account, r),
        (["v2", "roles"], true) => roles(account),
        (["v2", "groups"], true) => groups(account, r),
        (["v2", "reports", "raw"], false) if r.method == Method::POST => {
            reports::create(app, account, r)
        }
        (["v2", "reports", "raw", id], true) => reports::status(app, account, id),
        (
            ["v2", "accounts", "configuration"]
            | ["v2", "agents"]
            | ["v2", "roles"]
            | ["v2", "groups"],
            false,
        )
        | (["v2", "reports", "raw", _], false) => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "Method not allowed",
        ),
        (["v2", "reports", "raw"], true) => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "Method not allowed",
        ),
        _ => error(StatusCode::NOT_FOUND, "NOT_FOUND", "Resource not found"),
    }
}

fn configuration(a: &Account) -> Response {
    let gen = a.chats().expect("freshchat account");
    http::json(
        StatusCode::OK,
        &json!({
            "account_id": a.id,
            "app_id": uuid(gen.seed, &[stream::ID, a.salt, 1]),
            "plan_type": a.spec.plan.freshchat_plan_type(),
            "bundle_id": null,
            "bundle_type": null,
            "datacenter": "US",
            "account_domain": a.domain,
            "web_chat_id": uuid(gen.seed, &[stream::ID, a.salt, 2]),
            "organisation_id": (284_960_733_419_037_900u64 + a.salt).to_string(),
            "organisation_domain": format!("{}.myfreshworks.com", a.spec.subdomain),
        }),
    )
}

/// (role id, name, description, custom)
fn role_list(a: &Account) -> Vec<(String, &'static str, &'static str, bool)> {
    let gen = a.chats().expect("freshchat account");
    let id = |k: u64| uuid(gen.seed, &[stream::ID, a.salt, 400 + k]);
    vec![
        (
            id(0),
            "Account Admin",
            "Access to everything in Freshchat, including billing",
            false,
        ),
        (
            id(1),
            "Admin",
            "Access to all settings except billing",
            false,
        ),
        (id(2), "Supervisor", "Manages agents and groups", false),
        (id(3), "Agent", "Answers conversations", false),
        (id(4), "Night Shift Lead", "Custom role", true),
    ]
}

fn roles(a: &Account) -> Response {
    let roles: Vec<Value> = role_list(a)
        .into_iter()
        .map(|(id, name, d, custom)| json!({"id": id, "name": name, "description": d, "is_custom_role": custom}))
        .collect();
    http::json(StatusCode::OK, &json!({"roles": roles}))
}

/// `page` (1-based) and `items_per_page` (default 10, at most 50).
fn paging(r: &Req) -> Result<(u64, u64), Response> {
    let page = r
        .query
        .get("page")
        .map_or(Ok(1), |p| p.parse::<u64>())
        .ok()
        .filter(|p| *p >= 1);
    let per = r
        .query
        .get("items_per_page")
        .map_or(Ok(10), |p| p.parse::<u64>())
        .ok()
        .filter(|p| (1..=50).contains(p));
    match (page, per) {
        (Some(p), Some(n)) => Ok((p, n)),
        (None, _) => Err(error(
            StatusCode::BAD_REQUEST,
            "INVALID_VALUE",
            "page should be a positive integer",
        )),
        (_, None) => Err(error(
            StatusCode::BAD_REQUEST,
            "INVALID_VALUE",
            "items_per_page should be between 1 and 50",
        )),
    }
}

fn paged(key: &str, path: &str, items: Vec<Value>, page: u64, per: u64) -> Response {
    let total = items.len() as u64;
    let pages = total.div_ceil(per);
    let slice: Vec<Value> = items
        .into_iter()
        .skip((page - 1).saturating_mul(per).min(usize::MAX as u64) as usize)
        .take(per as usize)
        .collect();
    let mut links = serde_json::Map::new();
    if page < pages {
        links.insert(
            "next_page".into(),
            json!({"href": format!("{path}?page={}&items_per_page={per}", page + 1), "rel": "next_page"}),
        );
    }
    if page > 1 {
        links.insert(
            "previous_page".into(),
            json!({"href": format!("{path}?page={}&items_per_page={per}", page - 1), "rel": "previous_page"}),
        );
    }
    http::json(
        StatusCode::OK,
        &json!({key: slice, "pagination": {"total_items": total, "total_pages": pages, "current_page": page, "items_per_page": per}, "links": links}),
    )
}

fn agents(a: &Account, r: &Req) -> Response {
    let (page, per) = match paging(r) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let gen = a.chats().expect("freshchat account");
    let roles = role_list(a);
    let items: Vec<Value> = a
        .agents
        .iter()
        .enumerate()
        .map(|(k, ag)| {
            let role = match ag.persona {
                Some(crate::model::Persona::AccountAdmin) => 0,
                Some(crate::model::Persona::Admin) => 1,
                _ if k % 5 == 0 => 2,
                _ => 3,
            };
            let (first, last) = ag.name.split_once(' ').unwrap_or((&ag.name, ""));
            json!({
                "id": gen.agent_ids[k],
                "email": ag.email,
                "first_name": first,
                "last_name": last,
                "avatar": {"url": null},
                // A deleted group is no longer among its members' groups.
                "groups": Some(k % ACTIVE_CHAT_GROUPS)
                    .filter(|s| !a.groups.is_deleted(*s))
                    .map(|s| gen.group_id(s))
                    .into_iter()
                    .collect::<Vec<_>>(),
                "locale": "en",
                "role_id": roles[role].0,
                "role_name": roles[role].1,
                "is_deactivated": k == a.agents.len() - 1,
                "is_deleted": false,
                "availability_status": if k % 3 == 0 { "AVAILABLE" } else { "UNAVAILABLE" },
                "routing_type": "INTELLIASSIGN",
                "created_time": ts(a.created_at + k as i64 * 86_400),
            })
        })
        .collect();
    paged("agents", "/v2/agents", items, page, per)
}

fn groups(a: &Account, r: &Req) -> Response {
    let (page, per) = match paging(r) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let gen = a.chats().expect("freshchat account");
    let items: Vec<Value> = a
        .groups
        .active()
        .into_iter()
        .map(|s| {
            let name = a.groups.name(s);
            json!({
                "id": gen.group_id(s),
                "description": format!("{name} team"),
                "name": name,
                "routing_type": if s % 2 == 0 { "INTELLIASSIGN" } else { "DISABLED" },
            })
        })
        .collect();
    paged("groups", "/v2/groups", items, page, per)
}
