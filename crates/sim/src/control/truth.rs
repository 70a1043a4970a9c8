//! The ground truth of an account: a summary, every ticket (or chat) with its state, as paged
//! JSON or streamed NDJSON, also as of a past instant, and what a Freshchat report holds.
//! Documents are typed; their fields are declared in alphabetical order, the order in which
//! the former `json!` maps wrote them, so the bytes stay the same.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::{bad_request, wrong_product, AccountCall};
use crate::accounts::Account;
use crate::chats::{Chat, ChatGen, CHANNEL_NAMES};
use crate::freshchat::reports::report_group;
use crate::groups::GroupInfo;
use crate::http::{self, ts, ts_millis};
use crate::model::{Plan, Product};
use crate::server::Req;
use crate::ticket::catalog::{NO_GROUP, SOURCE_CHOICES};
use crate::ticket::{ConvKind, Status, Ticket, TicketGen, TicketState};

const MAX_TRUTH_PAGE: usize = 5_000;

fn ts_opt(secs: Option<i64>) -> Option<String> {
    secs.map(ts)
}

/// A group as it is now; `renamed_at` and `deleted_at` appear once the control API changed it.
#[derive(Debug, Serialize)]
pub struct GroupDoc<Id> {
    deleted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted_at: Option<String>,
    id: Id,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    renamed_at: Option<String>,
}

impl<Id> GroupDoc<Id> {
    pub fn new(id: Id, g: &GroupInfo) -> Self {
        GroupDoc {
            deleted: g.deleted,
            deleted_at: ts_opt(g.deleted_at),
            id,
            name: g.name.clone(),
            renamed_at: ts_opt(g.renamed_at),
        }
    }
}

#[derive(Debug, Serialize)]
struct SourceDoc {
    code: u32,
    name: &'static str,
}

#[derive(Debug, Serialize)]
struct ChannelDoc {
    id: String,
    name: &'static str,
}

/// The groups of either product: numeric ids (Freshdesk) or UUIDs (Freshchat).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Groups {
    Freshdesk(Vec<GroupDoc<u64>>),
    Freshchat(Vec<GroupDoc<String>>),
}

#[derive(Debug, Serialize)]
struct Summary {
    anchor: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    channels: Option<Vec<ChannelDoc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chats: Option<u64>,
    domain: String,
    groups: Groups,
    plan: Plan,
    product: Product,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_choices: Option<Vec<SourceDoc>>,
    suspended: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    tickets: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tickets_by_state: Option<BTreeMap<&'static str, usize>>,
    timezone: String,
}

#[derive(Debug, Serialize)]
struct ConversationDoc {
    created_at: String,
    id: u64,
    incoming: bool,
    kind: ConvKind,
    private: bool,
    source: u32,
    user_id: u64,
}

#[derive(Debug, Serialize)]
pub struct TicketDoc {
    archived: bool,
    conversations: Vec<ConversationDoc>,
    created_at: String,
    deleted: bool,
    deleted_at: Option<String>,
    group_deleted: bool,
    group_id: Option<u64>,
    /// The group's current name.
    group_name: Option<String>,
    id: u64,
    purged: bool,
    source: u32,
    spam: bool,
    spam_at: Option<String>,
    state: TicketState,
    status: Status,
    trashed: bool,
    updated_at: String,
}

#[derive(Debug, Serialize)]
struct ResolutionDoc {
    agent_id: String,
    interaction_id: String,
    resolved_time: String,
}

#[derive(Debug, Serialize)]
pub struct ChatDoc {
    channel_id: String,
    conversation_id: String,
    created_at: String,
    group_deleted: bool,
    group_id: Option<String>,
    /// The group's current name.
    group_name: Option<String>,
    /// The group a `Conversation-Resolved` report row shows (empty when none).
    report_group_id: String,
    report_group_name: String,
    resolutions: Vec<ResolutionDoc>,
    state: &'static str,
}

/// One row of a `Conversation-Resolved` report.
#[derive(Debug, Serialize)]
struct ReportRowDoc {
    conversation_id: String,
    interaction_id: String,
    report_group_id: String,
    report_group_name: String,
    resolved_time: String,
    state: &'static str,
}

#[derive(Debug, Serialize)]
struct TicketPage {
    offset: usize,
    tickets: Vec<TicketDoc>,
    total: usize,
}

#[derive(Debug, Serialize)]
struct ChatPage {
    chats: Vec<ChatDoc>,
    offset: usize,
    total: u64,
}

#[derive(Debug, Serialize)]
struct Resolutions {
    resolutions: Vec<ReportRowDoc>,
}

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

/// A ticket of the truth; `as_of` (seconds) leaves out what was created after it. Pass the
/// ticket as it was then ([`crate::store::TicketStore::ticket_as_of`]).
pub fn ticket_doc(
    gen: &TicketGen,
    groups: &[GroupInfo],
    t: &Ticket,
    as_of: Option<i64>,
) -> Option<TicketDoc> {
    let at = as_of.unwrap_or(i64::MAX);
    if t.created_at > at {
        return None;
    }
    let group = (t.group_slot != NO_GROUP).then(|| &groups[t.group_slot as usize]);
    Some(TicketDoc {
        archived: t.archived,
        conversations: t
            .conversations
            .iter()
            .filter(|c| c.created_at <= at)
            .map(|c| ConversationDoc {
                created_at: ts(c.created_at),
                id: c.id,
                incoming: c.incoming,
                kind: c.kind,
                private: c.private,
                source: c.source,
                user_id: c.user_id,
            })
            .collect(),
        created_at: ts(t.created_at),
        deleted: t.deleted,
        deleted_at: ts_opt(t.deleted_at),
        group_deleted: group.is_some_and(|g| g.deleted),
        group_id: gen.group_id(t.group_slot),
        group_name: group.map(|g| g.name.clone()),
        id: t.id,
        purged: t.purged,
        source: t.source,
        spam: t.spam,
        spam_at: ts_opt(t.spam_at),
        state: t.state(),
        status: t.status,
        trashed: t.trashed,
        updated_at: ts(t.updated_at),
    })
}

/// A chat of the truth; `as_of` (seconds) leaves out what happened after it.
pub fn chat_doc(
    gen: &ChatGen,
    groups: &[GroupInfo],
    c: &Chat,
    as_of: Option<i64>,
) -> Option<ChatDoc> {
    let at = as_of.unwrap_or(i64::MAX);
    if c.created_at > at {
        return None;
    }
    let (report_group_id, report_group_name) = report_group(gen, groups, c);
    Some(ChatDoc {
        channel_id: gen.channel_id(c.channel_slot),
        conversation_id: c.conversation_id.clone(),
        created_at: ts(c.created_at),
        group_deleted: c.group_slot.is_some_and(|s| groups[s].deleted),
        group_id: c.group_slot.map(|s| gen.group_id(s)),
        group_name: c.group_slot.map(|s| groups[s].name.clone()),
        report_group_id,
        report_group_name,
        resolutions: c
            .resolutions
            .iter()
            .filter(|r| r.resolved_at_ms <= at.saturating_mul(1000))
            .map(|r| ResolutionDoc {
                agent_id: r.agent_id.clone(),
                interaction_id: r.interaction_id.clone(),
                resolved_time: ts_millis(r.resolved_at_ms),
            })
            .collect(),
        state: c.state.name(),
    })
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
