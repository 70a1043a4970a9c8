//! Derivation: help-desk records in, offered contacts out (docs/domain-rules.md tables).
//!
//! A deriver names each contact from the state it is given (the initial import's rule; the
//! continuous stage adds [`crate::NameLedger`] so a contact keeps its first name). Queue names
//! are built once per distinct (kind, group, source) and then served from a cache, so the hot
//! path allocates nothing for Freshdesk contacts.

use crate::contact::{Contact, ContactId};
use crate::freshchat::{ChatGroup, ChatResolution, FreshchatCatalog};
use crate::freshdesk::{
    conversation_is_contact, conversation_source_key, Conversation, FreshdeskCatalog, Group,
    Ticket, TicketSourceChoice,
};
use crate::fxhash::FxHashMap;
use crate::queue_name::{freshdesk_queue_name, unknown_group_source_queue, ContactKind};
use crate::queues::{QueueId, QueueTable};
use serde::{Deserialize, Serialize};

/// What a Freshdesk queue name depends on; equal keys give equal names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FreshdeskQueueKey {
    /// Group and source known.
    Known {
        kind: ContactKind,
        group_id: Option<u64>,
        source: i64,
    },
    /// Spam or deleted ticket, or a reply whose ticket is unknown.
    Unknown(ContactKind),
}

/// Names Freshdesk contacts and interns their queues.
#[derive(Debug, Clone, Default)]
pub struct FreshdeskDeriver {
    catalog: FreshdeskCatalog,
    queues: QueueTable,
    cache: FxHashMap<FreshdeskQueueKey, QueueId>,
}

impl FreshdeskDeriver {
    /// A deriver for an account with this catalog (groups and source choices).
    pub fn new(catalog: FreshdeskCatalog) -> Self {
        Self {
            catalog,
            ..Self::default()
        }
    }

    /// The catalog in use.
    pub fn catalog(&self) -> &FreshdeskCatalog {
        &self.catalog
    }

    /// Replaces the catalog (groups or sources changed). Contacts derived from now on use it;
    /// contacts already named keep their names when settled through a [`crate::NameLedger`].
    pub fn set_catalog(&mut self, catalog: FreshdeskCatalog) {
        self.catalog = catalog;
        self.cache.clear();
    }

    /// Adds or renames a group.
    pub fn set_group(&mut self, group: &Group) {
        self.catalog.set_group(group);
        self.cache.clear();
    }

    /// Removes a deleted group: later contacts of its tickets go to `Group <id>`.
    pub fn remove_group(&mut self, id: u64) {
        self.catalog.remove_group(id);
        self.cache.clear();
    }

    /// Adds a `default_source` choice.
    pub fn add_source_choice(&mut self, choice: &TicketSourceChoice) {
        self.catalog.add_source_choice(choice);
        self.cache.clear();
    }

    /// The queues named so far.
    pub fn queues(&self) -> &QueueTable {
        &self.queues
    }

    /// The queue table, for reports after deriving.
    pub fn into_queues(self) -> QueueTable {
        self.queues
    }

    fn queue(&mut self, key: FreshdeskQueueKey) -> QueueId {
        if let Some(id) = self.cache.get(&key) {
            return *id;
        }
        let id = match key {
            FreshdeskQueueKey::Unknown(kind) => {
                self.queues.intern(unknown_group_source_queue(kind), kind)
            }
            FreshdeskQueueKey::Known {
                kind,
                group_id,
                source,
            } => {
                let group = self.catalog.group_label(group_id);
                let name = match kind {
                    ContactKind::Reply => {
                        freshdesk_queue_name(group, &conversation_source_key(source), kind)
                    }
                    _ => freshdesk_queue_name(group, &self.catalog.ticket_source_key(source), kind),
                };
                self.queues.intern(&name, kind)
            }
        };
        self.cache.insert(key, id);
        id
    }

    /// The queue of a ticket's own contact: `<group> <source> Tickets`, or
    /// `Unknown group/source Tickets` when the ticket is spam or deleted.
    pub fn ticket_queue(&mut self, ticket: &Ticket) -> QueueId {
        let key = if ticket.is_spam_or_deleted() {
            FreshdeskQueueKey::Unknown(ContactKind::Ticket)
        } else {
            FreshdeskQueueKey::Known {
                kind: ContactKind::Ticket,
                group_id: ticket.group_id,
                source: ticket.source,
            }
        };
        self.queue(key)
    }

    /// The queue of a reply: `<group> <conversation source> Replies` from its ticket's group
    /// and its own source, or `Unknown group/source Replies` when the ticket is spam, deleted
    /// or unknown (`None`) **(decision** for unknown: its group cannot be determined**)**.
    pub fn reply_queue(&mut self, ticket: Option<&Ticket>, conversation: &Conversation) -> QueueId {
        let key = match ticket {
            Some(ticket) if !ticket.is_spam_or_deleted() => FreshdeskQueueKey::Known {
                kind: ContactKind::Reply,
                group_id: ticket.group_id,
                source: conversation.source,
            },
            _ => FreshdeskQueueKey::Unknown(ContactKind::Reply),
        };
        self.queue(key)
    }

    /// The contact of a new ticket (every ticket is one), at its `created_at`.
    pub fn ticket_contact(&mut self, ticket: &Ticket) -> Contact {
        Contact {
            id: ContactId::Ticket(ticket.id),
            kind: ContactKind::Ticket,
            queue: self.ticket_queue(ticket),
            at: ticket.created_at,
        }
    }

    /// The contact of a conversation, at its `created_at`, or `None` when it is not an offered
    /// contact (an agent reply or a private note).
    pub fn reply_contact(
        &mut self,
        ticket: Option<&Ticket>,
        conversation: &Conversation,
    ) -> Option<Contact> {
        if !conversation_is_contact(conversation) {
            return None;
        }
        Some(Contact {
            id: ContactId::Conversation(conversation.id),
            kind: ContactKind::Reply,
            queue: self.reply_queue(ticket, conversation),
            at: conversation.created_at,
        })
    }

    /// The initial import's contacts of a set of tickets and conversations, each named from the
    /// tickets' state as given (the state at import time). See [`InitialContacts`].
    pub fn derive_initial<'a>(
        &'a mut self,
        tickets: &'a [Ticket],
        conversations: &'a [Conversation],
    ) -> InitialContacts<'a> {
        InitialContacts::new(self, tickets, conversations)
    }
}

/// Of two listings of the same ticket, the later state wins; ties are broken on the fields so
/// the choice never depends on input order.
fn later_state<'a>(a: &'a Ticket, b: &'a Ticket) -> &'a Ticket {
    let rank = |t: &Ticket| {
        (
            t.updated_at,
            t.deleted,
            t.spam,
            t.group_id,
            t.source,
            t.created_at,
        )
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Iterator over the initial import's contacts: first one per ticket, then one per incoming
/// public conversation. Each ticket is taken once (a ticket listed twice, as Freshdesk's
/// paging can do, keeps its latest state), so the result does not depend on input order.
/// Conversations are expected once each; settle them through a [`crate::NameLedger`] when the
/// input may repeat them. Memory: one index entry per ticket; contacts are not stored.
pub struct InitialContacts<'a> {
    deriver: &'a mut FreshdeskDeriver,
    by_id: FxHashMap<u64, &'a Ticket>,
    tickets: std::slice::Iter<'a, Ticket>,
    conversations: std::slice::Iter<'a, Conversation>,
}

impl<'a> InitialContacts<'a> {
    fn new(
        deriver: &'a mut FreshdeskDeriver,
        tickets: &'a [Ticket],
        conversations: &'a [Conversation],
    ) -> Self {
        let mut by_id: FxHashMap<u64, &'a Ticket> = FxHashMap::default();
        by_id.reserve(tickets.len());
        for ticket in tickets {
            by_id
                .entry(ticket.id)
                .and_modify(|kept| *kept = later_state(kept, ticket))
                .or_insert(ticket);
        }
        Self {
            deriver,
            by_id,
            tickets: tickets.iter(),
            conversations: conversations.iter(),
        }
    }
}

impl Iterator for InitialContacts<'_> {
    type Item = Contact;

    fn next(&mut self) -> Option<Contact> {
        for ticket in self.tickets.by_ref() {
            // Only the kept listing of each ticket yields its contact.
            if std::ptr::eq(self.by_id[&ticket.id], ticket) {
                return Some(self.deriver.ticket_contact(ticket));
            }
        }
        for conversation in self.conversations.by_ref() {
            if !conversation_is_contact(conversation) {
                continue;
            }
            let ticket = self.by_id.get(&conversation.ticket_id).copied();
            return self.deriver.reply_contact(ticket, conversation);
        }
        None
    }
}

/// A whole Freshdesk account's data at one moment (what the simulator serves and a backfill
/// reads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreshdeskSnapshot {
    /// `/groups`.
    pub groups: Vec<Group>,
    /// `default_source` choices from `/ticket_fields`.
    pub source_choices: Vec<TicketSourceChoice>,
    /// `/tickets`.
    pub tickets: Vec<Ticket>,
    /// `/tickets/{id}/conversations`, all tickets.
    pub conversations: Vec<Conversation>,
}

impl FreshdeskSnapshot {
    /// The catalog of this account.
    pub fn catalog(&self) -> FreshdeskCatalog {
        FreshdeskCatalog::new(&self.groups, &self.source_choices)
    }

    /// A deriver for this account.
    pub fn deriver(&self) -> FreshdeskDeriver {
        FreshdeskDeriver::new(self.catalog())
    }
}

/// Names Freshchat contacts and interns their queues.
#[derive(Debug, Clone, Default)]
pub struct FreshchatDeriver {
    catalog: FreshchatCatalog,
    queues: QueueTable,
}

impl FreshchatDeriver {
    /// A deriver for an account with these groups.
    pub fn new(catalog: FreshchatCatalog) -> Self {
        Self {
            catalog,
            queues: QueueTable::new(),
        }
    }

    /// Adds or renames a group.
    pub fn set_group(&mut self, group: &ChatGroup) {
        self.catalog.set_group(group);
    }

    /// The queues named so far.
    pub fn queues(&self) -> &QueueTable {
        &self.queues
    }

    /// The queue table, for reports after deriving.
    pub fn into_queues(self) -> QueueTable {
        self.queues
    }

    /// The contact of one resolution (each resolution is one, at its resolution time).
    pub fn contact(&mut self, resolution: &ChatResolution) -> Contact {
        let name = self.catalog.queue_name(resolution);
        let queue = self.queues.intern(name, ContactKind::Chat);
        Contact {
            id: ContactId::chat(&resolution.conversation_id, resolution.resolved_at),
            kind: ContactKind::Chat,
            queue,
            at: resolution.resolved_at,
        }
    }
}
