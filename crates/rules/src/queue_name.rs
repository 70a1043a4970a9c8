//! Queue-name patterns and the special queues (docs/domain-rules.md, "Freshdesk" and "Freshchat").
//!
//! Everything here is a pure function of already-resolved labels: no lookups, no interning.
//! `freshdesk.rs` and `freshchat.rs` resolve group and source labels; `queues.rs` interns the
//! resulting names so the hot path never allocates.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Suffix of a Freshdesk ticket queue: `<group> <source> Tickets`.
pub const TICKETS_SUFFIX: &str = "Tickets";
/// Suffix of a Freshdesk replies queue: `<group> <conversation source> Replies`.
pub const REPLIES_SUFFIX: &str = "Replies";

/// Group label for a ticket whose `group_id` is null. **(decision)**
pub const NO_GROUP: &str = "No group";
/// Prefix of the group label for a `group_id` missing from the groups list (the group was
/// deleted): `Group <id>`. **(decision)**
pub const DELETED_GROUP_PREFIX: &str = "Group ";

/// Queue of tickets whose group and source cannot be determined (spam or deleted), from the
/// source documents.
pub const UNKNOWN_GROUP_SOURCE_TICKETS: &str = "Unknown group/source Tickets";
/// Queue of replies whose group and source cannot be determined (spam or deleted ticket), from
/// the source documents.
pub const UNKNOWN_GROUP_SOURCE_REPLIES: &str = "Unknown group/source Replies";

/// Freshchat queue when the group cannot be determined (deleted or spam chat, no group, group
/// gone). The documents name only this queue for Freshchat. **(decision** for the last two cases**)**
pub const UNDEFINED_QUEUE: &str = "Undefined_Queue";

/// What the documents say about the special queues, for the rule explainer.
pub const SPECIAL_QUEUES_NOTE: &str =
    "Typically, these queues are irrelevant for scheduling your agents' workload.";

/// Whether a queue is one of the special queues whose group cannot be determined
/// ([`UNKNOWN_GROUP_SOURCE_TICKETS`], [`UNKNOWN_GROUP_SOURCE_REPLIES`], [`UNDEFINED_QUEUE`]).
pub fn is_special_queue(name: &str) -> bool {
    [
        UNKNOWN_GROUP_SOURCE_TICKETS,
        UNKNOWN_GROUP_SOURCE_REPLIES,
        UNDEFINED_QUEUE,
    ]
    .contains(&name)
}

/// Prefix of a source key for a code that no table and no `ticket_fields` choice names:
/// `source_<code>`; the contact is never dropped. **(decision)**
pub const UNNAMED_SOURCE_PREFIX: &str = "source_";

/// What kind of offered contact a queue counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// A new Freshdesk ticket (any channel, outbound e-mail included).
    Ticket,
    /// An incoming public conversation on a Freshdesk ticket.
    Reply,
    /// A resolution of a Freshchat conversation.
    Chat,
}

impl ContactKind {
    /// The WFM channel of queues of this kind.
    pub const fn channel(self) -> Channel {
        match self {
            ContactKind::Ticket | ContactKind::Reply => FRESHDESK_CHANNEL,
            ContactKind::Chat => FRESHCHAT_CHANNEL,
        }
    }

    /// Handle time of contacts of this kind: never imported, so "not available" (never 0).
    pub const fn handle_time(self) -> HandleTime {
        match self {
            ContactKind::Ticket | ContactKind::Reply => FRESHDESK_HANDLE_TIME,
            ContactKind::Chat => FRESHCHAT_HANDLE_TIME,
        }
    }

    /// Stable lower-case name (`ticket`, `reply`, `chat`), as serialised.
    pub const fn as_str(self) -> &'static str {
        match self {
            ContactKind::Ticket => "ticket",
            ContactKind::Reply => "reply",
            ContactKind::Chat => "chat",
        }
    }
}

/// The WFM channel a source queue belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// WFM channel *Cases* (FR *Cas*, IT *Casi*, DE *Cases*).
    Cases,
    /// WFM channel *Chat*.
    Chat,
}

/// Freshdesk source queues are of the WFM channel *Cases* (source documents).
pub const FRESHDESK_CHANNEL: Channel = Channel::Cases;
/// Freshchat source queues are of the WFM channel *Chat*. **(decision)**
pub const FRESHCHAT_CHANNEL: Channel = Channel::Chat;

/// Average handle time of a queue. The help desks give no durations, so every queue of this
/// engine reports [`HandleTime::NotAvailable`]; there is deliberately no way to say "0".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandleTime {
    /// The source cannot provide durations ("injixo cannot import ticket durations").
    NotAvailable,
}

/// Freshdesk: "injixo cannot import ticket durations from Freshdesk" (source documents).
pub const FRESHDESK_HANDLE_TIME: HandleTime = HandleTime::NotAvailable;
/// Freshchat: no AHT either (docs/domain-rules.md).
pub const FRESHCHAT_HANDLE_TIME: HandleTime = HandleTime::NotAvailable;

/// The `<group>` label of a Freshdesk queue, before formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupLabel<'a> {
    /// The group's name from the groups list.
    Named(&'a str),
    /// `group_id` is null: [`NO_GROUP`].
    NoGroup,
    /// `group_id` not in the groups list: `Group <id>`.
    Deleted(u64),
}

impl fmt::Display for GroupLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupLabel::Named(name) => f.write_str(name),
            GroupLabel::NoGroup => f.write_str(NO_GROUP),
            GroupLabel::Deleted(id) => write!(f, "{DELETED_GROUP_PREFIX}{id}"),
        }
    }
}

/// A source key: either a fixed key from a table or a name built at run time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SourceKey<'a> {
    /// A key from one of the fixed tables (e.g. `email`).
    Fixed(&'static str),
    /// A name from the account's `ticket_fields` (already in its final form).
    Named(&'a str),
    /// A code named nowhere: `source_<code>`.
    Unnamed(i64),
}

impl fmt::Display for SourceKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceKey::Fixed(key) => f.write_str(key),
            SourceKey::Named(name) => f.write_str(name),
            SourceKey::Unnamed(code) => write!(f, "{UNNAMED_SOURCE_PREFIX}{code}"),
        }
    }
}

/// `<group> <source> Tickets` or `<group> <source> Replies`.
///
/// Given [`ContactKind::Chat`] it applies the Freshchat rule instead (a chat queue is the group's
/// name, no source; no group or a deleted group gives [`UNDEFINED_QUEUE`]), so a caller holding
/// any kind gets the name the engine would give.
pub fn freshdesk_queue_name(
    group: GroupLabel<'_>,
    source: &SourceKey<'_>,
    kind: ContactKind,
) -> String {
    let suffix = match kind {
        ContactKind::Ticket => TICKETS_SUFFIX,
        ContactKind::Reply => REPLIES_SUFFIX,
        ContactKind::Chat => {
            let name = match group {
                GroupLabel::Named(name) => Some(name),
                GroupLabel::NoGroup | GroupLabel::Deleted(_) => None,
            };
            return chat_queue_name(name).to_owned();
        }
    };
    format!("{group} {source} {suffix}")
}

/// The queue of a Freshdesk contact whose group and source cannot be determined (its ticket is
/// spam or deleted): [`UNKNOWN_GROUP_SOURCE_TICKETS`] or [`UNKNOWN_GROUP_SOURCE_REPLIES`].
pub const fn unknown_group_source_queue(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Ticket => UNKNOWN_GROUP_SOURCE_TICKETS,
        ContactKind::Reply => UNKNOWN_GROUP_SOURCE_REPLIES,
        ContactKind::Chat => UNDEFINED_QUEUE,
    }
}

/// A Freshchat queue is the group's name; no determinable group gives [`UNDEFINED_QUEUE`].
pub fn chat_queue_name(group_name: Option<&str>) -> &str {
    match group_name {
        Some(name) if !name.is_empty() => name,
        _ => UNDEFINED_QUEUE,
    }
}
