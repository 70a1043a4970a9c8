//! The queue-naming explorer: "which queue does this contact land in, and why?" for a group, a
//! source and a kind. It builds the records the importer feeds the engine (a [`Ticket`] and a
//! [`Conversation`] for Freshdesk, a [`ChatResolution`] for Freshchat) and names them with the
//! engine's own derivers, so the explorer's names are the engine's by construction. Only the
//! reason (the [`ContactRule`] and the decision ids) is worked out here, from the same catalog
//! lookups the derivers make.

use crate::contact_rule::ContactRule;
use crate::derive::{FreshchatDeriver, FreshdeskDeriver};
use crate::freshchat::{ChatResolution, FreshchatCatalog};
use crate::freshdesk::{Conversation, FreshdeskCatalog, Ticket, FIRST_CUSTOM_SOURCE_CODE};
use crate::naming_sources::conversation_source_decision;
use crate::queue_name::{is_special_queue, ContactKind, GroupLabel, SourceKey, UNDEFINED_QUEUE};
use chrono::DateTime;

/// The group a contact's ticket or chat is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupPick<Id> {
    /// A group of the account's groups list.
    Listed(Id),
    /// No group (`group_id` null, or a chat without group).
    NoGroup,
    /// A group that was deleted: its id is no longer in the groups list.
    Deleted(Id),
}

/// What happened, for a Freshdesk contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreshdeskEvent {
    /// A ticket was created with this ticket source code.
    NewTicket { source: i64 },
    /// A customer's incoming public conversation with this conversation source code.
    Reply { source: i64 },
    /// A ticket that is spam or deleted (its own contact).
    SpamOrDeletedTicket,
    /// An incoming public conversation on a ticket that is spam or deleted.
    SpamOrDeletedReply,
}

/// What happened, for a Freshchat contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreshchatEvent {
    /// A chat was resolved.
    Resolved,
    /// A chat that is deleted or spam was resolved.
    DeletedOrSpam,
}

/// A queue name with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueNaming {
    /// The queue name (never translated).
    pub name: String,
    /// Ticket, reply or chat (gives the WFM channel).
    pub kind: ContactKind,
    /// The rule that made the name.
    pub rule: ContactRule,
    /// Ids of [`crate::DECISIONS`] that shaped the name, in the order they apply.
    pub decisions: Vec<&'static str>,
    /// One of the special queues, "typically irrelevant for scheduling" ([`is_special_queue`]).
    pub irrelevant: bool,
}

/// Source code of the ticket a reply is on: the reply's queue never depends on it.
const REPLY_TICKET_SOURCE: i64 = 1;

/// The queue a Freshdesk contact lands in for an account with `catalog`, named by a
/// [`FreshdeskDeriver`] from a ticket (and a conversation) built for the event. A deleted
/// group is removed from the catalog first, as when Freshdesk stops listing it.
pub fn name_freshdesk_queue(
    catalog: &FreshdeskCatalog,
    group: GroupPick<u64>,
    event: FreshdeskEvent,
) -> QueueNaming {
    let mut catalog = catalog.clone();
    let group_id = match group {
        GroupPick::Listed(id) => Some(id),
        GroupPick::NoGroup => None,
        GroupPick::Deleted(id) => {
            catalog.remove_group(id);
            Some(id)
        }
    };
    let decisions = freshdesk_decisions(&catalog, group_id, event);
    let at = DateTime::UNIX_EPOCH;
    let (ticket_source, spam) = match event {
        FreshdeskEvent::NewTicket { source } => (source, false),
        FreshdeskEvent::Reply { .. } => (REPLY_TICKET_SOURCE, false),
        FreshdeskEvent::SpamOrDeletedTicket | FreshdeskEvent::SpamOrDeletedReply => {
            (REPLY_TICKET_SOURCE, true)
        }
    };
    let ticket = Ticket {
        id: 1,
        group_id,
        source: ticket_source,
        spam,
        deleted: false,
        created_at: at,
        updated_at: at,
    };
    let mut deriver = FreshdeskDeriver::new(catalog);
    let (contact, rule) = match event {
        FreshdeskEvent::NewTicket { .. } => {
            (deriver.ticket_contact(&ticket), ContactRule::NewTicket)
        }
        FreshdeskEvent::SpamOrDeletedTicket => (
            deriver.ticket_contact(&ticket),
            ContactRule::SpamOrDeletedTicket,
        ),
        FreshdeskEvent::Reply { source } => (
            reply(&mut deriver, &ticket, source),
            ContactRule::IncomingConversation,
        ),
        FreshdeskEvent::SpamOrDeletedReply => (
            reply(&mut deriver, &ticket, REPLY_TICKET_SOURCE),
            ContactRule::SpamOrDeletedReply,
        ),
    };
    let name = deriver.queues().name(contact.queue).to_owned();
    QueueNaming {
        irrelevant: is_special_queue(&name),
        kind: contact.kind,
        name,
        rule,
        decisions,
    }
}

/// The contact of a customer's incoming public conversation on `ticket`.
fn reply(deriver: &mut FreshdeskDeriver, ticket: &Ticket, source: i64) -> crate::Contact {
    let conversation = Conversation {
        id: 1,
        ticket_id: ticket.id,
        incoming: true,
        private: false,
        source,
        created_at: ticket.created_at,
    };
    deriver
        .reply_contact(Some(ticket), &conversation)
        .expect("an incoming public conversation is a contact")
}

/// The decisions behind a Freshdesk name: the group label's, then the source key's (or the
/// initial stage's, for a spam or deleted ticket).
fn freshdesk_decisions(
    catalog: &FreshdeskCatalog,
    group_id: Option<u64>,
    event: FreshdeskEvent,
) -> Vec<&'static str> {
    let source = match event {
        FreshdeskEvent::SpamOrDeletedTicket | FreshdeskEvent::SpamOrDeletedReply => {
            return vec!["initial_stage_spam"];
        }
        FreshdeskEvent::NewTicket { source } => match catalog.ticket_source_key(source) {
            SourceKey::Fixed(_) => None,
            SourceKey::Named(_) if source >= FIRST_CUSTOM_SOURCE_CODE => Some("custom_source_case"),
            SourceKey::Named(_) => Some("later_default_sources"),
            SourceKey::Unnamed(_) => Some("unnamed_source"),
        },
        FreshdeskEvent::Reply { source } => conversation_source_decision(source),
    };
    let group = match catalog.group_label(group_id) {
        GroupLabel::Named(_) => None,
        GroupLabel::NoGroup => Some("no_group"),
        GroupLabel::Deleted(_) => Some("deleted_group"),
    };
    group.into_iter().chain(source).collect()
}

/// The queue a Freshchat contact lands in for an account with `catalog`, named by a
/// [`FreshchatDeriver`] from a resolution built for the event (a report row that gives the
/// group's id but no name). A deleted group is removed from the catalog first.
pub fn name_freshchat_queue(
    catalog: &FreshchatCatalog,
    group: GroupPick<&str>,
    event: FreshchatEvent,
) -> QueueNaming {
    let mut catalog = catalog.clone();
    let group_id = match group {
        GroupPick::Listed(id) => Some(id.to_owned()),
        GroupPick::NoGroup => None,
        GroupPick::Deleted(id) => {
            catalog.remove_group(id);
            Some(id.to_owned())
        }
    };
    let spam = event == FreshchatEvent::DeletedOrSpam;
    let resolution = ChatResolution {
        conversation_id: "explorer".into(),
        group_id,
        group_name: None,
        resolved_at: DateTime::UNIX_EPOCH,
        interaction_id: None,
        spam,
        deleted: false,
    };
    let mut deriver = FreshchatDeriver::new(catalog);
    let contact = deriver.contact(&resolution);
    let name = deriver.queues().name(contact.queue).to_owned();
    let undefined = name == UNDEFINED_QUEUE;
    let decisions = match group {
        _ if spam || !undefined => vec![],
        GroupPick::NoGroup => vec!["chat_undefined_queue"],
        GroupPick::Listed(_) | GroupPick::Deleted(_) => {
            vec!["chat_group_order", "chat_undefined_queue"]
        }
    };
    QueueNaming {
        irrelevant: is_special_queue(&name),
        kind: contact.kind,
        rule: if undefined {
            ContactRule::ChatUndefined
        } else {
            ContactRule::ChatResolved
        },
        name,
        decisions,
    }
}
