//! Freshdesk: the records importers feed in, and how a group and a source become labels
//! (docs/domain-rules.md, "Freshdesk").

use crate::fxhash::FxHashMap;
use crate::queue_name::{GroupLabel, SourceKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A Freshdesk ticket as listed by `GET /api/v2/tickets` (only the fields the rules read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    /// The ticket's display id.
    pub id: u64,
    /// Its group, or null.
    pub group_id: Option<u64>,
    /// The ticket source code (an open integer: custom sources are >= 101).
    pub source: i64,
    /// Marked as spam.
    #[serde(default)]
    pub spam: bool,
    /// Deleted (trashed); the API sends the field only when true.
    #[serde(default)]
    pub deleted: bool,
    /// Creation time: the timestamp of the ticket's contact.
    pub created_at: DateTime<Utc>,
    /// Last update (the importer lists tickets updated since the window's start).
    pub updated_at: DateTime<Utc>,
}

impl Ticket {
    /// Whether the group and source "cannot be determined" because the ticket is spam or
    /// deleted: its contacts go to `Unknown group/source ...`.
    pub const fn is_spam_or_deleted(&self) -> bool {
        self.spam || self.deleted
    }
}

/// A conversation on a ticket, as listed by `GET /api/v2/tickets/{id}/conversations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    /// The conversation id.
    pub id: u64,
    /// The ticket's display id.
    pub ticket_id: u64,
    /// Created from outside (by the customer).
    pub incoming: bool,
    /// A private note.
    pub private: bool,
    /// The conversation source code (its own channel).
    pub source: i64,
    /// Creation time: the timestamp of the reply's contact.
    pub created_at: DateTime<Utc>,
}

/// A Freshdesk group from `GET /api/v2/groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The group id.
    pub id: u64,
    /// The group's name, used as written in queue names.
    pub name: String,
}

/// One choice of the `default_source` ticket field (`GET /api/v2/ticket_fields`), where
/// Freshdesk lists `"name": code` pairs: the default sources, sources added later (e.g.
/// `"Web Form": 16`) and custom sources (codes >= 101).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSourceChoice {
    /// The source code.
    pub code: i64,
    /// The name as written in `ticket_fields`.
    pub name: String,
}

/// Whether an incoming conversation is an offered contact: incoming **and** public.
/// Agent replies (`incoming = false`) and private notes (even incoming) are not counted
/// **(decision)**: an offered contact is work that arrives (DE *eingehende*, IT *in entrata*,
/// FR *reçu*).
pub const fn conversation_is_contact(conversation: &Conversation) -> bool {
    conversation.incoming && !conversation.private
}

/// Every new ticket is an offered contact, whatever its channel (outbound e-mail included):
/// "a new ticket will create a ticket queue".
pub const TICKET_IS_ALWAYS_A_CONTACT: bool = true;

/// Codes >= this are custom sources, named from `ticket_fields` as written.
pub const FIRST_CUSTOM_SOURCE_CODE: i64 = 101;

/// Ticket source code → key (Freshdesk's names of the default sources, lower-cased, `_` for
/// spaces). The source for 1–13 is Freshdesk's server code and docs; 15 is `web_chat`.
pub const TICKET_SOURCE_KEYS: &[(i64, &str)] = &[
    (1, "email"),
    (2, "portal"),
    (3, "phone"),
    (4, "forum"),
    (5, "twitter"),
    (6, "facebook"),
    (7, "chat"),
    (8, "mobihelp"),
    (9, "feedback_widget"),
    (10, "outbound_email"),
    (11, "ecommerce"),
    (12, "bot"),
    (13, "whatsapp"),
    (15, "web_chat"),
];

/// Conversation source code → key, for the Replies queue (the reply's own channel).
///
/// - 0 (reply) and 8 (forwarded e-mail) → `email`.
/// - 2 (a note) → `portal`: when incoming and public it is a customer's reply through the
///   support portal **(decision)**.
/// - 6 (survey feedback) → `feedback`: an incoming public comment, so it counts **(decision)**.
/// - 10 → `mobihelp`: server code only **(decision)**.
/// - 11 and 12 → `ecommerce`: the docs say 11, the server code 12 **(decision)**.
/// - 17 → `whatsapp`: server code only **(decision)**.
pub const CONVERSATION_SOURCE_KEYS: &[(i64, &str)] = &[
    (0, "email"),
    (2, "portal"),
    (5, "twitter"),
    (6, "feedback"),
    (7, "facebook"),
    (8, "email"),
    (9, "phone"),
    (10, "mobihelp"),
    (11, "ecommerce"),
    (12, "ecommerce"),
    (17, "whatsapp"),
];

/// The fixed key of a default ticket source code, if the table names it.
pub fn ticket_source_table_key(code: i64) -> Option<&'static str> {
    TICKET_SOURCE_KEYS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, key)| *key)
}

/// The `<conversation source>` key of a reply; a code the table does not name gives
/// `source_<code>` **(decision)**.
pub fn conversation_source_key(code: i64) -> SourceKey<'static> {
    match CONVERSATION_SOURCE_KEYS.iter().find(|(c, _)| *c == code) {
        Some((_, key)) => SourceKey::Fixed(key),
        None => SourceKey::Unnamed(code),
    }
}

/// A name from `ticket_fields` for a non-custom code, turned into a key: lower-cased, `_` for
/// spaces (`"Web Form"` → `web_form`) **(decision)**.
pub fn key_from_choice_name(name: &str) -> String {
    name.trim().to_lowercase().replace(' ', "_")
}

/// The account's catalog: groups and `default_source` choices, looked up when naming queues.
#[derive(Debug, Clone, Default)]
pub struct FreshdeskCatalog {
    groups: FxHashMap<u64, String>,
    /// Source names already in their final key form, by code.
    source_names: FxHashMap<i64, String>,
}

impl FreshdeskCatalog {
    /// A catalog from the groups list and the `default_source` choices.
    pub fn new<'a>(
        groups: impl IntoIterator<Item = &'a Group>,
        source_choices: impl IntoIterator<Item = &'a TicketSourceChoice>,
    ) -> Self {
        let mut catalog = Self::default();
        for group in groups {
            catalog.groups.insert(group.id, group.name.clone());
        }
        for choice in source_choices {
            catalog.add_source_choice(choice);
        }
        catalog
    }

    /// Adds or replaces a group (the groups list changed).
    pub fn set_group(&mut self, group: &Group) {
        self.groups.insert(group.id, group.name.clone());
    }

    /// Forgets a group (it was deleted): its tickets' contacts become `Group <id>`.
    pub fn remove_group(&mut self, id: u64) {
        self.groups.remove(&id);
    }

    /// Adds a `default_source` choice. Codes of the fixed table keep the table's key.
    pub fn add_source_choice(&mut self, choice: &TicketSourceChoice) {
        if let Some(name) = source_choice_key(choice.code, &choice.name) {
            self.source_names.insert(choice.code, name);
        }
    }

    /// The codes the account's `default_source` choices name (beyond the fixed table), ascending.
    pub fn named_source_codes(&self) -> Vec<i64> {
        let mut codes: Vec<i64> = self.source_names.keys().copied().collect();
        codes.sort_unstable();
        codes
    }

    /// The `<group>` label for a ticket's `group_id`: the group's name, `No group` when null,
    /// `Group <id>` when the id is not in the groups list.
    pub fn group_label(&self, group_id: Option<u64>) -> GroupLabel<'_> {
        match group_id {
            None => GroupLabel::NoGroup,
            Some(id) => match self.groups.get(&id) {
                Some(name) => GroupLabel::Named(name),
                None => GroupLabel::Deleted(id),
            },
        }
    }

    /// The `<source>` key of a ticket source code, in rule order:
    /// 1. the fixed table ([`TICKET_SOURCE_KEYS`]);
    /// 2. a name from `ticket_fields` (custom sources >= 101 as written; other codes as a key);
    /// 3. `source_<code>`: never drop the contact.
    pub fn ticket_source_key(&self, code: i64) -> SourceKey<'_> {
        if let Some(key) = ticket_source_table_key(code) {
            return SourceKey::Fixed(key);
        }
        match self.source_names.get(&code) {
            Some(name) => SourceKey::Named(name),
            None => SourceKey::Unnamed(code),
        }
    }
}

/// How a `default_source` choice names its code, or `None` when the fixed table wins.
/// Custom sources (>= 101) keep their name and case, e.g. `Partner Portal`
/// **(decision: custom names keep their case)**; other codes become keys
/// ([`key_from_choice_name`]).
pub fn source_choice_key(code: i64, name: &str) -> Option<String> {
    if ticket_source_table_key(code).is_some() || name.trim().is_empty() {
        None
    } else if code >= FIRST_CUSTOM_SOURCE_CODE {
        Some(name.to_owned())
    } else {
        Some(key_from_choice_name(name))
    }
}
