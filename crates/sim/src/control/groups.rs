//! `POST groups/{id}`: rename or delete a group (Freshdesk or Freshchat). Tickets and chats
//! keep their group id, and new ones may still get it; the group lists, `/ticket_fields`, the
//! agents' groups, report rows and the ground truth show the change from then on.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::truth::GroupDoc;
use super::{bad_request, body, changed, error, AccountCall};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupChange {
    name: Option<String>,
    deleted: Option<bool>,
}

pub fn change(c: &AccountCall) -> Response {
    let a = &c.account;
    let id = c.params[0];
    let slot = match (a.tickets(), a.chats()) {
        (Some(store), _) => id
            .parse::<u64>()
            .ok()
            .and_then(|id| store.gen.group_slot(id))
            .map(usize::from),
        (_, Some(gen)) => gen.group_slot(id, a.groups.len()),
        _ => None,
    };
    let Some(slot) = slot else {
        return error(StatusCode::NOT_FOUND, "unknown group");
    };
    let change: GroupChange = match body(c.req) {
        Ok(g) => g,
        Err(resp) => return resp,
    };
    let name = change.name.as_deref().map(str::trim);
    if name.is_some_and(|n| n.is_empty() || n.chars().count() > 255) {
        return bad_request("name is 1 to 255 characters");
    }
    if name.is_none() && change.deleted.is_none() {
        return bad_request("nothing to change: give name or deleted");
    }
    let now = chrono::Utc::now().timestamp();
    if let Some(name) = name {
        a.groups.rename(slot, name, now);
    }
    if let Some(deleted) = change.deleted {
        a.groups.set_deleted(slot, deleted, now);
    }
    let group = a.groups.get(slot);
    match (a.tickets(), a.chats()) {
        (Some(store), _) => changed(&GroupDoc::new(store.gen.group_ids[slot], &group)),
        (_, Some(gen)) => changed(&GroupDoc::new(gen.group_id(slot), &group)),
        _ => error(StatusCode::NOT_FOUND, "unknown group"),
    }
}
