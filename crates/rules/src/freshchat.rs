//! Freshchat: resolved chats and groups, and how a resolution finds its queue
//! (docs/domain-rules.md, "Freshchat").

use crate::fxhash::FxHashMap;
use crate::queue_name::{chat_queue_name, UNDEFINED_QUEUE};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One row of the `Conversation-Resolved` report: a chat was resolved. Each resolution is one
/// contact; messages, assignments and reopens are not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatResolution {
    /// The Freshchat conversation id (a UUID string).
    pub conversation_id: String,
    /// The group id the report gives, if any.
    #[serde(default)]
    pub group_id: Option<String>,
    /// The group name the report gives, if any (used when the id is not in `/v2/groups`).
    #[serde(default)]
    pub group_name: Option<String>,
    /// When the chat was resolved: the contact's timestamp **(decision)**.
    pub resolved_at: DateTime<Utc>,
    /// Freshchat's interaction id (each reopen is a new interaction); kept for drill-down.
    #[serde(default)]
    pub interaction_id: Option<String>,
    /// The chat was marked spam.
    #[serde(default)]
    pub spam: bool,
    /// The chat was deleted.
    #[serde(default)]
    pub deleted: bool,
}

/// A Freshchat group from `GET /v2/groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatGroup {
    /// The group id (a UUID string).
    pub id: String,
    /// The group's name: the queue name.
    pub name: String,
}

/// A chat reopened and resolved again counts again **(decision)**: every resolution row is a
/// contact, identified by conversation id and resolution time.
pub const EVERY_RESOLUTION_IS_A_CONTACT: bool = true;

/// The Freshchat groups list, looked up when naming queues.
#[derive(Debug, Clone, Default)]
pub struct FreshchatCatalog {
    groups: FxHashMap<String, String>,
}

impl FreshchatCatalog {
    /// A catalog from `/v2/groups`.
    pub fn new<'a>(groups: impl IntoIterator<Item = &'a ChatGroup>) -> Self {
        Self {
            groups: groups
                .into_iter()
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect(),
        }
    }

    /// Adds or replaces a group.
    pub fn set_group(&mut self, group: &ChatGroup) {
        self.groups.insert(group.id.clone(), group.name.clone());
    }

    /// Forgets a group (it was deleted): its chats find no name in the groups list.
    pub fn remove_group(&mut self, id: &str) {
        self.groups.remove(id);
    }

    /// The queue of a resolution, in rule order **(decision** for the order**)**:
    /// 1. a deleted or spam chat → [`UNDEFINED_QUEUE`] (the documents);
    /// 2. the group id looked up in `/v2/groups` → that group's name;
    /// 3. the group name the report gives;
    /// 4. otherwise (no group, group gone) → [`UNDEFINED_QUEUE`] **(decision)**.
    pub fn queue_name<'a>(&'a self, resolution: &'a ChatResolution) -> &'a str {
        if resolution.spam || resolution.deleted {
            return UNDEFINED_QUEUE;
        }
        let from_groups = resolution
            .group_id
            .as_deref()
            .and_then(|id| self.groups.get(id))
            .map(String::as_str)
            .filter(|name| !name.is_empty());
        chat_queue_name(from_groups.or(resolution.group_name.as_deref()))
    }
}
