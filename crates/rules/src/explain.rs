//! "Reconcile per ticket": why one Freshdesk ticket became N contacts in M queues. For the ticket
//! and each of its conversations, either the contact it counts as (kind, queue, the rule of the
//! pattern, the decisions that shaped the name) or why it is not one. Names come from a
//! [`FreshdeskDeriver`], so they are the engine's; the decisions are read off the inputs the same
//! way the catalog resolves labels (docs/domain-rules.md).

use crate::contact::ContactId;
use crate::contact_rule::ContactRule;
use crate::decisions::DECISIONS;
use crate::derive::FreshdeskDeriver;
use crate::freshdesk::{
    conversation_is_contact, Conversation, FreshdeskCatalog, Ticket, CONVERSATION_SOURCE_KEYS,
    FIRST_CUSTOM_SOURCE_CODE,
};
use crate::queue_name::{is_special_queue, ContactKind, GroupLabel, SourceKey};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// Why a conversation is not an offered contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCountedWhy {
    /// `incoming = false`: work that leaves, not work that arrives.
    AgentReply,
    /// `private = true`, incoming or not: internal work.
    PrivateNote,
}

impl NotCountedWhy {
    /// The stable id (`agent_reply`, `private_note`).
    pub const fn as_str(self) -> &'static str {
        match self {
            NotCountedWhy::AgentReply => "agent_reply",
            NotCountedWhy::PrivateNote => "private_note",
        }
    }
}

/// A ticket or conversation that counts as an offered contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountedEntry {
    /// Ticket or reply.
    pub kind: ContactKind,
    /// The queue name that stands: the stored one when the contact was already named, else the
    /// name from the state given.
    pub queue: String,
    pub rule: ContactRule,
    /// Ids of [`DECISIONS`] that shaped the name, in the order of that list.
    pub decisions: Vec<&'static str>,
    /// Whether `queue` came from the names already stored.
    pub stored: bool,
}

/// What one entry of the timeline is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryOutcome {
    Counted(CountedEntry),
    NotCounted(NotCountedWhy),
}

/// The ticket's creation (`conversation: None`) or one conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainedEntry {
    pub conversation: Option<u64>,
    pub at: DateTime<Utc>,
    /// Conversations only.
    pub incoming: Option<bool>,
    /// Conversations only.
    pub private: Option<bool>,
    pub outcome: EntryOutcome,
}

/// A ticket explained: its labels as queue names use them and every entry, the ticket first,
/// then its conversations oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketExplanation {
    /// `<group>`: the group's name, `No group` or `Group <id>`.
    pub group: String,
    /// `<source>` of the ticket: `email`, `Partner Portal`, `source_42`.
    pub source: String,
    pub entries: Vec<ExplainedEntry>,
}

/// What the explanation knows beyond the ticket: names already given and the import's window.
#[derive(Debug, Clone, Default)]
pub struct ExplainContext {
    /// Queue names already stored, by contact identity (the first name stands).
    pub stored: HashMap<ContactId, String>,
    /// Where the backfill window starts, if the account was imported.
    pub window_start: Option<DateTime<Utc>>,
}

/// Explains one ticket: its own contact, then each conversation (sorted by time, then id).
pub fn explain_ticket(
    catalog: &FreshdeskCatalog,
    ticket: &Ticket,
    conversations: &[Conversation],
    context: &ExplainContext,
) -> TicketExplanation {
    let mut deriver = FreshdeskDeriver::new(catalog.clone());
    let mut entries = Vec::with_capacity(conversations.len() + 1);
    let contact = deriver.ticket_contact(ticket);
    let current = deriver.queues().name(contact.queue).to_owned();
    let shaped = name_decisions(catalog, ticket, None);
    entries.push(ExplainedEntry {
        conversation: None,
        at: ticket.created_at,
        incoming: None,
        private: None,
        outcome: EntryOutcome::Counted(settle(
            ContactKind::Ticket,
            current,
            shaped,
            context.stored.get(&contact.id),
        )),
    });
    let mut sorted: Vec<&Conversation> = conversations.iter().collect();
    sorted.sort_by_key(|c| (c.created_at, c.id));
    for conversation in sorted {
        let outcome = match deriver.reply_contact(Some(ticket), conversation) {
            Some(contact) => {
                let current = deriver.queues().name(contact.queue).to_owned();
                let mut shaped = name_decisions(catalog, ticket, Some(conversation));
                let before_window = context.window_start.is_some_and(|start| {
                    ticket.created_at < start && conversation.created_at >= start
                });
                if before_window {
                    shaped.push("backfill_window");
                }
                EntryOutcome::Counted(settle(
                    ContactKind::Reply,
                    current,
                    shaped,
                    context.stored.get(&contact.id),
                ))
            }
            None => EntryOutcome::NotCounted(
                not_counted_why(conversation).expect("the deriver counts exactly the contacts"),
            ),
        };
        entries.push(ExplainedEntry {
            conversation: Some(conversation.id),
            at: conversation.created_at,
            incoming: Some(conversation.incoming),
            private: Some(conversation.private),
            outcome,
        });
    }
    TicketExplanation {
        group: catalog.group_label(ticket.group_id).to_string(),
        source: catalog.ticket_source_key(ticket.source).to_string(),
        entries,
    }
}

/// Why a conversation is not a contact, or `None` when it is one: a note first (even an incoming
/// one), then an agent's reply.
pub fn not_counted_why(conversation: &Conversation) -> Option<NotCountedWhy> {
    if conversation_is_contact(conversation) {
        None
    } else if conversation.private {
        Some(NotCountedWhy::PrivateNote)
    } else {
        Some(NotCountedWhy::AgentReply)
    }
}

/// The entry with the name that stands: a stored name differing from the current one wins and
/// says so (`first_name_kept`); its rule is read off that name.
fn settle(
    kind: ContactKind,
    current: String,
    shaped: Vec<&'static str>,
    stored: Option<&String>,
) -> CountedEntry {
    let (queue, mut decisions, stored_flag) = match stored {
        Some(name) if *name != current => {
            let mut decisions = vec!["first_name_kept"];
            if is_special_queue(name) {
                decisions.push("initial_stage_spam");
            }
            decisions.extend(shaped.iter().filter(|d| **d == "backfill_window"));
            (name.clone(), decisions, true)
        }
        Some(_) => (current, shaped, true),
        None => (current, shaped, false),
    };
    decisions.sort_by_key(|id| DECISIONS.iter().position(|d| d.id == *id));
    decisions.dedup();
    CountedEntry {
        kind,
        rule: rule_of(kind, &queue),
        queue,
        decisions,
        stored: stored_flag,
    }
}

fn rule_of(kind: ContactKind, queue: &str) -> ContactRule {
    match (kind, is_special_queue(queue)) {
        (ContactKind::Ticket, false) => ContactRule::NewTicket,
        (ContactKind::Ticket, true) => ContactRule::SpamOrDeletedTicket,
        (ContactKind::Reply, false) => ContactRule::IncomingConversation,
        (ContactKind::Reply, true) => ContactRule::SpamOrDeletedReply,
        (ContactKind::Chat, false) => ContactRule::ChatResolved,
        (ContactKind::Chat, true) => ContactRule::ChatUndefined,
    }
}

/// The decisions behind the name the state given produces: spam or deleted overrides every
/// label; otherwise the group's and the source's (the ticket's, or the reply's own).
fn name_decisions(
    catalog: &FreshdeskCatalog,
    ticket: &Ticket,
    reply: Option<&Conversation>,
) -> Vec<&'static str> {
    if ticket.is_spam_or_deleted() {
        return vec!["initial_stage_spam"];
    }
    let mut decisions = Vec::new();
    match catalog.group_label(ticket.group_id) {
        GroupLabel::NoGroup => decisions.push("no_group"),
        GroupLabel::Deleted(_) => decisions.push("deleted_group"),
        GroupLabel::Named(_) => {}
    }
    decisions.extend(match reply {
        None => ticket_source_decision(catalog, ticket.source),
        Some(c) => conversation_source_decision(c.source),
    });
    decisions
}

fn ticket_source_decision(catalog: &FreshdeskCatalog, code: i64) -> Option<&'static str> {
    match catalog.ticket_source_key(code) {
        SourceKey::Fixed(_) => None,
        SourceKey::Named(_) if code >= FIRST_CUSTOM_SOURCE_CODE => Some("custom_source_case"),
        SourceKey::Named(_) => Some("later_default_sources"),
        SourceKey::Unnamed(_) => Some("unnamed_source"),
    }
}

fn conversation_source_decision(code: i64) -> Option<&'static str> {
    match code {
        2 => Some("portal_note_reply"),
        6 => Some("survey_feedback"),
        10 | 17 => Some("server_only_codes"),
        11 | 12 => Some("ecommerce_codes"),
        _ if CONVERSATION_SOURCE_KEYS.iter().any(|(c, _)| *c == code) => None,
        _ => Some("unnamed_conversation_source"),
    }
}
