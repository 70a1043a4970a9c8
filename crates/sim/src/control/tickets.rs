//! New tickets (Freshdesk), ticket changes, and new resolved chats (Freshchat), all at the
//! current wall-clock second: what "activity at the source" looks like to a sync.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::truth::{chat_doc, ticket_doc};
use super::{bad_request, body_or_default, changed, error, present, wrong_product, AccountCall};
use crate::chats::ChatState;
use crate::rng::{stream, Rng};
use crate::ticket::catalog::NO_GROUP;
use crate::ticket::{Status, TicketGen};

/// `POST tickets`: optional overrides of a new ticket.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewTicket {
    #[serde(default, deserialize_with = "present")]
    group_id: Option<Option<u64>>,
    source: Option<u32>,
}

/// `POST tickets/{id}`: the changes, applied in this order.
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

impl TicketChange {
    fn is_empty(&self) -> bool {
        self.group_id.is_none()
            && self.spam.is_none()
            && self.deleted.is_none()
            && self.status.is_none()
            && !self.customer_reply
            && !self.agent_reply
    }
}

/// The group slot of a group id (deleted groups included; `null` is no group).
fn group_slot(gen: &TicketGen, id: Option<u64>) -> Result<u8, Response> {
    match id {
        None => Ok(NO_GROUP),
        Some(id) => gen
            .group_slot(id)
            .ok_or_else(|| bad_request("group_id is not a group of this account")),
    }
}

/// A new ticket now, drawn like live activity's; answers it as the ground truth shows it.
pub fn create_ticket(c: &AccountCall) -> Response {
    let a = &c.account;
    let Some(store) = a.tickets() else {
        return wrong_product(a);
    };
    let spec: NewTicket = match body_or_default(c.req) {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    let slot = match spec.group_id.map(|g| group_slot(&store.gen, g)).transpose() {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    let now = chrono::Utc::now().timestamp();
    let t = store.create(|index| {
        let mut rng = Rng::new(c.app.seed, &[stream::CONTROL, a.salt, index]);
        let mut t = store.gen.live_ticket(index, now, &mut rng);
        if let Some(slot) = slot {
            t.group_slot = slot;
        }
        if let Some(source) = spec.source {
            t.source = source;
        }
        t
    });
    changed(&ticket_doc(&store.gen, &a.groups.all(), &t, None))
}

/// Applies the changes at the current wall-clock second, never in the ticket's creation second
/// nor before its last change: `updated_at = max(now, updated_at + 1)`. The previous version
/// is kept for `as_of`.
pub fn change_ticket(c: &AccountCall) -> Response {
    let a = &c.account;
    let Some(store) = a.tickets() else {
        return wrong_product(a);
    };
    let Some(index) = c.params[0]
        .parse::<u64>()
        .ok()
        .and_then(|n| store.index_of(n))
    else {
        return error(StatusCode::NOT_FOUND, "unknown ticket");
    };
    let change: TicketChange = match body_or_default(c.req) {
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
    let status = match change
        .status
        .map(|s| Status::from_code(s).ok_or(s))
        .transpose()
    {
        Ok(s) => s,
        Err(_) => return bad_request("status is one of the account's statuses, 2 to 7"),
    };
    if change.is_empty() {
        return bad_request("nothing to change: give group_id, spam, deleted, status, customer_reply or agent_reply");
    }
    let now = chrono::Utc::now().timestamp();
    let changed_ticket = store.update(index as u64, |t| {
        if t.state().is_final() {
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
            c.app.seed,
            &[stream::CONTROL, a.salt, t.index as u64, at as u64],
        );
        if change.customer_reply {
            t.customer_reply(at, &mut rng);
        }
        if change.agent_reply {
            t.answer(at, store.gen.draw_agent(&mut rng));
        }
        if let Some(status) = status {
            t.change_status(status, at);
        }
        Ok(())
    });
    match changed_ticket {
        Ok(t) => changed(&ticket_doc(&store.gen, &a.groups.all(), &t, None)),
        Err(state) => error(
            StatusCode::CONFLICT,
            &format!("the ticket is {} and cannot change", state.name()),
        ),
    }
}

/// `POST chats`: optional group of a new chat (`null`: none).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewChat {
    #[serde(default, deserialize_with = "present")]
    group_id: Option<Option<String>>,
}

/// A chat created some minutes ago and resolved now, drawn like live activity's; answers it
/// as the ground truth shows it.
pub fn create_chat(c: &AccountCall) -> Response {
    let a = &c.account;
    let Some(gen) = a.chats() else {
        return wrong_product(a);
    };
    let spec: NewChat = match body_or_default(c.req) {
        Ok(s) => s,
        Err(resp) => return resp,
    };
    let slot = match spec.group_id {
        None => None,
        Some(None) => Some(None),
        Some(Some(id)) => match gen.group_slot(&id, a.groups.len()) {
            Some(s) => Some(Some(s)),
            None => return bad_request("group_id is not a group of this account"),
        },
    };
    let now = chrono::Utc::now().timestamp();
    let mut rng = Rng::new(c.app.seed, &[stream::CONTROL, a.salt, gen.total()]);
    let created = now - rng.exp(20.0 * 60.0, 60);
    let resolved_ms = now * 1000 + rng.below(1000) as i64;
    let chat = gen.add_chat(created, resolved_ms, &mut rng, |chat| {
        chat.state = ChatState::Live;
        if let Some(slot) = slot {
            chat.group_slot = slot;
            chat.report_has_group_name = true;
        }
    });
    changed(&chat_doc(gen, &a.groups.all(), &chat, None))
}
