//! Import stages, the backfill window and idempotency (docs/domain-rules.md, "Initial and continuous
//! stage", "Backfill window", "Identity and idempotency").
//!
//! Both stages use the same naming patterns **(decision)**: a deriver names a contact from the
//! ticket's state as it is given. What differs is *when* that state is read:
//! - initial import: the state at import time, for every contact;
//! - continuous stage: the state when the contact is first seen, kept afterwards.
//!
//! [`NameLedger`] is the "first name wins" memory for both: settle every derived contact through
//! it, and a contact already named (by an earlier sync, an earlier backfill, or before a crash)
//! keeps that name and is not counted again. A store does the same with an insert that ignores
//! an existing identity.

use crate::contact::{Contact, ContactId};
use crate::fxhash::FxHashMap;
use crate::queues::QueueId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The stage of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// The backfill: names come from the state at import time; a ticket that is spam or
    /// deleted then sends all its contacts to `Unknown group/source ...` **(decision)**.
    Initial,
    /// After the backfill (sync or client-app events): the same patterns **(decision)**; a
    /// contact is named when first seen and keeps that name **(decision)**.
    Continuous,
}

/// Whether a contact already named keeps its name when seen again, in this stage. True for
/// both: a repeated backfill over an imported range keeps the names already given, and the
/// continuous stage never moves a counted contact (a later group change does not rename it)
/// **(decision)**.
pub const fn keeps_first_name(stage: ImportStage) -> bool {
    match stage {
        ImportStage::Initial | ImportStage::Continuous => true,
    }
}

/// Outcome of settling a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// First time seen: count it, under the queue it was given.
    New(Contact),
    /// Already counted: the contact as first named (do not count again).
    Known(Contact),
}

impl Settled {
    /// The contact with the name that stands.
    pub fn contact(&self) -> &Contact {
        match self {
            Settled::New(c) | Settled::Known(c) => c,
        }
    }

    /// Whether the contact is new (to be counted).
    pub fn is_new(&self) -> bool {
        matches!(self, Settled::New(_))
    }
}

/// The names given so far, by identity: a contact keeps the name it got when first seen.
/// Use one ledger per deriver (queue ids refer to that deriver's table).
#[derive(Debug, Clone, Default)]
pub struct NameLedger {
    names: FxHashMap<ContactId, QueueId>,
}

impl NameLedger {
    /// An empty ledger.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `contact` if its identity is new; otherwise returns it under its first name.
    pub fn settle(&mut self, contact: Contact) -> Settled {
        match self.names.get(&contact.id) {
            Some(queue) => Settled::Known(Contact {
                queue: *queue,
                ..contact
            }),
            None => {
                self.names.insert(contact.id.clone(), contact.queue);
                Settled::New(contact)
            }
        }
    }

    /// The queue a contact was first given, if seen.
    pub fn queue_of(&self, id: &ContactId) -> Option<QueueId> {
        self.names.get(id).copied()
    }

    /// Number of distinct contacts seen.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no contact was seen.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The backfill window `[start, end)`: a contact belongs to it by its own timestamp, so a reply
/// inside the window counts even if its ticket was created before, and that ticket's creation
/// does not **(decision)**.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackfillWindow {
    /// Inclusive start.
    pub start: DateTime<Utc>,
    /// Exclusive end.
    pub end: DateTime<Utc>,
}

impl BackfillWindow {
    /// Whether the contact belongs to the window (by its own timestamp).
    pub fn admits(&self, contact: &Contact) -> bool {
        self.contains(contact.at)
    }

    /// Whether an instant is in `[start, end)`.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }

    /// The `updated_since` for listing tickets: a reply inside the window updates its ticket,
    /// so tickets updated since the window's start carry every contact of the window.
    pub fn tickets_updated_since(&self) -> DateTime<Utc> {
        self.start
    }
}
