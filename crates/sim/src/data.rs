//! The seeded Freshdesk ticket generator: ticket `i` of an account is a pure function of
//! (seed, account salt, i, anchor), so pages are built on demand and never stored.

use crate::rng::{stream, Rng};
use crate::timeline::{Timeline, DAY, HOUR};

/// Group slots: 0..ACTIVE_GROUPS are listed by `/groups`; the rest were deleted but tickets keep them.
pub const GROUP_NAMES: [&str; 9] = [
    "Customer Service",
    "Billing",
    "Technical Support",
    "Sales",
    "Returns",
    "VIP Support",
    "Partner Desk",
    "Legacy Support",
    "Holiday Overflow",
];
pub const ACTIVE_GROUPS: usize = 7;
pub const NO_GROUP: u8 = u8::MAX;

/// `default_source` choices served by `/ticket_fields`: defaults, newer defaults and custom sources.
pub const SOURCE_CHOICES: [(&str, u32); 17] = [
    ("Email", 1),
    ("Portal", 2),
    ("Phone", 3),
    ("Forum", 4),
    ("Twitter", 5),
    ("Facebook", 6),
    ("Chat", 7),
    ("MobiHelp", 8),
    ("Feedback Widget", 9),
    ("Outbound Email", 10),
    ("Ecommerce", 11),
    ("Bot", 12),
    ("Whatsapp", 13),
    ("Web Chat", 15),
    ("Web Form", 16),
    ("Partner Portal", 101),
    ("Reseller Hotline", 102),
];

/// Ticket sources drawn for inbound tickets; 23 is named nowhere (an unknown code).
const TICKET_SOURCES: [(u32, u32); 18] = [
    (1, 340),
    (2, 140),
    (3, 110),
    (7, 110),
    (9, 40),
    (15, 50),
    (16, 20),
    (13, 30),
    (101, 30),
    (102, 20),
    (5, 15),
    (6, 15),
    (12, 15),
    (8, 5),
    (11, 10),
    (4, 5),
    (23, 10),
    (10, 5),
];

/// Custom statuses listed by `/ticket_fields`.
pub const STATUS_CHOICES: [(u32, &str, &str); 6] = [
    (2, "Open", "Being Processed"),
    (3, "Pending", "Awaiting your Reply"),
    (4, "Resolved", "This ticket has been Resolved"),
    (5, "Closed", "This ticket has been Closed"),
    (6, "Waiting on Customer", "Awaiting your Reply"),
    (7, "Waiting on Third Party", "Being Processed"),
];

/// What a conversation is, which decides `incoming`, `private` and who wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    pub status: u32,
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

impl Ticket {
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
}

/// Which list (if any) shows a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum TicketState {
    Live = 0,
    Spam = 1,
    Deleted = 2,
    Trashed = 3,
    Archived = 4,
    Purged = 5,
}

impl TicketState {
    pub fn name(self) -> &'static str {
        match self {
            TicketState::Live => "live",
            TicketState::Spam => "spam",
            TicketState::Deleted => "deleted",
            TicketState::Trashed => "trashed",
            TicketState::Archived => "archived",
            TicketState::Purged => "purged",
        }
    }
}

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

pub const CONVERSATION_ID_BASE: u64 = 67_100_000_000;
/// Upper bound of conversations per ticket (ids are `base + index * MAX_CONV + k`).
pub const MAX_CONV: u64 = 512;
pub const REQUESTER_ID_BASE: u64 = 67_050_000_000;
pub const PURGE_AFTER: i64 = 30 * DAY;
pub const ARCHIVE_AFTER: i64 = 120 * DAY;

impl TicketGen {
    pub fn new(
        seed: u64,
        salt: u64,
        size: u64,
        anchor: i64,
        agent_ids: Vec<u64>,
        group_ids: [u64; 9],
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

    /// A ticket created by live activity at `t`, not yet answered.
    pub fn live_ticket(&self, index: u64, t: i64, r: &mut Rng) -> Ticket {
        let source = draw_source(r);
        let group_slot = draw_group(r);
        let b = Builder::new(
            self,
            index,
            t,
            source,
            REQUESTER_ID_BASE + r.below(self.size / 3 + 50),
        );
        b.finish(group_slot, 1 + r.below(4) as u32, None, false)
    }

    /// Rebuilds ticket `i` (0-based; its id is `i + 1`).
    pub fn ticket(&self, i: u64) -> Ticket {
        let mut r = Rng::new(self.seed, &[stream::TICKET, self.salt, i]);
        let created = self.created_at(i);
        let campaign = self.campaign_head(i).is_some();
        let source = if campaign { 10 } else { draw_source(&mut r) };
        let group_slot = if campaign { 3 } else { draw_group(&mut r) };
        let requester_id = REQUESTER_ID_BASE + r.below(self.size / 3 + 50);
        let priority = [1, 1, 2, 2, 2, 3, 4][r.below(7) as usize];
        let agent = self.agent_ids[r.below(self.agent_ids.len() as u64) as usize];
        let mut b = Builder::new(self, i, created, source, requester_id);

        if campaign {
            // Outbound mail: pending until a customer answers; most never do.
            b.set_status(3, created);
            if r.chance(0.12) {
                let t = created + r.exp(2.0 * DAY as f64, 60);
                b.customer(t, &mut r);
                b.agent_reply(t + r.exp(3.0 * HOUR as f64, 30), agent);
                b.resolve(&mut r);
            }
        } else {
            let spam = r.chance(0.02);
            if spam {
                let t = created + r.exp(2.0 * HOUR as f64, 5);
                b.mark_spam(t);
                if r.chance(0.3) {
                    // A reply that lands on a ticket already marked spam.
                    b.customer(t + r.exp(DAY as f64, 30), &mut r);
                }
                if r.chance(0.2) {
                    let d = b.last + r.exp(3.0 * DAY as f64, 60);
                    b.mark_deleted(d, r.chance(0.1));
                }
            } else {
                if r.chance(0.15) {
                    // A follow-up before any agent reply: stats stay null for it.
                    b.customer(created + r.exp(2.0 * HOUR as f64, 1), &mut r);
                }
                let rounds = if r.chance(0.003) {
                    r.range(55, 120)
                } else {
                    [0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 4, 6][r.below(12) as usize]
                };
                let mut first = true;
                for _ in 0..rounds {
                    if r.chance(0.2) {
                        b.note(b.last + r.exp(40.0 * 60.0, 1), agent, ConvKind::AgentNote);
                    }
                    let mean = if first {
                        3.0 * HOUR as f64
                    } else {
                        5.0 * HOUR as f64
                    };
                    first = false;
                    b.agent_reply(b.last + r.exp(mean, 1), agent);
                    match r.below(10) {
                        0..=5 => b.set_status(3, b.last),
                        6 => b.set_status(6, b.last),
                        7 => b.set_status(7, b.last),
                        _ => {}
                    }
                    if r.chance(0.03) {
                        b.note(b.last + r.exp(DAY as f64, 1), 0, ConvKind::ThirdPartyNote);
                    }
                    b.customer(b.last + r.exp(8.0 * HOUR as f64, 1), &mut r);
                }
                if rounds == 0 && r.chance(0.5) {
                    b.agent_reply(created + r.exp(4.0 * HOUR as f64, 1), agent);
                }
                if r.chance(0.88) {
                    b.resolve(&mut r);
                    if r.chance(0.05) {
                        b.survey(b.last + r.exp(DAY as f64, 60));
                    }
                    if r.chance(0.12) {
                        // Reopened by the customer, answered and resolved again.
                        b.customer(b.last + r.exp(2.0 * DAY as f64, 60), &mut r);
                        b.agent_reply(b.last + r.exp(5.0 * HOUR as f64, 1), agent);
                        b.resolve(&mut r);
                    }
                }
                if r.chance(0.025) {
                    let d = b.last + r.exp(5.0 * DAY as f64, 60);
                    b.mark_deleted(d, r.chance(0.1));
                }
            }
        }
        let responder_id = (b.stats.first_responded_at.is_some() || r.chance(0.4)).then_some(agent);
        b.finish(group_slot, priority, responder_id, campaign)
    }
}

/// Accumulates a ticket's history; every event before the anchor is kept, later ones dropped.
struct Builder<'a> {
    g: &'a TicketGen,
    index: u64,
    created: i64,
    source: u32,
    requester_id: u64,
    last: i64,
    stopped: bool,
    status: u32,
    stats: Stats,
    convs: Vec<Conversation>,
    spam_at: Option<i64>,
    deleted_at: Option<i64>,
    trashed: bool,
}

impl<'a> Builder<'a> {
    fn new(g: &'a TicketGen, index: u64, created: i64, source: u32, requester_id: u64) -> Self {
        Builder {
            g,
            index,
            created,
            source,
            requester_id,
            last: created,
            stopped: false,
            status: 2,
            stats: Stats {
                status_updated_at: created,
                ..Stats::default()
            },
            convs: Vec::new(),
            spam_at: None,
            deleted_at: None,
            trashed: false,
        }
    }

    /// Accepts an event time when it is strictly after the previous one and before the anchor.
    fn at(&mut self, t: i64) -> Option<i64> {
        let t = t.max(self.last + 1);
        if self.stopped || t >= self.g.anchor {
            self.stopped = true;
            return None;
        }
        self.last = t;
        Some(t)
    }

    fn set_status(&mut self, status: u32, t: i64) {
        if self.stopped || self.status == status {
            return;
        }
        self.status = status;
        self.stats.status_updated_at = t;
        if status == 3 {
            self.stats.pending_since = Some(t);
        } else {
            self.stats.pending_since = None;
        }
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
        if self.convs.len() as u64 >= MAX_CONV - 1 {
            return;
        }
        let id = CONVERSATION_ID_BASE + self.index * MAX_CONV + self.convs.len() as u64;
        self.convs.push(Conversation {
            id,
            created_at: t,
            kind,
            incoming,
            private,
            source,
            user_id,
        });
    }

    fn agent_reply(&mut self, t: i64, agent: u64) {
        let Some(t) = self.at(t) else { return };
        self.push(t, ConvKind::AgentReply, false, false, 0, agent);
        if self.source == 10 && self.stats.requester_responded_at.is_none() {
            // Outbound tickets: agent stats start only after the first customer reply.
        } else {
            self.stats.agent_responded_at = Some(t);
            self.stats.first_responded_at.get_or_insert(t);
        }
    }

    fn note(&mut self, t: i64, agent: u64, kind: ConvKind) {
        let Some(t) = self.at(t) else { return };
        match kind {
            ConvKind::ThirdPartyNote => self.push(
                t,
                kind,
                true,
                true,
                2,
                REQUESTER_ID_BASE + 900_000 + self.index % 97,
            ),
            _ => self.push(t, ConvKind::AgentNote, false, true, 2, agent),
        }
    }

    fn survey(&mut self, t: i64) {
        let Some(t) = self.at(t) else { return };
        self.push(t, ConvKind::Survey, true, false, 6, self.requester_id);
        self.customer_stats(t);
    }

    fn customer(&mut self, t: i64, r: &mut Rng) {
        let Some(t) = self.at(t) else { return };
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
        if self.status == 4 || self.status == 5 {
            self.stats.reopened_at = Some(t);
        }
        self.set_status(2, t);
    }

    fn customer_stats(&mut self, t: i64) {
        customer_note_stats(&mut self.stats, self.source, t);
    }

    fn resolve(&mut self, r: &mut Rng) {
        let Some(t) = self.at(self.last + r.exp(4.0 * HOUR as f64, 60)) else {
            return;
        };
        self.set_status(4, t);
        self.stats.resolved_at = Some(t);
        // Freshdesk's automation closes resolved tickets a couple of days later.
        if let Some(c) = self.at(t + 2 * DAY + r.exp(2.0 * HOUR as f64, 0)) {
            self.set_status(5, c);
            self.stats.closed_at = Some(c);
        }
    }

    fn mark_spam(&mut self, t: i64) {
        if let Some(t) = self.at(t) {
            self.spam_at = Some(t);
        }
    }

    fn mark_deleted(&mut self, t: i64, trashed: bool) {
        if let Some(t) = self.at(t) {
            self.deleted_at = Some(t);
            self.trashed = trashed;
        }
    }

    fn finish(
        self,
        group_slot: u8,
        priority: u32,
        responder_id: Option<u64>,
        campaign: bool,
    ) -> Ticket {
        let anchor = self.g.anchor;
        let updated_at = self.last;
        let spam = self.spam_at.is_some();
        let deleted = self.deleted_at.is_some();
        let purged = self
            .deleted_at
            .or(self.spam_at)
            .is_some_and(|t| t + PURGE_AFTER < anchor);
        let archived = !spam && !deleted && self.status == 5 && updated_at + ARCHIVE_AFTER < anchor;
        Ticket {
            index: self.index as u32,
            id: self.index + 1,
            created_at: self.created,
            updated_at,
            source: self.source,
            status: self.status,
            priority,
            group_slot,
            requester_id: self.requester_id,
            responder_id,
            spam,
            deleted,
            trashed: self.trashed,
            spam_at: self.spam_at,
            deleted_at: self.deleted_at,
            archived,
            purged,
            campaign,
            stats: self.stats,
            conversations: self.convs,
        }
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

/// `requester_responded_at`: the first customer message after the latest public agent reply
/// (outbound e-mail tickets: the first customer reply, then the first after each agent reply).
fn customer_note_stats(s: &mut Stats, ticket_source: u32, t: i64) {
    let set = if ticket_source == 10 {
        match (s.agent_responded_at, s.requester_responded_at) {
            (None, None) => true,
            (Some(a), Some(q)) => a > q,
            _ => false,
        }
    } else {
        match (s.agent_responded_at, s.requester_responded_at) {
            (Some(_), None) => true,
            (Some(a), Some(q)) => q <= a,
            _ => false,
        }
    };
    if set {
        s.requester_responded_at = Some(t);
    }
}

/// Changes live activity makes to a ticket; each moves `updated_at` to its time.
impl Ticket {
    fn next_conversation_id(&self) -> Option<u64> {
        let n = self.conversations.len() as u64;
        (n < MAX_CONV - 1).then(|| CONVERSATION_ID_BASE + self.index as u64 * MAX_CONV + n)
    }

    fn set_status(&mut self, status: u32, t: i64) {
        if self.status != status {
            self.status = status;
            self.stats.status_updated_at = t;
            self.stats.pending_since = (status == 3).then_some(t);
        }
        self.updated_at = t;
    }

    pub fn add_customer_reply(&mut self, t: i64, r: &mut Rng) {
        let Some(id) = self.next_conversation_id() else {
            return;
        };
        let source = customer_source(self.source, r);
        self.conversations.push(Conversation {
            id,
            created_at: t,
            kind: ConvKind::CustomerReply,
            incoming: true,
            private: false,
            source,
            user_id: self.requester_id,
        });
        customer_note_stats(&mut self.stats, self.source, t);
        if self.status == 4 || self.status == 5 {
            self.stats.reopened_at = Some(t);
        }
        self.set_status(2, t);
    }

    pub fn add_agent_reply(&mut self, t: i64, agent: u64) {
        let Some(id) = self.next_conversation_id() else {
            return;
        };
        self.conversations.push(Conversation {
            id,
            created_at: t,
            kind: ConvKind::AgentReply,
            incoming: false,
            private: false,
            source: 0,
            user_id: agent,
        });
        self.stats.agent_responded_at = Some(t);
        self.stats.first_responded_at.get_or_insert(t);
        self.responder_id.get_or_insert(agent);
        self.set_status(3, t);
    }

    pub fn resolve(&mut self, t: i64) {
        self.stats.resolved_at = Some(t);
        self.set_status(4, t);
    }
}

/// Changes made through the control API (`POST /_sim/accounts/{domain}/tickets/{id}`); each
/// moves `updated_at` to its time.
impl Ticket {
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

    /// Sets the status as an agent would (4 resolves, 5 closes).
    pub fn change_status(&mut self, status: u32, t: i64) {
        match status {
            4 => self.stats.resolved_at = Some(t),
            5 => self.stats.closed_at = Some(t),
            _ => {}
        }
        self.set_status(status, t);
    }
}
