//! The documents of the ground truth, typed. Their fields are declared in alphabetical order,
//! the order in which the former `json!` maps wrote them, so the bytes stay the same.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::chats::{Chat, ChatGen};
use crate::freshchat::reports::report_group;
use crate::groups::GroupInfo;
use crate::http::{ts, ts_millis};
use crate::model::{Plan, Product};
use crate::ticket::catalog::NO_GROUP;
use crate::ticket::{ConvKind, Status, Ticket, TicketGen, TicketState};

pub fn ts_opt(secs: Option<i64>) -> Option<String> {
    secs.map(ts)
}

/// A group as it is now; `renamed_at` and `deleted_at` appear once the control API changed it.
#[derive(Debug, Serialize)]
pub struct GroupDoc<Id> {
    pub deleted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
    pub id: Id,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_at: Option<String>,
}

impl<Id> GroupDoc<Id> {
    pub fn new(id: Id, g: &GroupInfo) -> Self {
        GroupDoc {
            deleted: g.deleted,
            deleted_at: ts_opt(g.deleted_at),
            id,
            name: g.name.clone(),
            renamed_at: ts_opt(g.renamed_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SourceDoc {
    pub code: u32,
    pub name: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ChannelDoc {
    pub id: String,
    pub name: &'static str,
}

/// The groups of either product: numeric ids (Freshdesk) or UUIDs (Freshchat).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Groups {
    Freshdesk(Vec<GroupDoc<u64>>),
    Freshchat(Vec<GroupDoc<String>>),
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub anchor: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<ChannelDoc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chats: Option<u64>,
    pub domain: String,
    pub groups: Groups,
    pub plan: Plan,
    pub product: Product,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_choices: Option<Vec<SourceDoc>>,
    pub suspended: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tickets: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tickets_by_state: Option<BTreeMap<&'static str, usize>>,
    pub timezone: String,
}

#[derive(Debug, Serialize)]
pub struct ConversationDoc {
    pub created_at: String,
    pub id: u64,
    pub incoming: bool,
    pub kind: ConvKind,
    pub private: bool,
    pub source: u32,
    pub user_id: u64,
}

#[derive(Debug, Serialize)]
pub struct TicketDoc {
    pub archived: bool,
    pub conversations: Vec<ConversationDoc>,
    pub created_at: String,
    pub deleted: bool,
    pub deleted_at: Option<String>,
    pub group_deleted: bool,
    pub group_id: Option<u64>,
    /// The group's current name.
    pub group_name: Option<String>,
    pub id: u64,
    pub purged: bool,
    pub source: u32,
    pub spam: bool,
    pub spam_at: Option<String>,
    pub state: TicketState,
    pub status: Status,
    pub trashed: bool,
    pub updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct ResolutionDoc {
    pub agent_id: String,
    pub interaction_id: String,
    pub resolved_time: String,
}

#[derive(Debug, Serialize)]
pub struct ChatDoc {
    pub channel_id: String,
    pub conversation_id: String,
    pub created_at: String,
    pub group_deleted: bool,
    pub group_id: Option<String>,
    /// The group's current name.
    pub group_name: Option<String>,
    /// The group a `Conversation-Resolved` report row shows (empty when none).
    pub report_group_id: String,
    pub report_group_name: String,
    pub resolutions: Vec<ResolutionDoc>,
    pub state: &'static str,
}

/// One row of a `Conversation-Resolved` report.
#[derive(Debug, Serialize)]
pub struct ReportRowDoc {
    pub conversation_id: String,
    pub interaction_id: String,
    pub report_group_id: String,
    pub report_group_name: String,
    pub resolved_time: String,
    pub state: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TicketPage {
    pub offset: usize,
    pub tickets: Vec<TicketDoc>,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct ChatPage {
    pub chats: Vec<ChatDoc>,
    pub offset: usize,
    pub total: u64,
}

#[derive(Debug, Serialize)]
pub struct Resolutions {
    pub resolutions: Vec<ReportRowDoc>,
}

/// A ticket of the truth; `as_of` (seconds) leaves out what was created after it. Pass the
/// ticket as it was then ([`crate::store::TicketStore::ticket_as_of`]).
pub fn ticket_doc(
    gen: &TicketGen,
    groups: &[GroupInfo],
    t: &Ticket,
    as_of: Option<i64>,
) -> Option<TicketDoc> {
    let at = as_of.unwrap_or(i64::MAX);
    if t.created_at > at {
        return None;
    }
    let group = (t.group_slot != NO_GROUP).then(|| &groups[t.group_slot as usize]);
    Some(TicketDoc {
        archived: t.archived,
        conversations: t
            .conversations
            .iter()
            .filter(|c| c.created_at <= at)
            .map(|c| ConversationDoc {
                created_at: ts(c.created_at),
                id: c.id,
                incoming: c.incoming,
                kind: c.kind,
                private: c.private,
                source: c.source,
                user_id: c.user_id,
            })
            .collect(),
        created_at: ts(t.created_at),
        deleted: t.deleted,
        deleted_at: ts_opt(t.deleted_at),
        group_deleted: group.is_some_and(|g| g.deleted),
        group_id: gen.group_id(t.group_slot),
        group_name: group.map(|g| g.name.clone()),
        id: t.id,
        purged: t.purged,
        source: t.source,
        spam: t.spam,
        spam_at: ts_opt(t.spam_at),
        state: t.state(),
        status: t.status,
        trashed: t.trashed,
        updated_at: ts(t.updated_at),
    })
}

/// A chat of the truth; `as_of` (seconds) leaves out what happened after it.
pub fn chat_doc(
    gen: &ChatGen,
    groups: &[GroupInfo],
    c: &Chat,
    as_of: Option<i64>,
) -> Option<ChatDoc> {
    let at = as_of.unwrap_or(i64::MAX);
    if c.created_at > at {
        return None;
    }
    let (report_group_id, report_group_name) = report_group(gen, groups, c);
    Some(ChatDoc {
        channel_id: gen.channel_id(c.channel_slot),
        conversation_id: c.conversation_id.clone(),
        created_at: ts(c.created_at),
        group_deleted: c.group_slot.is_some_and(|s| groups[s].deleted),
        group_id: c.group_slot.map(|s| gen.group_id(s)),
        group_name: c.group_slot.map(|s| groups[s].name.clone()),
        report_group_id,
        report_group_name,
        resolutions: c
            .resolutions
            .iter()
            .filter(|r| r.resolved_at_ms <= at.saturating_mul(1000))
            .map(|r| ResolutionDoc {
                agent_id: r.agent_id.clone(),
                interaction_id: r.interaction_id.clone(),
                resolved_time: ts_millis(r.resolved_at_ms),
            })
            .collect(),
        state: c.state.name(),
    })
}
