//! The seeded Freshdesk ticket generator: ticket `i` of an account is a pure function of
//! (seed, account salt, i, anchor), so pages are built on demand and never stored.

use super::catalog::{
    ARCHIVE_AFTER, GROUP_NAMES, NO_GROUP, PURGE_AFTER, REQUESTER_ID_BASE, TICKET_SOURCES,
};
use super::{Status, Ticket};
use crate::rng::{stream, Rng};
use crate::timeline::{Timeline, DAY, HOUR};

/// Everything needed to rebuild an account's tickets.
#[derive(Debug, Clone)]
pub struct TicketGen {
    pub seed: u64,
    pub salt: u64,
    pub size: u64,
    pub anchor: i64,
    pub timeline: Timeline,
    /// Non-persona agents who answer tickets.
    pub agent_ids: Vec<u64>,
    pub group_ids: [u64; GROUP_NAMES.len()],
    pub campaign_len: u64,
}

impl TicketGen {
    pub fn new(
        seed: u64,
        salt: u64,
        size: u64,
        anchor: i64,
        agent_ids: Vec<u64>,
        group_ids: [u64; GROUP_NAMES.len()],
    ) -> Self {
        TicketGen {
            seed,
            salt,
            size,
            anchor,
            timeline: Timeline::new(seed, salt, anchor),
            agent_ids,
            group_ids,
            // Bulk outbound e-mail campaigns create many tickets in one second: ties on
            // `updated_at` that cross page boundaries (at most 5,000 per second).
            campaign_len: (size / 60).clamp(3, 4_900),
        }
    }

    /// Campaign blocks are the first `campaign_len` ids of every segment of 20 blocks.
    fn campaign_head(&self, i: u64) -> Option<u64> {
        let seg = self.campaign_len * 20;
        let off = i % seg;
        (off < self.campaign_len && self.size >= 100).then(|| i - off)
    }

    pub fn created_at(&self, i: u64) -> i64 {
        let j = self.campaign_head(i).unwrap_or(i);
        self.timeline.created_at(self.seed, self.salt, j, self.size)
    }

    pub fn group_id(&self, slot: u8) -> Option<u64> {
        (slot != NO_GROUP).then(|| self.group_ids[slot as usize])
    }

    /// The group slot of a group id (deleted groups included).
    pub fn group_slot(&self, id: u64) -> Option<u8> {
        self.group_ids
            .iter()
            .position(|g| *g == id)
            .map(|s| s as u8)
    }

    /// An agent who answers tickets, drawn from `r`.
    pub fn draw_agent(&self, r: &mut Rng) -> u64 {
        self.agent_ids[r.below(self.agent_ids.len() as u64) as usize]
    }

    /// A ticket created by live activity at `t`, not yet answered.
    pub fn live_ticket(&self, index: u64, t: i64, r: &mut Rng) -> Ticket {
        let source = draw_source(r);
        let group_slot = draw_group(r);
        let requester_id = REQUESTER_ID_BASE + r.below(self.size / 3 + 50);
        let b = Builder::new(self, index, t, source, requester_id);
        b.finish(group_slot, 1 + r.below(4) as u32, None, false)
    }

    /// Rebuilds ticket `i` (0-based; its id is `i + 1`). The order of the draws is part of the
    /// data: changing it changes every account.
    pub fn ticket(&self, i: u64) -> Ticket {
        let mut r = Rng::new(self.seed, &[stream::TICKET, self.salt, i]);
        let created = self.created_at(i);
        let campaign = self.campaign_head(i).is_some();
        let source = if campaign { 10 } else { draw_source(&mut r) };
        let group_slot = if campaign { 3 } else { draw_group(&mut r) };
        let requester_id = REQUESTER_ID_BASE + r.below(self.size / 3 + 50);
        let priority = [1, 1, 2, 2, 2, 3, 4][r.below(7) as usize];
        let agent = self.draw_agent(&mut r);
        let mut b = Builder::new(self, i, created, source, requester_id);

        if campaign {
            // Outbound mail: pending until a customer answers; most never do.
            b.set_status(Status::Pending, created);
            if r.chance(0.12) {
                let t = created + r.exp(2.0 * DAY as f64, 60);
                b.event(t, |tk, t| tk.customer_reply(t, &mut r));
                b.event(t + r.exp(3.0 * HOUR as f64, 30), |tk, t| {
                    tk.agent_reply(t, agent)
                });
                b.resolve(&mut r);
            }
        } else if r.chance(0.02) {
            let t = created + r.exp(2.0 * HOUR as f64, 5);
            b.event(t, |tk, t| tk.set_spam(true, t));
            if r.chance(0.3) {
                // A reply that lands on a ticket already marked spam.
                let t = t + r.exp(DAY as f64, 30);
                b.event(t, |tk, t| tk.customer_reply(t, &mut r));
            }
            if r.chance(0.2) {
                let d = b.last() + r.exp(3.0 * DAY as f64, 60);
                b.delete(d, r.chance(0.1));
            }
        } else {
            if r.chance(0.15) {
                // A follow-up before any agent reply: stats stay null for it.
                let t = created + r.exp(2.0 * HOUR as f64, 1);
                b.event(t, |tk, t| tk.customer_reply(t, &mut r));
            }
            let rounds = if r.chance(0.003) {
                r.range(55, 120)
            } else {
                [0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 4, 6][r.below(12) as usize]
            };
            let mut first = true;
            for _ in 0..rounds {
                if r.chance(0.2) {
                    let t = b.last() + r.exp(40.0 * 60.0, 1);
                    b.event(t, |tk, t| tk.agent_note(t, agent));
                }
                let mean = if first {
                    3.0 * HOUR as f64
                } else {
                    5.0 * HOUR as f64
                };
                first = false;
                let t = b.last() + r.exp(mean, 1);
                b.event(t, |tk, t| tk.agent_reply(t, agent));
                let last = b.last();
                match r.below(10) {
                    0..=5 => b.set_status(Status::Pending, last),
                    6 => b.set_status(Status::WaitingOnCustomer, last),
                    7 => b.set_status(Status::WaitingOnThirdParty, last),
                    _ => {}
                }
                if r.chance(0.03) {
                    let t = b.last() + r.exp(DAY as f64, 1);
                    b.event(t, |tk, t| tk.third_party_note(t));
                }
                let t = b.last() + r.exp(8.0 * HOUR as f64, 1);
                b.event(t, |tk, t| tk.customer_reply(t, &mut r));
            }
            if rounds == 0 && r.chance(0.5) {
                let t = created + r.exp(4.0 * HOUR as f64, 1);
                b.event(t, |tk, t| tk.agent_reply(t, agent));
            }
            if r.chance(0.88) {
                b.resolve(&mut r);
                if r.chance(0.05) {
                    let t = b.last() + r.exp(DAY as f64, 60);
                    b.event(t, |tk, t| tk.survey(t));
                }
                if r.chance(0.12) {
                    // Reopened by the customer, answered and resolved again.
                    let t = b.last() + r.exp(2.0 * DAY as f64, 60);
                    b.event(t, |tk, t| tk.customer_reply(t, &mut r));
                    let t = b.last() + r.exp(5.0 * HOUR as f64, 1);
                    b.event(t, |tk, t| tk.agent_reply(t, agent));
                    b.resolve(&mut r);
                }
            }
            if r.chance(0.025) {
                let d = b.last() + r.exp(5.0 * DAY as f64, 60);
                b.delete(d, r.chance(0.1));
            }
        }
        let answered = b.ticket.stats.first_responded_at.is_some();
        let responder_id = (answered || r.chance(0.4)).then_some(agent);
        b.finish(group_slot, priority, responder_id, campaign)
    }
}

/// The time gate of the generator: each event happens strictly after the previous one, and
/// the history stops at the anchor (the first event at or after it, and all later ones, are
/// dropped).
struct Builder {
    anchor: i64,
    stopped: bool,
    ticket: Ticket,
}

impl Builder {
    fn new(g: &TicketGen, index: u64, created: i64, source: u32, requester_id: u64) -> Self {
        Builder {
            anchor: g.anchor,
            stopped: false,
            ticket: Ticket::new(index, created, source, requester_id),
        }
    }

    /// The time of the last event kept.
    fn last(&self) -> i64 {
        self.ticket.updated_at
    }

    /// Accepts an event time when it is strictly after the previous one and before the anchor.
    fn at(&mut self, t: i64) -> Option<i64> {
        let t = t.max(self.last() + 1);
        if self.stopped || t >= self.anchor {
            self.stopped = true;
            return None;
        }
        Some(t)
    }

    /// Applies `change` at `t` (moved after the last event) unless the history has stopped.
    fn event(&mut self, t: i64, change: impl FnOnce(&mut Ticket, i64)) {
        if let Some(t) = self.at(t) {
            change(&mut self.ticket, t);
        }
    }

    /// A status change at the time of the last event (not an event of its own).
    fn set_status(&mut self, status: Status, t: i64) {
        if !self.stopped {
            self.ticket.set_status(status, t);
        }
    }

    /// Resolved some hours after the last event; Freshdesk's automation closes resolved
    /// tickets a couple of days later.
    fn resolve(&mut self, r: &mut Rng) {
        let Some(t) = self.at(self.last() + r.exp(4.0 * HOUR as f64, 60)) else {
            return;
        };
        self.ticket.resolve(t);
        if let Some(c) = self.at(t + 2 * DAY + r.exp(2.0 * HOUR as f64, 0)) {
            self.ticket.close(c);
        }
    }

    fn delete(&mut self, t: i64, to_trash: bool) {
        self.event(t, |tk, t| {
            tk.set_deleted(true, t);
            tk.trashed = to_trash;
        });
    }

    /// The ticket as the anchor sees it: archived when closed long ago, purged when marked
    /// spam or deleted long ago.
    fn finish(
        self,
        group_slot: u8,
        priority: u32,
        responder_id: Option<u64>,
        campaign: bool,
    ) -> Ticket {
        let anchor = self.anchor;
        let mut t = self.ticket;
        t.group_slot = group_slot;
        t.priority = priority;
        t.responder_id = responder_id;
        t.campaign = campaign;
        t.purged = t
            .deleted_at
            .or(t.spam_at)
            .is_some_and(|at| at + PURGE_AFTER < anchor);
        t.archived = !t.spam
            && !t.deleted
            && t.status == Status::Closed
            && t.updated_at + ARCHIVE_AFTER < anchor;
        t
    }
}

fn draw_source(r: &mut Rng) -> u32 {
    let w: Vec<u32> = TICKET_SOURCES.iter().map(|s| s.1).collect();
    TICKET_SOURCES[r.weighted(&w)].0
}

fn draw_group(r: &mut Rng) -> u8 {
    match r.weighted(&[5, 30, 14, 18, 8, 8, 5, 4, 3, 3]) {
        0 => NO_GROUP,
        k => (k - 1) as u8,
    }
}
