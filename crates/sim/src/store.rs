//! A compact index over an account's tickets (a few bytes each) so that list queries can be
//! filtered and sorted without keeping tickets or responses in memory.

use crate::data::{TicketGen, TicketState};

#[derive(Debug, Clone, Copy)]
pub struct Meta {
    pub created: i64,
    pub updated: i64,
    pub status: u8,
    pub state: TicketState,
    pub group: u8,
    pub unassigned: bool,
}

#[derive(Debug)]
pub struct TicketStore {
    pub gen: TicketGen,
    pub metas: Vec<Meta>,
    /// Ticket indexes sorted by (updated_at, id).
    by_updated: Vec<u32>,
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
                                .map(|i| {
                                    let t = gen_ref.ticket(i as u64);
                                    Meta {
                                        created: t.created_at,
                                        updated: t.updated_at,
                                        status: t.status as u8,
                                        state: t.state(),
                                        group: t.group_slot,
                                        unassigned: t.responder_id.is_none(),
                                    }
                                })
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
            metas,
            by_updated,
        }
    }

    pub fn len(&self) -> usize {
        self.metas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    /// Index of the ticket with display id `id`.
    pub fn index_of(&self, id: u64) -> Option<usize> {
        (id >= 1 && id <= self.metas.len() as u64).then(|| (id - 1) as usize)
    }

    fn matches(&self, q: &ListQuery, m: &Meta) -> bool {
        let state_ok = match q.filter {
            ListFilter::Default => m.state == TicketState::Live,
            ListFilter::Spam => m.state == TicketState::Spam,
            ListFilter::Deleted => m.state == TicketState::Deleted,
            ListFilter::NewAndMyOpen => {
                m.state == TicketState::Live && m.status == 2 && m.unassigned
            }
        };
        state_ok
            && q.updated_since.is_none_or(|s| m.updated >= s)
            && q.created_after.is_none_or(|c| m.created > c)
            && q.groups.as_ref().is_none_or(|g| g.contains(&m.group))
    }

    /// Up to `limit` matching ticket indexes after skipping `offset` matches.
    pub fn list(&self, q: &ListQuery, offset: usize, limit: usize) -> Vec<u32> {
        let take = |it: &mut dyn Iterator<Item = u32>| -> Vec<u32> {
            it.filter(|i| self.matches(q, &self.metas[*i as usize]))
                .skip(offset)
                .take(limit)
                .collect()
        };
        match (q.order_by, q.descending) {
            (OrderBy::CreatedAt, false) => take(&mut (0..self.metas.len() as u32)),
            (OrderBy::CreatedAt, true) => take(&mut (0..self.metas.len() as u32).rev()),
            (OrderBy::UpdatedAt, desc) => {
                let start = q.updated_since.map_or(0, |s| {
                    self.by_updated
                        .partition_point(|i| self.metas[*i as usize].updated < s)
                });
                let slice = &self.by_updated[start..];
                if desc {
                    take(&mut slice.iter().rev().copied())
                } else {
                    take(&mut slice.iter().copied())
                }
            }
            (order, desc) => {
                let mut all: Vec<u32> = (0..self.metas.len() as u32)
                    .filter(|i| self.matches(q, &self.metas[*i as usize]))
                    .collect();
                let key = |i: &u32| -> i64 {
                    let m = &self.metas[*i as usize];
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
