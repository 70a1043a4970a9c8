//! The sales-demo sandbox: "given a group, a source and a kind, which queue?", answered by the
//! same rules the engine applies to imported data.

use crate::freshdesk::{conversation_source_key, FreshdeskCatalog};
use crate::queue_name::{
    freshdesk_queue_name, unknown_group_source_queue, ContactKind, GroupLabel,
};
use serde::{Deserialize, Serialize};

/// The group of a sandbox contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum SandboxGroup {
    /// A group that exists, by name.
    Named {
        /// The group's name.
        name: String,
    },
    /// No group (`group_id` null).
    NoGroup,
    /// A group that was deleted (its id is no longer listed).
    Deleted {
        /// The group's id.
        id: u64,
    },
}

/// A contact to name in the sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxInput {
    /// The group.
    pub group: SandboxGroup,
    /// Ticket source code for a ticket, conversation source code for a reply; ignored for a
    /// chat.
    pub source: i64,
    /// Ticket, reply or chat.
    pub kind: ContactKind,
    /// The ticket (or chat) is spam or deleted.
    #[serde(default)]
    pub spam_or_deleted: bool,
}

/// The queue name of a sandbox contact, with the default sources only.
pub fn sandbox_queue_name(input: &SandboxInput) -> String {
    sandbox_queue_name_with(input, &FreshdeskCatalog::default())
}

/// The queue name of a sandbox contact, with an account's source choices (custom sources).
pub fn sandbox_queue_name_with(input: &SandboxInput, catalog: &FreshdeskCatalog) -> String {
    if input.spam_or_deleted {
        return unknown_group_source_queue(input.kind).to_owned();
    }
    let group = match &input.group {
        SandboxGroup::Named { name } => GroupLabel::Named(name),
        SandboxGroup::NoGroup => GroupLabel::NoGroup,
        SandboxGroup::Deleted { id } => GroupLabel::Deleted(*id),
    };
    match input.kind {
        ContactKind::Reply => {
            freshdesk_queue_name(group, &conversation_source_key(input.source), input.kind)
        }
        ContactKind::Ticket | ContactKind::Chat => {
            freshdesk_queue_name(group, &catalog.ticket_source_key(input.source), input.kind)
        }
    }
}
