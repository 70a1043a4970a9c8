//! The ticket timeline as the app and the CLI receive it (the contract of issue 14). Instants are
//! RFC 3339: `at` in UTC, `interval_start` with the account zone's offset.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where the timeline's data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineOrigin {
    /// The local cache: the ticket and all its conversations were imported.
    Cache,
    /// Fetched from the help desk now.
    Live,
}

/// Why a contact has its queue name (the pattern that made it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ContactRule {
    NewTicket,
    IncomingConversation,
    SpamOrDeletedTicket,
    SpamOrDeletedReply,
    ChatResolved,
    ChatUndefined,
}

impl From<idesk_rules::ContactRule> for ContactRule {
    fn from(rule: idesk_rules::ContactRule) -> Self {
        use idesk_rules::ContactRule as R;
        match rule {
            R::NewTicket => ContactRule::NewTicket,
            R::IncomingConversation => ContactRule::IncomingConversation,
            R::SpamOrDeletedTicket => ContactRule::SpamOrDeletedTicket,
            R::SpamOrDeletedReply => ContactRule::SpamOrDeletedReply,
            R::ChatResolved => ContactRule::ChatResolved,
            R::ChatUndefined => ContactRule::ChatUndefined,
        }
    }
}

/// Why a conversation is not an offered contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NotCountedWhy {
    /// `incoming = false`.
    AgentReply,
    /// `private = true`, even if incoming.
    PrivateNote,
}

impl From<idesk_rules::NotCountedWhy> for NotCountedWhy {
    fn from(why: idesk_rules::NotCountedWhy) -> Self {
        match why {
            idesk_rules::NotCountedWhy::AgentReply => NotCountedWhy::AgentReply,
            idesk_rules::NotCountedWhy::PrivateNote => NotCountedWhy::PrivateNote,
        }
    }
}

/// One ticket: its labels and every entry, the ticket first, then its conversations oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TicketTimeline {
    /// The integration's name.
    pub integration: String,
    #[ts(type = "number")]
    pub ticket: u64,
    pub origin: TimelineOrigin,
    /// The group label as queue names use it: the name, `No group`, `Group <id>`.
    pub group: String,
    /// The ticket's source key: `email`, `Partner Portal`, `source_42`.
    pub source: String,
    pub spam: bool,
    pub deleted: bool,
    /// The IANA zone the intervals are in (the account's).
    pub time_zone: String,
    pub interval_minutes: u32,
    pub entries: Vec<TimelineEntry>,
}

/// The ticket's creation or one conversation; exactly one of `counted` / `not_counted` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TimelineEntry {
    /// `None`: the ticket's creation.
    #[ts(type = "number | null")]
    pub conversation: Option<u64>,
    /// UTC.
    pub at: String,
    /// Conversations only.
    pub incoming: Option<bool>,
    /// Conversations only.
    pub private: Option<bool>,
    pub counted: Option<CountedContact>,
    pub not_counted: Option<NotCountedWhy>,
}

/// An entry that is an offered contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CountedContact {
    /// `ticket` or `reply`.
    pub kind: String,
    pub queue: String,
    pub rule: ContactRule,
    /// Ids of the decisions that shaped the name (`idesk_rules::DECISIONS`), possibly none.
    pub decisions: Vec<String>,
    /// RFC 3339 with the zone's offset.
    pub interval_start: String,
    /// Whether this contact is in the cache's counts.
    pub stored: bool,
}
