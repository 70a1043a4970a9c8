//! Interned queue names: contacts carry a [`QueueId`], so deriving and aggregating a million
//! contacts allocates only one string per distinct queue.

use crate::queue_name::{Channel, ContactKind, HandleTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Index of a queue in a [`QueueTable`]. Ids depend on the order queues were first seen, so
/// compare contacts from different tables by name ([`crate::NamedContact`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QueueId(pub u32);

impl QueueId {
    /// The index into the table.
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// A source queue: its name, WFM channel and handle time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// The queue name (never translated).
    pub name: String,
    /// *Cases* for Freshdesk, *Chat* for Freshchat.
    pub channel: Channel,
    /// Always "not available": neither help desk gives durations.
    pub handle_time: HandleTime,
}

/// The queues a deriver has named, by id and by name.
#[derive(Debug, Clone, Default)]
pub struct QueueTable {
    queues: Vec<Queue>,
    by_name: HashMap<String, QueueId>,
}

impl QueueTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of the queue named `name`, adding it (with the channel and handle time of `kind`)
    /// when new.
    pub fn intern(&mut self, name: &str, kind: ContactKind) -> QueueId {
        if let Some(id) = self.by_name.get(name) {
            return *id;
        }
        let id = QueueId(u32::try_from(self.queues.len()).expect("fewer than 2^32 queues"));
        self.queues.push(Queue {
            name: name.to_owned(),
            channel: kind.channel(),
            handle_time: kind.handle_time(),
        });
        self.by_name.insert(name.to_owned(), id);
        id
    }

    /// The queue with this id. Panics on an id from another table that is out of range.
    pub fn get(&self, id: QueueId) -> &Queue {
        &self.queues[id.index()]
    }

    /// The name of the queue with this id.
    pub fn name(&self, id: QueueId) -> &str {
        &self.get(id).name
    }

    /// The id of the queue with this name, if it was named.
    pub fn find(&self, name: &str) -> Option<QueueId> {
        self.by_name.get(name).copied()
    }

    /// Number of queues.
    pub fn len(&self) -> usize {
        self.queues.len()
    }

    /// Whether no queue was named yet.
    pub fn is_empty(&self) -> bool {
        self.queues.is_empty()
    }

    /// All queues with their ids, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (QueueId, &Queue)> {
        self.queues
            .iter()
            .enumerate()
            .map(|(i, q)| (QueueId(i as u32), q))
    }
}
