//! The decisions of docs/domain-rules.md (where the source documents are silent), for the app's rule
//! explainer, which shows each with its reason. `implemented_by` names the constant or function
//! that carries it out.

use serde::Serialize;

/// One decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Stable id (for translations).
    pub id: &'static str,
    /// What the engine does.
    pub rule: &'static str,
    /// Why.
    pub reason: &'static str,
    /// The constant or function implementing it (crate path).
    pub implemented_by: &'static str,
}

/// Every decision, in the order of docs/domain-rules.md.
pub const DECISIONS: &[Decision] = &[
    Decision {
        id: "agent_replies_not_counted",
        rule: "An agent reply (incoming = false) is not a contact.",
        reason: "The German, Italian and French articles speak of incoming contacts; an offered contact is work that arrives.",
        implemented_by: "freshdesk::conversation_is_contact",
    },
    Decision {
        id: "private_notes_not_counted",
        rule: "A private note is not a contact, even if incoming.",
        reason: "A note is internal, not work that arrives.",
        implemented_by: "freshdesk::conversation_is_contact",
    },
    Decision {
        id: "no_group",
        rule: "A ticket without group counts in `No group ...`.",
        reason: "The documents name no queue for it; the contact must not be dropped.",
        implemented_by: "queue_name::NO_GROUP",
    },
    Decision {
        id: "deleted_group",
        rule: "A group id that is no longer listed counts in `Group <id> ...`.",
        reason: "Deleted groups cannot be looked up; the id keeps such contacts apart.",
        implemented_by: "queue_name::DELETED_GROUP_PREFIX",
    },
    Decision {
        id: "custom_source_case",
        rule: "Custom sources (code >= 101) are named from ticket_fields as written, e.g. `Partner Portal`.",
        reason: "The name is the account's own; changing its case would hide it.",
        implemented_by: "freshdesk::source_choice_key, freshdesk::FIRST_CUSTOM_SOURCE_CODE",
    },
    Decision {
        id: "later_default_sources",
        rule: "Other codes named by the account's default_source choices become lower-case keys with `_` for spaces (`web_form`).",
        reason: "Freshdesk adds sources over time; they read like the built-in keys.",
        implemented_by: "freshdesk::key_from_choice_name",
    },
    Decision {
        id: "unnamed_source",
        rule: "A source code named nowhere becomes `source_<code>`.",
        reason: "Never drop a contact.",
        implemented_by: "queue_name::UNNAMED_SOURCE_PREFIX",
    },
    Decision {
        id: "portal_note_reply",
        rule: "Conversation source 2 (note) when incoming and public is a customer's portal reply: `portal`.",
        reason: "Freshdesk records portal replies as incoming public notes.",
        implemented_by: "freshdesk::CONVERSATION_SOURCE_KEYS",
    },
    Decision {
        id: "survey_feedback",
        rule: "Conversation source 6 (survey feedback) counts, as `feedback`.",
        reason: "It is an incoming public comment.",
        implemented_by: "freshdesk::CONVERSATION_SOURCE_KEYS",
    },
    Decision {
        id: "server_only_codes",
        rule: "Conversation codes 10 (`mobihelp`) and 17 (`whatsapp`), known from the server code only, are named.",
        reason: "They occur in real data though the docs omit them.",
        implemented_by: "freshdesk::CONVERSATION_SOURCE_KEYS",
    },
    Decision {
        id: "ecommerce_codes",
        rule: "Conversation codes 11 and 12 are both `ecommerce`.",
        reason: "The docs say 11, the server code 12.",
        implemented_by: "freshdesk::CONVERSATION_SOURCE_KEYS",
    },
    Decision {
        id: "unnamed_conversation_source",
        rule: "Any other conversation code becomes `source_<code>`.",
        reason: "Never drop a contact.",
        implemented_by: "freshdesk::conversation_source_key",
    },
    Decision {
        id: "email_spelling",
        rule: "Queue names use `email` (not the French article's `e-mail`) and are never translated.",
        reason: "The English, German and Italian articles write `email`; the French one translates the example.",
        implemented_by: "freshdesk::TICKET_SOURCE_KEYS",
    },
    Decision {
        id: "initial_stage_spam",
        rule: "In the initial import, a ticket spam or deleted at import time sends all its contacts to `Unknown group/source ...`.",
        reason: "The articles list `Unknown group/source Tickets` among the initial-import examples.",
        implemented_by: "derive::FreshdeskDeriver::ticket_queue, derive::FreshdeskDeriver::reply_queue",
    },
    Decision {
        id: "continuous_same_patterns",
        rule: "The continuous stage uses the same naming patterns.",
        reason: "The documents do not spell out another convention.",
        implemented_by: "stage::ImportStage",
    },
    Decision {
        id: "first_name_kept",
        rule: "A contact is named once, when first seen, and keeps that name (a later group change does not move it); a repeated backfill keeps the names already given.",
        reason: "Counts already sent to WFM must not move between queues.",
        implemented_by: "stage::NameLedger, stage::keeps_first_name",
    },
    Decision {
        id: "backfill_window",
        rule: "A contact belongs to the backfill window by its own timestamp: a reply in the window counts even if its ticket was created before.",
        reason: "Each contact is its own piece of work at its own time.",
        implemented_by: "stage::BackfillWindow::admits",
    },
    Decision {
        id: "chat_per_resolution",
        rule: "A chat reopened and resolved again counts again.",
        reason: "A reopened chat is new work, as a ticket reopened by e-mail is a new contact.",
        implemented_by: "freshchat::EVERY_RESOLUTION_IS_A_CONTACT, contact::ContactId::chat",
    },
    Decision {
        id: "chat_resolution_time",
        rule: "A chat's timestamp is its resolution time.",
        reason: "Resolved chats are what the data source (the Conversation-Resolved report) lists.",
        implemented_by: "freshchat::ChatResolution::resolved_at",
    },
    Decision {
        id: "chat_group_order",
        rule: "A chat's queue: the group id looked up in /v2/groups, else the group name the report gives, else `Undefined_Queue`.",
        reason: "The groups list is current; the report's name covers groups it no longer lists.",
        implemented_by: "freshchat::FreshchatCatalog::queue_name",
    },
    Decision {
        id: "chat_undefined_queue",
        rule: "A chat without group, or whose group is gone, counts in `Undefined_Queue` (no `No group` / `Group <id>` for Freshchat).",
        reason: "The documents name only `Undefined_Queue` for Freshchat.",
        implemented_by: "queue_name::UNDEFINED_QUEUE, queue_name::chat_queue_name",
    },
    Decision {
        id: "chat_channel",
        rule: "Freshchat source queues are of the WFM channel Chat.",
        reason: "They count chats.",
        implemented_by: "queue_name::FRESHCHAT_CHANNEL",
    },
];
