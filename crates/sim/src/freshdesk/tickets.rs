//! `/tickets` (list with every documented quirk), `/tickets/<id>`, archived tickets and
//! `/tickets/<id>/conversations`.

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Months, Utc};
use serde_json::{json, Value};

use super::errors::{self, FieldError};
use super::render;
use super::Caller;
use crate::http::{self, parse_iso8601};
use crate::server::Req;
use crate::store::{ListFilter, ListQuery, OrderBy};
use crate::ticket::{Ticket, TicketState};

/// Freshdesk's last ticket-list page (`SimConfig::max_ticket_page` lowers it).
pub const MAX_TICKET_PAGE: u64 = 300;
const LIST_PARAMS: [&str; 7] = [
    "filter",
    "updated_since",
    "order_by",
    "order_type",
    "include",
    "page",
    "per_page",
];
const LIST_INCLUDES: [&str; 4] = ["stats", "requester", "description", "company"];
const SHOW_INCLUDES: [&str; 4] = ["conversations", "requester", "company", "stats"];

/// Adds `Link: <https://host/path?query&page=N>; rel="next"`, re-emitting the query as sent.
pub fn link_next(resp: &mut Response, domain: &str, r: &Req, page: u64) {
    let url = format!("https://{domain}{}?{}", r.path, r.query.with_page(page));
    http::set_header(resp, "link", format!("<{url}>; rel=\"next\""));
}

fn paging_errors(r: &Req, errs: &mut Vec<FieldError>) -> (u64, u64) {
    let mut page = 1;
    let mut per_page = 30;
    if let Some(p) = r.query.get("page") {
        match p.parse::<u64>() {
            Ok(n) if n >= 1 => page = n,
            _ => errs.push(FieldError::new(
                "page",
                errors::PAGE_MESSAGE,
                "datatype_mismatch",
            )),
        }
    }
    if let Some(p) = r.query.get("per_page") {
        match p.parse::<u64>() {
            Ok(n) if (1..=100).contains(&n) => per_page = n,
            _ => errs.push(FieldError::new(
                "per_page",
                errors::PER_PAGE_MESSAGE,
                "datatype_mismatch",
            )),
        }
    }
    (page, per_page)
}

/// `page` and `per_page` (≤ 100, default 30) of any list, or the 400 to answer.
pub fn parse_paging(r: &Req) -> Result<(u64, u64), Response> {
    let mut errs = Vec::new();
    let p = paging_errors(r, &mut errs);
    if errs.is_empty() {
        Ok(p)
    } else {
        Err(errors::validation(errs))
    }
}

fn one_of(field: &str, values: &str) -> FieldError {
    FieldError::new(
        field,
        format!("It should be one of these values: '{values}'"),
        "invalid_value",
    )
}

pub fn list(c: &Caller, r: &Req) -> Response {
    let store = c.account.tickets().expect("freshdesk account");
    let mut errs = Vec::new();
    for k in r.query.keys() {
        if !LIST_PARAMS.contains(&k) {
            errs.push(FieldError::new(
                k,
                errors::INVALID_FIELD_MESSAGE,
                "invalid_field",
            ));
        }
    }
    let (page, per_page) = paging_errors(r, &mut errs);
    let filter = r.query.get("filter");
    if let Some(f) = filter {
        if !["new_and_my_open", "watching", "spam", "deleted"].contains(&f) {
            errs.push(one_of("filter", "new_and_my_open,watching,spam,deleted"));
        }
    }
    let updated_since = r.query.get("updated_since").map(|s| (s, parse_iso8601(s)));
    if let Some((_, None)) = updated_since {
        errs.push(FieldError::new(
            "updated_since",
            errors::DATE_MESSAGE,
            "invalid_value",
        ));
    }
    let order_by = match r.query.get("order_by") {
        None | Some("created_at") => OrderBy::CreatedAt,
        Some("updated_at") => OrderBy::UpdatedAt,
        Some("due_by") => OrderBy::DueBy,
        Some("status") => OrderBy::Status,
        Some(_) => {
            errs.push(one_of("order_by", "created_at,due_by,updated_at,status"));
            OrderBy::CreatedAt
        }
    };
    let descending = match r.query.get("order_type") {
        None | Some("desc") => true,
        Some("asc") => false,
        Some(_) => {
            errs.push(one_of("order_type", "asc,desc"));
            true
        }
    };
    let includes: Vec<&str> = r
        .query
        .get("include")
        .map_or(Vec::new(), |v| v.split(',').map(str::trim).collect());
    if includes.iter().any(|i| !LIST_INCLUDES.contains(i)) {
        errs.push(one_of("include", "requester,stats,company,description"));
    }
    let max_page = c.account.max_ticket_page;
    if errs.is_empty() && page > max_page {
        errs.push(FieldError::new(
            "page",
            errors::page_limit_message(max_page),
            "invalid_value",
        ));
    }
    if !errs.is_empty() {
        return errors::validation(errs);
    }
    if filter == Some("watching") {
        // No persona watches any ticket.
        return http::json(StatusCode::OK, &json!([]));
    }
    let updated_since = updated_since.and_then(|(_, t)| t);
    // Without a filter or updated_since only tickets created since the start of the day one
    // month ago come back (in UTC here; Freshdesk uses the agent's zone).
    let created_after = (filter.is_none() && updated_since.is_none()).then(|| {
        let d = Utc::now()
            .date_naive()
            .checked_sub_months(Months::new(1))
            .unwrap_or_default();
        d.and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp()
    });
    let q = ListQuery {
        filter: match filter {
            Some("spam") => ListFilter::Spam,
            Some("deleted") => ListFilter::Deleted,
            Some("new_and_my_open") => ListFilter::NewAndMyOpen,
            _ => ListFilter::Default,
        },
        updated_since,
        created_after,
        order_by,
        descending,
        groups: (c.agent.ticket_scope != 1).then(|| c.agent.group_slots.clone()),
    };
    let offset = (page - 1).saturating_mul(per_page).min(usize::MAX as u64) as usize;
    let mut found = store.list(&q, offset, per_page as usize + 1);
    let more = found.len() > per_page as usize;
    found.truncate(per_page as usize);
    let items: Vec<Value> = found
        .iter()
        .map(|i| {
            Value::Object(render::ticket(
                c.account,
                &store.gen,
                &store.ticket(*i as u64),
                &includes,
            ))
        })
        .collect();
    let mut resp = http::json(StatusCode::OK, &Value::Array(items));
    if more {
        // Built without checking the page cap: page 300 still points at page 301.
        link_next(&mut resp, &c.account.domain, r, page + 1);
    }
    resp
}

/// The ticket with display id `id`, or the response that hides it.
fn find(c: &Caller, id: &str) -> Result<Ticket, Response> {
    let store = c.account.tickets().expect("freshdesk account");
    let idx = id
        .parse::<u64>()
        .ok()
        .and_then(|n| store.index_of(n))
        .ok_or_else(errors::not_found)?;
    let t = store.ticket(idx as u64);
    if t.state() == TicketState::Purged {
        return Err(errors::not_found());
    }
    if c.agent.ticket_scope != 1 && !c.agent.group_slots.contains(&t.group_slot) {
        return Err(errors::access_denied());
    }
    Ok(t)
}

pub fn show(c: &Caller, r: &Req, id: &str) -> Response {
    let t = match find(c, id) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    if t.archived {
        return errors::not_found();
    }
    let includes: Vec<&str> = r
        .query
        .get("include")
        .map_or(Vec::new(), |v| v.split(',').map(str::trim).collect());
    if includes.iter().any(|i| !SHOW_INCLUDES.contains(i)) {
        return errors::validation(vec![one_of(
            "include",
            "conversations,requester,company,stats",
        )]);
    }
    let store = c.account.tickets().expect("freshdesk account");
    let mut embeds: Vec<&str> = includes
        .iter()
        .copied()
        .filter(|i| *i != "conversations")
        .collect();
    embeds.push("description");
    let mut m = render::ticket(c.account, &store.gen, &t, &embeds);
    m.insert("attachments".into(), json!([]));
    m.insert("source_additional_info".into(), Value::Null);
    if includes.contains(&"conversations") {
        // At most ten, oldest first.
        let convs: Vec<Value> = t
            .conversations
            .iter()
            .take(10)
            .map(|cv| render::conversation(c.account, &t, cv))
            .collect();
        m.insert("conversations".into(), Value::Array(convs));
    }
    http::json(StatusCode::OK, &Value::Object(m))
}

pub fn show_archived(c: &Caller, id: &str) -> Response {
    let t = match find(c, id) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    if !t.archived {
        return errors::not_found();
    }
    let store = c.account.tickets().expect("freshdesk account");
    let mut m = render::ticket(c.account, &store.gen, &t, &["description"]);
    m.insert("archived".into(), json!(true));
    m.insert("attachments".into(), json!([]));
    http::json(StatusCode::OK, &Value::Object(m))
}

pub fn conversations(c: &Caller, r: &Req, id: &str, archived_route: bool) -> Response {
    let t = match find(c, id) {
        Ok(t) => t,
        Err(resp) => return resp,
    };
    if t.archived != archived_route {
        return errors::not_found();
    }
    if t.trashed {
        // Queued for permanent deletion.
        return errors::access_denied();
    }
    let (page, per_page) = match parse_paging(r) {
        Ok(p) => p,
        Err(resp) => return resp,
    };
    let start = (page - 1).saturating_mul(per_page).min(usize::MAX as u64) as usize;
    let items: Vec<Value> = t
        .conversations
        .iter()
        .skip(start)
        .take(per_page as usize)
        .map(|cv| render::conversation(c.account, &t, cv))
        .collect();
    let mut resp = http::json(StatusCode::OK, &Value::Array(items));
    if start.saturating_add(per_page as usize) < t.conversations.len() {
        link_next(&mut resp, &c.account.domain, r, page + 1);
    }
    resp
}
