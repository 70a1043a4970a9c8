//! Why a contact has its queue name: the pattern that made it. Shared by the ticket explainer and
//! the queue-naming explorer; the app translates the stable ids.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactRule {
    /// `<group> <source> Tickets`: a new Freshdesk ticket.
    NewTicket,
    /// `<group> <conversation source> Replies`: an incoming public conversation.
    IncomingConversation,
    /// `Unknown group/source Tickets`: the ticket is spam or deleted.
    SpamOrDeletedTicket,
    /// `Unknown group/source Replies`: the reply's ticket is spam or deleted.
    SpamOrDeletedReply,
    /// Freshchat: the group's name.
    ChatResolved,
    /// Freshchat: `Undefined_Queue`.
    ChatUndefined,
}

impl ContactRule {
    /// The stable id, as serialised.
    pub const fn as_str(self) -> &'static str {
        match self {
            ContactRule::NewTicket => "new_ticket",
            ContactRule::IncomingConversation => "incoming_conversation",
            ContactRule::SpamOrDeletedTicket => "spam_or_deleted_ticket",
            ContactRule::SpamOrDeletedReply => "spam_or_deleted_reply",
            ContactRule::ChatResolved => "chat_resolved",
            ContactRule::ChatUndefined => "chat_undefined",
        }
    }
}
