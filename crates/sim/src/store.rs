//! A compact index over an account's tickets (a few bytes each) so that list queries can be
//! filtered and sorted without keeping tickets or responses in memory. Tickets touched by
//! live activity or the control API are kept whole in a small overlay; all others are rebuilt
//! on demand. Each change keeps the ticket's previous version (without its conversations,
//! which only grow), so the ground truth can be read as of a past instant.

use std::collections::HashMap;
use std::sync::RwLock;

use crate::ticket::{Status, Ticket, TicketGen, TicketState};

#[derive(Debug, Clone, Copy)]
pub struct Meta {
    pub created: i64,
    pub updated: i64,
    pub status: u8,
    pub state: TicketState,
    pub group: u8,
    pub unassigned: bool,
}

impl Meta {
    fn of(t: &Ticket) -> Meta {
        Meta {
            created: t.created_at,
            updated: t.updated_at,
            status: t.status.code() as u8,
            state: t.state(),
            group: t.group_slot,
            unassigned: t.responder_id.is_none(),
        }
    }
}

#[derive(Debug, Default)]
struct Index {
    metas: Vec<Meta>,
    /// Ticket indexes sorted by (updated_at, index).
    by_updated: Vec<u32>,
    /// Tickets created or changed by live activity or the control API.
    overlay: HashMap<u32, Ticket>,
    /// Earlier versions of changed tickets, oldest first, with their conversations left out
    /// (a version's conversations are the current ones created up to its `updated_at`).
    history: HashMap<u32, Vec<Ticket>>,
}

#[derive(Debug)]
pub struct TicketStore {
    pub gen: TicketGen,
    index: RwLock<Index>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFilter {
    Default,
    Spam,
    Deleted,
    /// Open tickets nobody is assigned to (no persona is ever a responder, so "my" adds none).
    NewAndMyOpen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderBy {
    CreatedAt,
    UpdatedAt,
    DueBy,
    Status,
}

#[derive(Debug, Clone)]
pub struct ListQuery {
    pub filter: ListFilter,
    pub updated_since: Option<i64>,
    /// `created_at > this` (the 30-day default window).
    pub created_after: Option<i64>,
    pub order_by: OrderBy,
    pub descending: bool,
    /// Group slots an agent with group scope may see; `None` = global scope.
    pub groups: Option<Vec<u8>>,
}

impl ListQuery {
    fn matches(&self, m: &Meta) -> bool {
        let state_ok = match self.filter {
            ListFilter::Default => m.state == TicketState::Live,
            ListFilter::Spam => m.state == TicketState::Spam,
            ListFilter::Deleted => m.state == TicketState::Deleted,
            ListFilter::NewAndMyOpen => {
                m.state == TicketState::Live
                    && m.status == Status::Open.code() as u8
                    && m.unassigned
            }
        };
        state_ok
            && self.updated_since.is_none_or(|s| m.updated >= s)
            && self.created_after.is_none_or(|c| m.created > c)
            && self.groups.as_ref().is_none_or(|g| g.contains(&m.group))
    }
}

impl TicketStore {
    pub fn build(gen: TicketGen) -> TicketStore {
        let n = gen.size as usize;
        let metas: Vec<Meta> = {
            let threads = std::thread::available_parallelism()
                .map(|p| p.get())
                .unwrap_or(1)
                .min(4);
            let chunk = n.div_ceil(threads.max(1)).max(1);
            let gen_ref = &gen;
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..n)
                    .step_by(chunk)
                    .map(|start| {
                        s.spawn(move || {
                            (start..(start + chunk).min(n))
                                .map(|i| Meta::of(&gen_ref.ticket(i as u64)))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().expect("generator thread"))
                    .collect()
            })
        };
        let mut by_updated: Vec<u32> = (0..n as u32).collect();
        by_updated.sort_by_key(|i| (metas[*i as usize].updated, *i));
        TicketStore {
            gen,
            index: RwLock::new(Index {
                metas,
                by_updated,
                overlay: HashMap::new(),
                history: HashMap::new(),
            }),
        }
    }

    pub fn len(&self) -> usize {
        self.index.read().expect("index lock").metas.len()
    }

    /// Index of the ticket with display id `id`.
    pub fn index_of(&self, id: u64) -> Option<usize> {
        (id >= 1 && id <= self.len() as u64).then(|| (id - 1) as usize)
    }

    /// The ticket at `index` as it is now.
    pub fn ticket(&self, index: u64) -> Ticket {
        let ix = self.index.read().expect("index lock");
        self.current(&ix, index as u32)
    }

    fn current(&self, ix: &Index, i: u32) -> Ticket {
        match ix.overlay.get(&i) {
            Some(t) => t.clone(),
            None => self.gen.ticket(i as u64),
        }
    }

    /// The ticket at `index` as it was at `at` (seconds), or `None` if it did not exist yet.
    /// Changes made while the simulator runs are undone; the generated history (before the
    /// anchor) keeps its final state, only its later conversations are left out.
    pub fn ticket_as_of(&self, index: u64, at: Option<i64>) -> Option<Ticket> {
        let ix = self.index.read().expect("index lock");
        let mut t = self.current(&ix, index as u32);
        let Some(at) = at else { return Some(t) };
        if t.created_at > at {
            return None;
        }
        if t.updated_at > at {
            if let Some(versions) = ix.history.get(&(index as u32)) {
                // The last version in effect at `at`; the oldest stands for anything earlier.
                let v = versions
                    .iter()
                    .rev()
                    .find(|v| v.updated_at <= at)
                    .or(versions.first());
                if let Some(v) = v {
                    let conversations = std::mem::take(&mut t.conversations);
                    t = Ticket {
                        conversations,
                        ..v.clone()
                    };
                }
            }
        }
        t.conversations.retain(|c| c.created_at <= at);
        Some(t)
    }

    pub fn count_state(&self, state: TicketState) -> usize {
        self.index
            .read()
            .expect("index lock")
            .metas
            .iter()
            .filter(|m| m.state == state)
            .count()
    }

    /// Creates the next ticket (`make` gets its index) and returns it.
    pub fn create(&self, make: impl FnOnce(u64) -> Ticket) -> Ticket {
        let mut ix = self.index.write().expect("index lock");
        let t = make(ix.metas.len() as u64);
        Self::put_locked(&self.gen, &mut ix, t.clone());
        t
    }

    /// Changes the ticket at `index` in place (under the lock, so concurrent changes are not
    /// lost) unless `change` refuses; returns the ticket as changed.
    pub fn update<E>(
        &self,
        index: u64,
        change: impl FnOnce(&mut Ticket) -> Result<(), E>,
    ) -> Result<Ticket, E> {
        let mut ix = self.index.write().expect("index lock");
        let mut t = self.current(&ix, index as u32);
        change(&mut t)?;
        Self::put_locked(&self.gen, &mut ix, t.clone());
        Ok(t)
    }

    /// Stores a created (index == len appends) or changed ticket; a change keeps the version
    /// it replaces.
    fn put_locked(gen: &TicketGen, ix: &mut Index, t: Ticket) {
        let i = t.index;
        let meta = Meta::of(&t);
        if i as usize == ix.metas.len() {
            ix.metas.push(meta);
        } else {
            let old = ix.metas[i as usize];
            let pos = ix
                .by_updated
                .partition_point(|k| (ix.metas[*k as usize].updated, *k) < (old.updated, i));
            if ix.by_updated.get(pos) == Some(&i) {
                ix.by_updated.remove(pos);
            }
            ix.metas[i as usize] = meta;
            let previous = match ix.overlay.get(&i) {
                Some(p) => Ticket {
                    conversations: Vec::new(),
                    ..p.clone()
                },
                None => Ticket {
                    conversations: Vec::new(),
                    ..gen.ticket(i as u64)
                },
            };
            ix.history.entry(i).or_default().push(previous);
        }
        let pos = ix
            .by_updated
            .partition_point(|k| (ix.metas[*k as usize].updated, *k) < (meta.updated, i));
        ix.by_updated.insert(pos, i);
        ix.overlay.insert(i, t);
    }

    /// Up to `limit` matching ticket indexes after skipping `offset` matches.
    pub fn list(&self, q: &ListQuery, offset: usize, limit: usize) -> Vec<u32> {
        let ix = self.index.read().expect("index lock");
        let metas = &ix.metas;
        let take = |it: &mut dyn Iterator<Item = u32>| -> Vec<u32> {
            it.filter(|i| q.matches(&metas[*i as usize]))
                .skip(offset)
                .take(limit)
                .collect()
        };
        match (q.order_by, q.descending) {
            (OrderBy::CreatedAt, false) => take(&mut (0..metas.len() as u32)),
            (OrderBy::CreatedAt, true) => take(&mut (0..metas.len() as u32).rev()),
            (OrderBy::UpdatedAt, desc) => {
                let start = q.updated_since.map_or(0, |s| {
                    ix.by_updated
                        .partition_point(|i| metas[*i as usize].updated < s)
                });
                let slice = &ix.by_updated[start..];
                if desc {
                    take(&mut slice.iter().rev().copied())
                } else {
                    take(&mut slice.iter().copied())
                }
            }
            (order, desc) => {
                let mut all: Vec<u32> = (0..metas.len() as u32)
                    .filter(|i| q.matches(&metas[*i as usize]))
                    .collect();
                let key = |i: &u32| -> i64 {
                    let m = &metas[*i as usize];
                    match order {
                        OrderBy::Status => m.status as i64,
                        _ => due_by(m.created),
                    }
                };
                all.sort_by_key(|i| (key(i), *i));
                if desc {
                    all.reverse();
                }
                all.into_iter().skip(offset).take(limit).collect()
            }
        }
    }
}

/// Resolution due date: three days after creation (a fixed SLA policy).
pub fn due_by(created: i64) -> i64 {
    created + 3 * 86_400
}

/// First-response due date: one day after creation.
pub fn fr_due_by(created: i64) -> i64 {
    created + 86_400
}
