//! The explorer's IPC types (docs: ISSUE14.md contract), generated for TypeScript.

use crate::integrations::Product;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the naming form offers for one integration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NamingOptions {
    pub product: Product,
    /// The account's groups from the cache (empty before an import), by name.
    pub groups: Vec<NamingGroup>,
    /// Freshdesk: every default ticket source and the account's own; Freshchat: empty.
    pub ticket_sources: Vec<NamingSource>,
    /// Freshdesk: the conversation-source table; Freshchat: empty.
    pub conversation_sources: Vec<NamingSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NamingGroup {
    pub id: String,
    pub name: String,
}

/// A source code and the key queue names use for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NamingSource {
    #[ts(type = "number")]
    pub code: i64,
    pub key: String,
    /// A custom source of the account (code >= 101).
    pub custom: bool,
}

/// The group of the contact to name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum GroupChoice {
    /// A group of the account's groups list.
    Group { id: String },
    /// No group.
    NoGroup,
    /// A group that was deleted (its id no longer listed).
    DeletedGroup { id: String },
}

/// What happened: the first four are Freshdesk's, the last two Freshchat's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NamingKind {
    NewTicket,
    Reply,
    SpamOrDeletedTicket,
    SpamOrDeletedReply,
    ChatResolved,
    ChatDeletedOrSpam,
}

/// A contact to name: its group, its source code (a ticket source for a new ticket, the
/// conversation's own source for a reply; none for a chat) and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NamingQuery {
    pub group: GroupChoice,
    #[ts(type = "number | null")]
    pub source: Option<i64>,
    pub kind: NamingKind,
}

pub use crate::explain::ContactRule;

/// The queue a contact lands in, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NamedQueue {
    /// Never translated.
    pub name: String,
    /// `cases` (Freshdesk) or `chat` (Freshchat).
    pub channel: String,
    pub rule: ContactRule,
    /// Ids of `idesk_rules::DECISIONS` that shaped the name (empty when none did).
    pub decisions: Vec<String>,
    /// One of the queues "typically irrelevant for scheduling".
    pub irrelevant: bool,
}

/// "What will my help desk create?": every queue of the cached contacts with its share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueueShares {
    /// The integration's name.
    pub integration: String,
    /// The first and last cached contact (UTC); null when nothing is cached.
    pub from: Option<String>,
    pub to: Option<String>,
    #[ts(type = "number")]
    pub total: u64,
    /// Most contacts first, then by name.
    pub queues: Vec<QueueShare>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueueShare {
    pub name: String,
    pub channel: String,
    #[ts(type = "number")]
    pub contacts: u64,
    /// Of the total, 0 to 1.
    pub share: f64,
    pub irrelevant: bool,
}
