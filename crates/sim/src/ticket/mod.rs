//! A Freshdesk ticket as the simulator keeps it, and the one set of changes that can happen to
//! it. The generator ([`gen`]) writes the history before the anchor with these changes; live
//! activity and the control API make the same changes afterwards.

pub mod catalog;
pub mod gen;
mod state;

use serde::Serialize;

use crate::rng::Rng;
use catalog::{CONVERSATION_ID_BASE, MAX_CONV, NO_GROUP, REQUESTER_ID_BASE};

pub use gen::TicketGen;
pub use state::{Status, TicketState};

/// What a conversation is, which decides `incoming`, `private` and who wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConvKind {
    AgentReply,
    AgentNote,
    CustomerReply,
    ThirdPartyNote,
    Survey,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub id: u64,
    pub created_at: i64,
    pub kind: ConvKind,
    pub incoming: bool,
    pub private: bool,
    pub source: u32,
    pub user_id: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub agent_responded_at: Option<i64>,
    pub requester_responded_at: Option<i64>,
    pub first_responded_at: Option<i64>,
    pub status_updated_at: i64,
    pub reopened_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub pending_since: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub index: u32,
    pub id: u64,
    pub created_at: i64,
    pub updated_at: i64,
    pub source: u32,
    pub status: Status,
    pub priority: u32,
    pub group_slot: u8,
    pub requester_id: u64,
    pub responder_id: Option<u64>,
    pub spam: bool,
    pub deleted: bool,
    /// Queued for permanent deletion: hidden from `filter=deleted`, 403 on read.
    pub trashed: bool,
    pub spam_at: Option<i64>,
    pub deleted_at: Option<i64>,
    pub archived: bool,
    pub purged: bool,
    pub campaign: bool,
    pub stats: Stats,
    pub conversations: Vec<Conversation>,
}

/// The changes. Each happens at `t` and moves `updated_at` there; the caller picks a `t` after
/// the last change (the generator through its time gate, live changes with
/// `max(now, updated_at + 1)`).
impl Ticket {
    /// A new open ticket without group or conversations.
    pub fn new(index: u64, created: i64, source: u32, requester_id: u64) -> Ticket {
        Ticket {
            index: index as u32,
            id: index + 1,
            created_at: created,
            updated_at: created,
            source,
            status: Status::Open,
            priority: 1,
            group_slot: NO_GROUP,
            requester_id,
            responder_id: None,
            spam: false,
            deleted: false,
            trashed: false,
            spam_at: None,
            deleted_at: None,
            archived: false,
            purged: false,
            campaign: false,
            stats: Stats {
                status_updated_at: created,
                ..Stats::default()
            },
            conversations: Vec::new(),
        }
    }

    pub fn state(&self) -> TicketState {
        if self.purged {
            TicketState::Purged
        } else if self.archived {
            TicketState::Archived
        } else if self.trashed {
            TicketState::Trashed
        } else if self.deleted {
            TicketState::Deleted
        } else if self.spam {
            TicketState::Spam
        } else {
            TicketState::Live
        }
    }

    /// An outbound e-mail (campaign) ticket: agent stats start with the first customer reply.
    fn is_outbound(&self) -> bool {
        self.source == 10
    }

    /// No room for another conversation id (ids are `base + index * MAX_CONV + k`).
    fn is_full(&self) -> bool {
        self.conversations.len() as u64 >= MAX_CONV - 1
    }

    fn push(
        &mut self,
        t: i64,
        kind: ConvKind,
        incoming: bool,
        private: bool,
        source: u32,
        user_id: u64,
    ) {
        let id =
            CONVERSATION_ID_BASE + self.index as u64 * MAX_CONV + self.conversations.len() as u64;
        self.conversations.push(Conversation {
            id,
            created_at: t,
            kind,
            incoming,
            private,
            source,
            user_id,
        });
        self.updated_at = t;
    }

    /// Moves to `status`; its clock (`status_updated_at`, `pending_since`) restarts only when
    /// the status really changes.
    pub fn set_status(&mut self, status: Status, t: i64) {
        if self.status != status {
            self.status = status;
            self.stats.status_updated_at = t;
            self.stats.pending_since = (status == Status::Pending).then_some(t);
        }
        self.updated_at = t;
    }

    /// Sets the status as an agent would: resolving and closing stamp their times.
    pub fn change_status(&mut self, status: Status, t: i64) {
        match status {
            Status::Resolved => self.stats.resolved_at = Some(t),
            Status::Closed => self.stats.closed_at = Some(t),
            _ => {}
        }
        self.set_status(status, t);
    }

    /// A public agent reply (conversation and stats only; status and responder stay).
    pub fn agent_reply(&mut self, t: i64, agent: u64) {
        if self.is_full() {
            return;
        }
        self.push(t, ConvKind::AgentReply, false, false, 0, agent);
        if !(self.is_outbound() && self.stats.requester_responded_at.is_none()) {
            self.stats.agent_responded_at = Some(t);
            self.stats.first_responded_at.get_or_insert(t);
        }
    }

    /// An agent answers now: the reply, the agent becomes the responder if there is none, and
    /// the ticket waits for the customer.
    pub fn answer(&mut self, t: i64, agent: u64) {
        if self.is_full() {
            return;
        }
        self.agent_reply(t, agent);
        self.responder_id.get_or_insert(agent);
        self.set_status(Status::Pending, t);
    }

    /// The customer writes (on the channel the ticket came from): reopens a done ticket.
    pub fn customer_reply(&mut self, t: i64, r: &mut Rng) {
        if self.is_full() {
            return;
        }
        let source = customer_source(self.source, r);
        self.push(
            t,
            ConvKind::CustomerReply,
            true,
            false,
            source,
            self.requester_id,
        );
        self.customer_stats(t);
        if self.status.is_done() {
            self.stats.reopened_at = Some(t);
        }
        self.set_status(Status::Open, t);
    }

    /// A private note by an agent.
    pub fn agent_note(&mut self, t: i64, agent: u64) {
        if !self.is_full() {
            self.push(t, ConvKind::AgentNote, false, true, 2, agent);
        }
    }

    /// A note forwarded from a third party (an incoming private note).
    pub fn third_party_note(&mut self, t: i64) {
        if !self.is_full() {
            let user = REQUESTER_ID_BASE + 900_000 + self.index as u64 % 97;
            self.push(t, ConvKind::ThirdPartyNote, true, true, 2, user);
        }
    }

    /// The customer answers the satisfaction survey.
    pub fn survey(&mut self, t: i64) {
        if !self.is_full() {
            self.push(t, ConvKind::Survey, true, false, 6, self.requester_id);
            self.customer_stats(t);
        }
    }

    pub fn resolve(&mut self, t: i64) {
        self.change_status(Status::Resolved, t);
    }

    pub fn close(&mut self, t: i64) {
        self.change_status(Status::Closed, t);
    }

    /// Moves the ticket to group `slot` (`NO_GROUP` for none).
    pub fn set_group(&mut self, slot: u8, t: i64) {
        self.group_slot = slot;
        self.updated_at = t;
    }

    /// Marks the ticket as spam, or takes the mark away.
    pub fn set_spam(&mut self, spam: bool, t: i64) {
        if spam != self.spam {
            self.spam_at = spam.then_some(t);
        }
        self.spam = spam;
        self.updated_at = t;
    }

    /// Deletes the ticket (to the trash, restorable), or restores it.
    pub fn set_deleted(&mut self, deleted: bool, t: i64) {
        if deleted != self.deleted {
            self.deleted_at = deleted.then_some(t);
        }
        self.deleted = deleted;
        self.updated_at = t;
    }

    /// `requester_responded_at`: the first customer message after the latest public agent reply
    /// (outbound e-mail tickets: the first customer reply, then the first after each agent reply).
    fn customer_stats(&mut self, t: i64) {
        let s = &mut self.stats;
        let set = match (s.agent_responded_at, s.requester_responded_at) {
            (None, None) => self.source == 10,
            (Some(a), Some(q)) if self.source == 10 => a > q,
            (Some(a), Some(q)) => q <= a,
            (Some(_), None) => self.source != 10,
            (None, Some(_)) => false,
        };
        if set {
            s.requester_responded_at = Some(t);
        }
    }
}

/// The customer's channel decides the conversation source of their replies.
fn customer_source(ticket_source: u32, r: &mut Rng) -> u32 {
    match ticket_source {
        2 | 101 => 2,
        3 | 102 => 9,
        5 => 5,
        6 => 7,
        11 if r.chance(0.5) => 11,
        11 => 12,
        13 => 17,
        23 => 30,
        _ if r.chance(0.05) => 8,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(source: u32) -> Ticket {
        Ticket::new(4, 1_000, source, REQUESTER_ID_BASE + 1)
    }

    #[test]
    fn an_answer_waits_for_the_customer_and_a_reply_reopens_a_resolved_ticket() {
        let mut t = ticket(1);
        t.answer(1_010, 7);
        assert_eq!(
            (t.status, t.responder_id, t.stats.first_responded_at),
            (Status::Pending, Some(7), Some(1_010))
        );
        assert_eq!(t.stats.pending_since, Some(1_010));
        t.resolve(1_020);
        t.customer_reply(1_030, &mut Rng::new(1, &[2]));
        assert_eq!((t.status, t.stats.reopened_at), (Status::Open, Some(1_030)));
        assert_eq!(t.stats.requester_responded_at, Some(1_030));
        assert_eq!(t.stats.pending_since, None);
        assert_eq!(t.updated_at, 1_030);
        let ids: Vec<u64> = t.conversations.iter().map(|c| c.id).collect();
        let first = CONVERSATION_ID_BASE + 4 * MAX_CONV;
        assert_eq!(ids, [first, first + 1]);
    }

    #[test]
    fn outbound_tickets_count_agent_replies_only_after_the_customer_answered() {
        let mut t = ticket(10);
        t.agent_reply(1_010, 7);
        assert_eq!(t.stats.agent_responded_at, None);
        t.customer_reply(1_020, &mut Rng::new(1, &[2]));
        assert_eq!(t.stats.requester_responded_at, Some(1_020));
        t.agent_reply(1_030, 7);
        assert_eq!(t.stats.agent_responded_at, Some(1_030));
    }

    #[test]
    fn a_full_ticket_takes_no_more_conversations() {
        let mut t = ticket(1);
        for k in 0..MAX_CONV as i64 {
            t.agent_note(1_001 + k, 7);
        }
        assert_eq!(t.conversations.len() as u64, MAX_CONV - 1);
        let before = t.clone();
        t.answer(5_000, 7);
        assert_eq!(t, before);
    }
}
