//! The ground truth of an account: a summary, every ticket (or chat) with its state, as paged
//! JSON or streamed NDJSON, also as of a past instant, and what a Freshchat report holds
//! (the documents are in [`docs`]).

mod docs;

use std::sync::Arc;

use axum::body::Body;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

pub use docs::{chat_doc, ticket_doc, GroupDoc};
use docs::{
    ChannelDoc, ChatPage, Groups, ReportRowDoc, Resolutions, SourceDoc, Summary, TicketPage,
};

use super::{bad_request, wrong_product, AccountCall};
use crate::accounts::Account;
use crate::chats::CHANNEL_NAMES;
use crate::freshchat::reports::report_group;
use crate::groups::GroupInfo;
use crate::http::{self, ts, ts_millis};
use crate::server::Req;
use crate::ticket::catalog::SOURCE_CHOICES;
use crate::ticket::TicketState;

const MAX_TRUTH_PAGE: usize = 5_000;

/// `GET truth`: anchor, counts by state, groups (deleted too), sources or channels.
pub fn summary(c: &AccountCall) -> Response {
    let a = &c.account;
    let groups = a.groups.all();
    let mut doc = Summary {
        anchor: ts(c.app.anchor),
        channels: None,
        chats: None,
        domain: a.domain.clone(),
        groups: Groups::Freshdesk(Vec::new()),
        plan: a.spec.plan,
        product: a.spec.product,
        source_choices: None,
        suspended: a.is_suspended(),
        tickets: None,
        tickets_by_state: None,
        timezone: a.time_zone(),
    };
    if let Some(store) = a.tickets() {
        let by_state = TicketState::ALL
            .iter()
            .map(|st| (st.name(), store.count_state(*st)))
            .collect();
        doc.tickets = Some(store.len());
        doc.tickets_by_state = Some(by_state);
        doc.groups = Groups::Freshdesk(
            groups
                .iter()
                .enumerate()
                .map(|(s, g)| GroupDoc::new(store.gen.group_ids[s], g))
                .collect(),
        );
        doc.source_choices = Some(
            SOURCE_CHOICES
                .iter()
                .map(|(name, code)| SourceDoc { code: *code, name })
                .collect(),
        );
    }
    if let Some(gen) = a.chats() {
        doc.chats = Some(gen.total());
        doc.groups = Groups::Freshchat(
            groups
                .iter()
                .enumerate()
                .map(|(s, g)| GroupDoc::new(gen.group_id(s), g))
                .collect(),
        );
        doc.channels = Some(
            (0..CHANNEL_NAMES.len())
                .map(|s| ChannelDoc {
                    id: gen.channel_id(s),
                    name: CHANNEL_NAMES[s],
                })
                .collect(),
        );
    }
    http::json(StatusCode::OK, &doc)
}

/// The optional `as_of` query parameter, in seconds, or the 400 to answer.
fn as_of(r: &Req) -> Result<Option<i64>, Response> {
    match r.query.get("as_of") {
        None => Ok(None),
        Some(s) => chrono::DateTime::parse_from_rfc3339(s)
            .map(|d| Some(d.timestamp()))
            .map_err(|_| bad_request("as_of must be an RFC 3339 date-time")),
    }
}

/// `offset` (default 0) and `limit` (default 1,000, at most 5,000) of a truth page.
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

/// `GET truth/tickets?offset&limit[&as_of]`.
pub fn tickets(c: &AccountCall) -> Response {
    let Some(store) = c.account.tickets() else {
        return wrong_product(&c.account);
    };
    let (at, (offset, limit)) = match as_of(c.req).and_then(|at| Ok((at, window(c.req)?))) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let groups = c.account.groups.all();
    let tickets = (offset..offset.saturating_add(limit).min(store.len()))
        .filter_map(|i| ticket_doc(&store.gen, &groups, &store.ticket_as_of(i as u64, at)?, at))
        .collect();
    http::json(
        StatusCode::OK,
        &TicketPage {
            offset,
            tickets,
            total: store.len(),
        },
    )
}

/// `GET truth/tickets.ndjson[?as_of]`.
pub fn tickets_ndjson(c: &AccountCall) -> Response {
    let Some(store) = c.account.tickets() else {
        return wrong_product(&c.account);
    };
    let at = match as_of(c.req) {
        Ok(at) => at,
        Err(resp) => return resp,
    };
    ndjson(
        c.account.clone(),
        store.len() as u64,
        move |a, groups, i| {
            let store = a.tickets().expect("freshdesk account");
            ticket_doc(&store.gen, groups, &store.ticket_as_of(i, at)?, at)
        },
    )
}

/// `GET truth/chats?offset&limit[&as_of]`.
pub fn chats(c: &AccountCall) -> Response {
    let Some(gen) = c.account.chats() else {
        return wrong_product(&c.account);
    };
    let (at, (offset, limit)) = match as_of(c.req).and_then(|at| Ok((at, window(c.req)?))) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    let groups = c.account.groups.all();
    let chats = (offset..offset.saturating_add(limit).min(gen.total() as usize))
        .filter_map(|i| chat_doc(gen, &groups, &gen.chat(i as u64), at))
        .collect();
    http::json(
        StatusCode::OK,
        &ChatPage {
            chats,
            offset,
            total: gen.total(),
        },
    )
}

/// `GET truth/chats.ndjson[?as_of]`.
pub fn chats_ndjson(c: &AccountCall) -> Response {
    let Some(gen) = c.account.chats() else {
        return wrong_product(&c.account);
    };
    let at = match as_of(c.req) {
        Ok(at) => at,
        Err(resp) => return resp,
    };
    ndjson(c.account.clone(), gen.total(), move |a, groups, i| {
        let gen = a.chats().expect("freshchat account");
        chat_doc(gen, groups, &gen.chat(i), at)
    })
}

/// `GET truth/resolutions?from&to`: what a `Conversation-Resolved` report for `[from, to)` holds.
pub fn resolutions(c: &AccountCall) -> Response {
    let Some(gen) = c.account.chats() else {
        return wrong_product(&c.account);
    };
    let parse = |k: &str| {
        c.req
            .query
            .get(k)
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
    };
    let (Some(from), Some(to)) = (parse("from"), parse("to")) else {
        return bad_request("from and to (RFC 3339) are required");
    };
    let groups = c.account.groups.all();
    let resolutions = gen
        .resolved_between(from.timestamp_millis(), to.timestamp_millis())
        .iter()
        .map(|(chat, res)| {
            let (report_group_id, report_group_name) = report_group(gen, &groups, chat);
            ReportRowDoc {
                conversation_id: chat.conversation_id.clone(),
                interaction_id: res.interaction_id.clone(),
                report_group_id,
                report_group_name,
                resolved_time: ts_millis(res.resolved_at_ms),
                state: chat.state.name(),
            }
        })
        .collect();
    http::json(StatusCode::OK, &Resolutions { resolutions })
}

/// Streams one JSON document per line, generated in chunks as the client reads; the groups
/// are read once, when the stream starts.
fn ndjson<T: Serialize>(
    a: Arc<Account>,
    n: u64,
    doc: impl Fn(&Account, &[GroupInfo], u64) -> Option<T> + Send + Sync + 'static,
) -> Response {
    const CHUNK: u64 = 256;
    let groups: Arc<[GroupInfo]> = a.groups.all().into();
    let doc = Arc::new(doc);
    let stream = futures_util::stream::unfold(0u64, move |start| {
        let (a, groups, doc) = (a.clone(), groups.clone(), doc.clone());
        async move {
            if start >= n {
                return None;
            }
            let end = (start + CHUNK).min(n);
            let mut buf = Vec::new();
            for i in start..end {
                if let Some(v) = doc(&a, &groups, i) {
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
