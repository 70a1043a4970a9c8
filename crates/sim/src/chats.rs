//! The seeded Freshchat generator: chat `i` and its resolutions are a pure function of
//! (seed, account salt, i, anchor); report jobs scan only the creation range they need.

use std::sync::RwLock;

use crate::rng::{hash, stream, Rng};
use crate::timeline::{Timeline, DAY};

pub const CHAT_GROUP_NAMES: [&str; 8] = [
    "Customer Support",
    "Sales",
    "Billing",
    "Onboarding",
    "Technical",
    "Returns",
    "Holiday Team",
    "Old Routing",
];
/// Slots below this are listed by `/v2/groups`; the others were deleted.
pub const ACTIVE_CHAT_GROUPS: usize = 6;
pub const CHANNEL_NAMES: [&str; 3] = ["Website", "Mobile App", "WhatsApp"];
/// A resolution never happens later than this after the chat was created.
pub const MAX_RESOLUTION_LAG: i64 = 30 * DAY;

/// A deterministic UUID-shaped id.
pub fn uuid(seed: u64, parts: &[u64]) -> String {
    let a = hash(seed, parts);
    let b = crate::rng::mix(a ^ 0x5555);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatState {
    Live,
    Spam,
    Deleted,
}

impl ChatState {
    pub fn name(self) -> &'static str {
        match self {
            ChatState::Live => "live",
            ChatState::Spam => "spam",
            ChatState::Deleted => "deleted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub interaction_id: String,
    /// Milliseconds since the epoch (UTC).
    pub resolved_at_ms: i64,
    pub agent_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chat {
    pub index: u64,
    pub conversation_id: String,
    pub created_at: i64,
    /// `None`: no group.
    pub group_slot: Option<usize>,
    /// Whether the report still carries the group's name (it may not for deleted groups).
    pub report_has_group_name: bool,
    pub channel_slot: usize,
    pub state: ChatState,
    pub resolutions: Vec<Resolution>,
}

#[derive(Debug)]
pub struct ChatGen {
    pub seed: u64,
    pub salt: u64,
    pub size: u64,
    pub anchor: i64,
    pub timeline: Timeline,
    pub agent_ids: Vec<String>,
    /// Chats created by live activity (indexes `size..`).
    live: RwLock<Vec<Chat>>,
}

impl ChatGen {
    pub fn new(seed: u64, salt: u64, size: u64, anchor: i64, agent_ids: Vec<String>) -> ChatGen {
        ChatGen {
            seed,
            salt,
            size,
            anchor,
            timeline: Timeline::new(seed, salt, anchor),
            agent_ids,
            live: RwLock::new(Vec::new()),
        }
    }

    pub fn group_id(&self, slot: usize) -> String {
        uuid(self.seed, &[stream::ID, self.salt, 100 + slot as u64])
    }

    pub fn channel_id(&self, slot: usize) -> String {
        uuid(self.seed, &[stream::ID, self.salt, 200 + slot as u64])
    }

    pub fn created_at(&self, i: u64) -> i64 {
        self.timeline.created_at(self.seed, self.salt, i, self.size)
    }

    /// Chats generated plus chats created by live activity.
    pub fn total(&self) -> u64 {
        self.size + self.live.read().expect("live chats lock").len() as u64
    }

    /// A chat created by live activity: created at `created`, resolved at `resolved_ms`.
    pub fn add_live_chat(&self, created: i64, resolved_ms: i64, r: &mut Rng) {
        self.add_chat(created, resolved_ms, r, |_| {});
    }

    /// As [`ChatGen::add_live_chat`], with `adjust` applied to the new chat (the control API
    /// picks its group); returns the chat.
    pub fn add_chat(
        &self,
        created: i64,
        resolved_ms: i64,
        r: &mut Rng,
        adjust: impl FnOnce(&mut Chat),
    ) -> Chat {
        let mut live = self.live.write().expect("live chats lock");
        let index = self.size + live.len() as u64;
        let mut chat = self.chat_at(index, created, r);
        chat.state = ChatState::Live;
        chat.resolutions = vec![Resolution {
            interaction_id: format!(
                "{}-{}",
                515_435_468_500_000 + r.below(1_000_000),
                created * 1000
            ),
            resolved_at_ms: resolved_ms,
            agent_id: self.agent_ids[r.below(self.agent_ids.len() as u64) as usize].clone(),
        }];
        adjust(&mut chat);
        live.push(chat.clone());
        chat
    }

    /// The group slot of a group id (deleted groups included).
    pub fn group_slot(&self, id: &str, groups: usize) -> Option<usize> {
        (0..groups).find(|s| self.group_id(*s) == id)
    }

    pub fn chat(&self, i: u64) -> Chat {
        if i >= self.size {
            let live = self.live.read().expect("live chats lock");
            return live[(i - self.size) as usize].clone();
        }
        let mut r = Rng::new(self.seed, &[stream::CHAT, self.salt, i]);
        self.chat_at(i, self.created_at(i), &mut r)
    }

    fn chat_at(&self, i: u64, created: i64, r: &mut Rng) -> Chat {
        let group_slot = match r.weighted(&[3, 30, 15, 12, 8, 14, 6, 4, 3]) {
            0 => None,
            k => Some(k - 1),
        };
        let report_has_group_name =
            !(group_slot.is_some_and(|g| g >= ACTIVE_CHAT_GROUPS) && r.chance(0.4));
        let channel_slot = r.weighted(&[60, 25, 15]);
        let state = match r.below(100) {
            0 | 1 => ChatState::Deleted,
            2 => ChatState::Spam,
            _ => ChatState::Live,
        };
        let contact = 515_435_468_500_000 + r.below(1_000_000);
        let mut resolutions = Vec::new();
        if r.chance(0.9) {
            let mut start = created;
            let mut t = created + r.exp(25.0 * 60.0, 30);
            let rounds = match r.below(100) {
                0..=2 => 3,
                3..=11 => 2,
                _ => 1,
            };
            for round in 0..rounds {
                if round > 0 {
                    // Reopened later and resolved again: a new interaction.
                    start = t + r.exp(DAY as f64, 60);
                    t = start + r.exp(40.0 * 60.0, 30);
                }
                let ms = t * 1000 + r.below(1000) as i64;
                if t >= self.anchor || t > created + MAX_RESOLUTION_LAG {
                    break;
                }
                let agent = self.agent_ids[r.below(self.agent_ids.len() as u64) as usize].clone();
                resolutions.push(Resolution {
                    interaction_id: format!("{contact}-{}", start * 1000),
                    resolved_at_ms: ms,
                    agent_id: agent,
                });
            }
        }
        Chat {
            index: i,
            conversation_id: uuid(self.seed, &[stream::CHAT, self.salt, i, 9]),
            created_at: created,
            group_slot,
            report_has_group_name,
            channel_slot,
            state,
            resolutions,
        }
    }

    /// First chat index created at or after `t` (chats are created in index order).
    pub fn first_created_at_or_after(&self, t: i64) -> u64 {
        let (mut lo, mut hi) = (0u64, self.size);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.created_at(mid) < t {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Every (chat, resolution) resolved in `[start_ms, end_ms)`, ordered by resolution time.
    pub fn resolved_between(&self, start_ms: i64, end_ms: i64) -> Vec<(Chat, Resolution)> {
        let from =
            self.first_created_at_or_after(start_ms.div_euclid(1000) - MAX_RESOLUTION_LAG - 1);
        let to = self.first_created_at_or_after(end_ms.div_euclid(1000) + 1);
        let mut out = Vec::new();
        for i in from..to {
            let chat = self.chat(i);
            for res in &chat.resolutions {
                if res.resolved_at_ms >= start_ms && res.resolved_at_ms < end_ms {
                    out.push((chat.clone(), res.clone()));
                }
            }
        }
        for chat in self.live.read().expect("live chats lock").iter() {
            for res in &chat.resolutions {
                if res.resolved_at_ms >= start_ms && res.resolved_at_ms < end_ms {
                    out.push((chat.clone(), res.clone()));
                }
            }
        }
        out.sort_by_key(|(chat, res)| (res.resolved_at_ms, chat.index));
        out
    }
}
