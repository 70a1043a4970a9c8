//! The control API under `/_sim/`: banner, counters, faults, key revocation, suspension,
//! ticket changes (a new ticket, a group change, spam, delete, a status, a reply) and the ground
//! truth of an account (paged JSON or streamed NDJSON), also as of a past instant.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::accounts::Account;
use crate::chats::{Chat, ChatGen, ACTIVE_CHAT_GROUPS, CHANNEL_NAMES, CHAT_GROUP_NAMES};
use crate::data::{
    ConvKind, Ticket, TicketGen, TicketState, ACTIVE_GROUPS, GROUP_NAMES, NO_GROUP, SOURCE_CHOICES,
};
use crate::faults::FaultRule;
use crate::freshchat::reports::report_group;
use crate::http::{self, ts, ts_millis, ts_opt};
use crate::model::Persona;
use crate::rng::{stream, Rng};
use crate::server::{App, Req};

const MAX_TRUTH_PAGE: usize = 5_000;

fn bad_request(msg: &str) -> Response {
    http::json(StatusCode::BAD_REQUEST, &json!({"error": msg}))
}

pub fn banner(app: &App) -> Value {
    json!({"url": app.base_url, "accounts": app.accounts.iter().map(|a| a.info()).collect::<Vec<_>>()})
}

pub fn handle(app: &App, r: &Req) -> Response {
    let segs: Vec<&str> = r.path.trim_matches('/').split('/').skip(1).collect();
    let m = &r.method;
    match (segs.as_slice(), m) {
        (["health"], &Method::GET) => http::json(StatusCode::OK, &json!({"ok": true})),
        (["accounts"], &Method::GET) => http::json(StatusCode::OK, &banner(app)),
        (["stats"], &Method::GET) => http::json(
            StatusCode::OK,
            &json!({"accounts": app.counters.snapshot()}),
        ),
        (["stats", "reset"], &Method::POST) => {
            app.counters.reset();
            http::json(StatusCode::OK, &json!({"ok": true}))
        }
        (["faults"], &Method::GET) => {
            http::json(StatusCode::OK, &json!({"rules": app.faults.list()}))
        }
        (["faults"], &Method::PUT) => match serde_json::from_slice::<Value>(&r.body)
            .ok()
            .and_then(|v| serde_json::from_value::<Vec<FaultRule>>(v.get("rules")?.clone()).ok())
        {
            Some(rules) => {
                app.faults.set(rules);
                http::json(StatusCode::OK, &json!({"rules": app.faults.list()}))
            }
            None => bad_request("expected {\"rules\": [FaultRule...]}"),
        },
        (["faults"], &Method::POST) => match serde_json::from_slice::<FaultRule>(&r.body) {
            Ok(rule) => {
                app.faults.add(rule);
                http::json(StatusCode::OK, &json!({"rules": app.faults.list()}))
            }
            Err(e) => bad_request(&e.to_string()),
        },
        (["faults"], &Method::DELETE) => {
            app.faults.set(Vec::new());
            http::json(StatusCode::OK, &json!({"rules": []}))
        }
        (["accounts", domain, rest @ ..], _) => {
            let Some(idx) = app.account_index(domain) else {
                return http::json(StatusCode::NOT_FOUND, &json!({"error": "unknown account"}));
            };
            account_route(app, app.accounts[idx].clone(), rest, r)
        }
        _ => http::json(
            StatusCode::NOT_FOUND,
            &json!({"error": "unknown control route"}),
        ),
    }
}

fn account_route(app: &App, a: Arc<Account>, rest: &[&str], r: &Req) -> Response {
    let post = r.method == Method::POST;
    match rest {
        ["keys", persona, action] if post => {
            let Some(p) = Persona::parse(persona).filter(|p| a.keys.contains_key(p)) else {
                return bad_request("unknown persona for this account");
            };
            match *action {
                "revoke" => a.set_revoked(p, true),
                "restore" => a.set_revoked(p, false),
                _ => return bad_request("action is revoke or restore"),
            }
            http::json(StatusCode::OK, &json!({"ok": true}))
        }
        ["suspend"] if post => {
            a.set_suspended(true);
            http::json(StatusCode::OK, &json!({"ok": true}))
        }
        ["unsuspend"] if post => {
            a.set_suspended(false);
            http::json(StatusCode::OK, &json!({"ok": true}))
        }
        ["tickets"] if post => create_ticket(app, &a, r),
        ["tickets", id] if post => change_ticket(app, &a, id, r),
        ["truth"] => summary(app, &a),
        _ if as_of(r).is_err() => bad_request("as_of must be an RFC 3339 date-time"),
        ["truth", "tickets"] => match a.tickets() {
            Some(store) => {
                let (offset, limit) = match window(r) {
                    Ok(w) => w,
                    Err(e) => return e,
                };
                let items: Vec<Value> = (offset..offset.saturating_add(limit).min(store.len()))
                    .filter_map(|i| {
                        let at = as_of(r).ok().flatten();
                        ticket_truth(&store.gen, &store.ticket_as_of(i as u64, at)?, at)
                    })
                    .collect();
                http::json(
                    StatusCode::OK,
                    &json!({"total": store.len(), "offset": offset, "tickets": items}),
                )
            }
            None => bad_request("not a Freshdesk account"),
        },
        ["truth", "tickets.ndjson"] if a.tickets().is_some() => {
            let n = a.tickets().map_or(0, |s| s.len() as u64);
            ndjson(a, n, as_of(r).ok().flatten(), |acc, i, at| {
                let store = acc.tickets().expect("freshdesk account");
                ticket_truth(&store.gen, &store.ticket_as_of(i, at)?, at)
            })
        }
        ["truth", "chats"] => match a.chats() {
            Some(gen) => {
                let (offset, limit) = match window(r) {
                    Ok(w) => w,
                    Err(e) => return e,
                };
                let items: Vec<Value> = (offset
                    ..offset.saturating_add(limit).min(gen.total() as usize))
                    .filter_map(|i| chat_truth(gen, &gen.chat(i as u64), as_of(r).ok().flatten()))
                    .collect();
                http::json(
                    StatusCode::OK,
                    &json!({"total": gen.total(), "offset": offset, "chats": items}),
                )
            }
            None => bad_request("not a Freshchat account"),
        },
        ["truth", "chats.ndjson"] if a.chats().is_some() => {
            let n = a.chats().map_or(0, |g| g.total());
            ndjson(a, n, as_of(r).ok().flatten(), |acc, i, at| {
                let gen = acc.chats().expect("freshchat account");
                chat_truth(gen, &gen.chat(i), at)
            })
        }
        ["truth", "resolutions"] => match a.chats() {
            Some(gen) => {
                let parse = |k: &str| {
                    r.query
                        .get(k)
                        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                };
                let (Some(from), Some(to)) = (parse("from"), parse("to")) else {
                    return bad_request("from and to (RFC 3339) are required");
                };
                let rows: Vec<Value> = gen
                    .resolved_between(from.timestamp_millis(), to.timestamp_millis())
                    .iter()
                    .map(|(chat, res)| {
                        let (gid, gname) = report_group(gen, chat);
                        json!({
                            "conversation_id": chat.conversation_id,
                            "interaction_id": res.interaction_id,
                            "resolved_time": ts_millis(res.resolved_at_ms),
                            "state": chat.state.name(),
                            "report_group_id": gid,
                            "report_group_name": gname,
                        })
                    })
                    .collect();
                http::json(StatusCode::OK, &json!({"resolutions": rows}))
            }
            None => bad_request("not a Freshchat account"),
        },
        _ => http::json(
            StatusCode::NOT_FOUND,
            &json!({"error": "unknown control route"}),
        ),
    }
}

/// Reads `Some(value)` for a present field, so that `null` and absent differ.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// `POST /_sim/accounts/{domain}/tickets`: optional overrides of a new ticket.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewTicket {
    #[serde(default, deserialize_with = "present")]
    group_id: Option<Option<u64>>,
    source: Option<u32>,
}

/// `POST /_sim/accounts/{domain}/tickets/{id}`: the changes, applied in this order.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TicketChange {
    #[serde(default, deserialize_with = "present")]
    group_id: Option<Option<u64>>,
    spam: Option<bool>,
    deleted: Option<bool>,
    #[serde(default)]
    customer_reply: bool,
    #[serde(default)]
    agent_reply: bool,
    status: Option<u32>,
}

fn body_or_default<T: Default + for<'de> Deserialize<'de>>(r: &Req) -> Result<T, Response> {
    if r.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(&r.body).map_err(|e| bad_request(&e.to_string()))
}

/// The group slot of a group id (deleted groups included; `null` is no group).
fn group_slot(gen: &TicketGen, id: Option<u64>) -> Result<u8, Response> {
    match id {
        None => Ok(NO_GROUP),
        Some(id) => gen
            .group_ids
            .iter()
            .position(|g| *g == id)
            .map(|s| s as u8)
            .ok_or_else(|| bad_request("group_id is not a group of this account")),
    }
}

fn create_ticket(app: &App, a: &Account, r: &Req) -> Response {
    let Some(store) = a.tickets() else {
        return bad_request("not a Freshdesk account");
    };
    let spec: NewTicket = match body_or_default(r) {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    let slot = match spec.group_id.map(|g| group_slot(&store.gen, g)).transpose() {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    let now = chrono::Utc::now().timestamp();
    let t = store.create(|index| {
        let mut rng = Rng::new(app.seed, &[stream::CONTROL, a.salt, index]);
        let mut t = store.gen.live_ticket(index, now, &mut rng);
        if let Some(slot) = slot {
            t.group_slot = slot;
        }
        if let Some(source) = spec.source {
            t.source = source;
        }
        t
    });
    http::json(
        StatusCode::OK,
        &ticket_truth(&store.gen, &t, None).unwrap_or_default(),
    )
}

/// Applies the changes at the current wall-clock second, never in the ticket's creation second
/// nor before its last change: `updated_at = max(now, updated_at + 1)`. The previous version
/// is kept for `as_of`.
fn change_ticket(app: &App, a: &Account, id: &str, r: &Req) -> Response {
    let Some(store) = a.tickets() else {
        return bad_request("not a Freshdesk account");
    };
    let Some(index) = id.parse::<u64>().ok().and_then(|n| store.index_of(n)) else {
        return http::json(StatusCode::NOT_FOUND, &json!({"error": "unknown ticket"}));
    };
    let change: TicketChange = match body_or_default(r) {
        Ok(c) => c,
        Err(resp) => return resp,
    };
    let slot = match change
        .group_id
        .map(|g| group_slot(&store.gen, g))
        .transpose()
    {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    if change.status.is_some_and(|s| s < 2) {
        return bad_request("status is 2 or more");
    }
    if slot.is_none()
        && change.spam.is_none()
        && change.deleted.is_none()
        && change.status.is_none()
        && !change.customer_reply
        && !change.agent_reply
    {
        return bad_request("nothing to change: give group_id, spam, deleted, status, customer_reply or agent_reply");
    }
    let now = chrono::Utc::now().timestamp();
    let changed = store.update(index as u64, |t| {
        if matches!(
            t.state(),
            TicketState::Trashed | TicketState::Archived | TicketState::Purged
        ) {
            return Err(t.state());
        }
        let at = now.max(t.updated_at + 1);
        if let Some(slot) = slot {
            t.set_group(slot, at);
        }
        if let Some(spam) = change.spam {
            t.set_spam(spam, at);
        }
        if let Some(deleted) = change.deleted {
            t.set_deleted(deleted, at);
        }
        let mut rng = Rng::new(
            app.seed,
            &[stream::CONTROL, a.salt, t.index as u64, at as u64],
        );
        if change.customer_reply {
            t.add_customer_reply(at, &mut rng);
        }
        if change.agent_reply {
            let agents = &store.gen.agent_ids;
            t.add_agent_reply(at, agents[rng.below(agents.len() as u64) as usize]);
        }
        if let Some(status) = change.status {
            t.change_status(status, at);
        }
        Ok(())
    });
    match changed {
        Ok(t) => http::json(
            StatusCode::OK,
            &ticket_truth(&store.gen, &t, None).unwrap_or_default(),
        ),
        Err(state) => http::json(
            StatusCode::CONFLICT,
            &json!({"error": format!("the ticket is {} and cannot change", state.name())}),
        ),
    }
}

/// The optional `as_of` query parameter, in seconds.
fn as_of(r: &Req) -> Result<Option<i64>, ()> {
    match r.query.get("as_of") {
        None => Ok(None),
        Some(s) => chrono::DateTime::parse_from_rfc3339(s)
            .map(|d| Some(d.timestamp()))
            .map_err(|_| ()),
    }
}

fn window(r: &Req) -> Result<(usize, usize), Response> {
    let offset = r.query.get("offset").map_or(Ok(0), |v| v.parse::<usize>());
    let limit = r
        .query
        .get("limit")
        .map_or(Ok(1_000), |v| v.parse::<usize>());
    match (offset, limit) {
        (Ok(o), Ok(l)) if (1..=MAX_TRUTH_PAGE).contains(&l) => Ok((o, l)),
        _ => Err(bad_request("offset >= 0 and 1 <= limit <= 5000")),
    }
}

/// Streams one JSON object per line, generated in chunks as the client reads.
fn ndjson(
    a: Arc<Account>,
    n: u64,
    at: Option<i64>,
    f: fn(&Account, u64, Option<i64>) -> Option<Value>,
) -> Response {
    const CHUNK: u64 = 256;
    let stream = futures_util::stream::unfold(0u64, move |start| {
        let a = a.clone();
        async move {
            if start >= n {
                return None;
            }
            let end = (start + CHUNK).min(n);
            let mut buf = Vec::new();
            for i in start..end {
                if let Some(v) = f(&a, i, at) {
                    serde_json::to_writer(&mut buf, &v).ok()?;
                    buf.push(b'\n');
                }
            }
            Some((Ok::<_, std::io::Error>(buf), end))
        }
    });
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/x-ndjson")
        .body(Body::from_stream(stream))
        .expect("valid response")
}

fn summary(app: &App, a: &Account) -> Response {
    let mut v = json!({
        "domain": a.domain,
        "product": a.spec.product,
        "plan": a.spec.plan,
        "suspended": a.is_suspended(),
        "anchor": ts(app.anchor),
        "timezone": a.spec.timezone,
    });
    if let Some(store) = a.tickets() {
        let mut counts = serde_json::Map::new();
        for st in [
            TicketState::Live,
            TicketState::Spam,
            TicketState::Deleted,
            TicketState::Trashed,
            TicketState::Archived,
            TicketState::Purged,
        ] {
            let n = store.count_state(st);
            counts.insert(st.name().into(), json!(n));
        }
        v["tickets"] = json!(store.len());
        v["tickets_by_state"] = Value::Object(counts);
        v["groups"] = json!((0..GROUP_NAMES.len())
            .map(|s| json!({"id": store.gen.group_ids[s], "name": GROUP_NAMES[s], "deleted": s >= ACTIVE_GROUPS}))
            .collect::<Vec<_>>());
        v["source_choices"] = json!(SOURCE_CHOICES
            .iter()
            .map(|(n, c)| json!({"name": n, "code": c}))
            .collect::<Vec<_>>());
    }
    if let Some(gen) = a.chats() {
        v["chats"] = json!(gen.total());
        v["groups"] = json!((0..CHAT_GROUP_NAMES.len())
            .map(|s| json!({"id": gen.group_id(s), "name": CHAT_GROUP_NAMES[s], "deleted": s >= ACTIVE_CHAT_GROUPS}))
            .collect::<Vec<_>>());
        v["channels"] = json!((0..CHANNEL_NAMES.len())
            .map(|s| json!({"id": gen.channel_id(s), "name": CHANNEL_NAMES[s]}))
            .collect::<Vec<_>>());
    }
    http::json(StatusCode::OK, &v)
}

fn kind_name(k: ConvKind) -> &'static str {
    match k {
        ConvKind::AgentReply => "agent_reply",
        ConvKind::AgentNote => "agent_note",
        ConvKind::CustomerReply => "customer_reply",
        ConvKind::ThirdPartyNote => "third_party_note",
        ConvKind::Survey => "survey",
    }
}

/// `as_of` (seconds): leaves out what was created after it. Pass the ticket as it was then
/// ([`crate::store::TicketStore::ticket_as_of`]).
pub fn ticket_truth(gen: &TicketGen, t: &Ticket, as_of: Option<i64>) -> Option<Value> {
    let at = as_of.unwrap_or(i64::MAX);
    if t.created_at > at {
        return None;
    }
    let convs: Vec<Value> = t
        .conversations
        .iter()
        .filter(|c| c.created_at <= at)
        .map(|c| {
            json!({"id": c.id, "created_at": ts(c.created_at), "incoming": c.incoming, "private": c.private,
                   "source": c.source, "user_id": c.user_id, "kind": kind_name(c.kind)})
        })
        .collect();
    Some(json!({
        "id": t.id,
        "state": t.state().name(),
        "created_at": ts(t.created_at),
        "updated_at": ts(t.updated_at),
        "source": t.source,
        "status": t.status,
        "group_id": gen.group_id(t.group_slot),
        "group_name": (t.group_slot != NO_GROUP).then(|| GROUP_NAMES[t.group_slot as usize]),
        "group_deleted": t.group_slot != NO_GROUP && t.group_slot as usize >= ACTIVE_GROUPS,
        "spam": t.spam,
        "deleted": t.deleted,
        "trashed": t.trashed,
        "archived": t.archived,
        "purged": t.purged,
        "spam_at": ts_opt(t.spam_at),
        "deleted_at": ts_opt(t.deleted_at),
        "conversations": convs,
    }))
}

pub fn chat_truth(gen: &ChatGen, c: &Chat, as_of: Option<i64>) -> Option<Value> {
    let at = as_of.unwrap_or(i64::MAX);
    if c.created_at > at {
        return None;
    }
    let (rgid, rgname) = report_group(gen, c);
    Some(json!({
        "conversation_id": c.conversation_id,
        "created_at": ts(c.created_at),
        "state": c.state.name(),
        "group_id": c.group_slot.map(|s| gen.group_id(s)),
        "group_name": c.group_slot.map(|s| CHAT_GROUP_NAMES[s]),
        "group_deleted": c.group_slot.is_some_and(|s| s >= ACTIVE_CHAT_GROUPS),
        "report_group_id": rgid,
        "report_group_name": rgname,
        "channel_id": gen.channel_id(c.channel_slot),
        "resolutions": c.resolutions.iter().filter(|r| r.resolved_at_ms <= at.saturating_mul(1000)).map(|r| json!({
            "interaction_id": r.interaction_id, "resolved_time": ts_millis(r.resolved_at_ms), "agent_id": r.agent_id
        })).collect::<Vec<_>>(),
    }))
}
