//! Offered contacts and their stable identities (docs/domain-rules.md, "Identity and idempotency").

use crate::queue_name::ContactKind;
use crate::queues::{QueueId, QueueTable};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Identity prefix of a Freshdesk ticket contact: `ticket:<ticket id>`.
pub const TICKET_ID_PREFIX: &str = "ticket";
/// Identity prefix of a Freshdesk reply contact: `conversation:<conversation id>`.
pub const CONVERSATION_ID_PREFIX: &str = "conversation";
/// Identity prefix of a Freshchat contact: `chat:<conversation id>:<resolution time>`.
pub const CHAT_ID_PREFIX: &str = "chat";

/// A contact's stable identity. Importing the same data twice gives the same identities, so a
/// store keyed by it never counts a contact twice.
///
/// Text form (also the serde form): `ticket:42`, `conversation:67105086049`,
/// `chat:<conversation id>:2026-03-01T10:15:00Z` (resolution time in UTC, to the second,
/// RFC 3339 **(decision** for the time's spelling**)**).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContactId {
    /// A new Freshdesk ticket.
    Ticket(u64),
    /// An incoming public Freshdesk conversation.
    Conversation(u64),
    /// A Freshchat resolution.
    Chat {
        /// The Freshchat conversation id.
        conversation_id: String,
        /// Resolution time, seconds since the Unix epoch (sub-seconds are dropped).
        resolved_at: i64,
    },
}

impl ContactId {
    /// The identity of a Freshchat resolution: conversation id and resolution time to the second.
    pub fn chat(conversation_id: &str, resolved_at: DateTime<Utc>) -> Self {
        ContactId::Chat {
            conversation_id: conversation_id.to_owned(),
            resolved_at: resolved_at.timestamp(),
        }
    }
}

impl fmt::Display for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContactId::Ticket(id) => write!(f, "{TICKET_ID_PREFIX}:{id}"),
            ContactId::Conversation(id) => write!(f, "{CONVERSATION_ID_PREFIX}:{id}"),
            ContactId::Chat {
                conversation_id,
                resolved_at,
            } => {
                let at = DateTime::from_timestamp(*resolved_at, 0).ok_or(fmt::Error)?;
                write!(
                    f,
                    "{CHAT_ID_PREFIX}:{conversation_id}:{}",
                    at.to_rfc3339_opts(SecondsFormat::Secs, true)
                )
            }
        }
    }
}

/// A text that is not a contact identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidContactId(pub String);

impl fmt::Display for InvalidContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a contact identity: {:?}", self.0)
    }
}

impl std::error::Error for InvalidContactId {}

impl FromStr for ContactId {
    type Err = InvalidContactId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidContactId(s.to_owned());
        let (prefix, rest) = s.split_once(':').ok_or_else(invalid)?;
        match prefix {
            TICKET_ID_PREFIX => rest.parse().map(ContactId::Ticket).map_err(|_| invalid()),
            CONVERSATION_ID_PREFIX => rest
                .parse()
                .map(ContactId::Conversation)
                .map_err(|_| invalid()),
            CHAT_ID_PREFIX => {
                // The time contains ':' too; the conversation id is what precedes it. The time is
                // fixed-width (`YYYY-MM-DDTHH:MM:SSZ`, 20 characters) for years 0000–9999.
                let split = rest.len().checked_sub(21).ok_or_else(invalid)?;
                let (conversation_id, time) = rest.split_at(split);
                let time = time.strip_prefix(':').ok_or_else(invalid)?;
                let at = DateTime::parse_from_rfc3339(time).map_err(|_| invalid())?;
                Ok(ContactId::Chat {
                    conversation_id: conversation_id.to_owned(),
                    resolved_at: at.timestamp(),
                })
            }
            _ => Err(invalid()),
        }
    }
}

impl Serialize for ContactId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ContactId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One offered contact, as the engine derives it: identity, kind, queue (an id into the
/// deriver's [`QueueTable`], so deriving allocates no strings) and UTC timestamp.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Contact {
    /// Stable identity.
    pub id: ContactId,
    /// Ticket, reply or chat.
    pub kind: ContactKind,
    /// The queue, interned in the deriver's [`QueueTable`].
    pub queue: QueueId,
    /// When the contact was offered, in UTC.
    pub at: DateTime<Utc>,
}

impl Contact {
    /// This contact with its queue name spelled out (for storage, JSON and comparisons across
    /// queue tables).
    pub fn named(&self, queues: &QueueTable) -> NamedContact {
        NamedContact {
            id: self.id.clone(),
            kind: self.kind,
            queue: queues.name(self.queue).to_owned(),
            at: self.at,
        }
    }
}

/// A contact with its queue as a name: the form to store or send.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NamedContact {
    /// Stable identity.
    pub id: ContactId,
    /// Ticket, reply or chat.
    pub kind: ContactKind,
    /// The queue name.
    pub queue: String,
    /// When the contact was offered, in UTC.
    pub at: DateTime<Utc>,
}
