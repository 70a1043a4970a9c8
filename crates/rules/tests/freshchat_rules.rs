//! One test per row and bullet of the Freshchat rules in docs/domain-rules.md.

mod common;

use common::at;
use idesk_rules::*;

fn catalog() -> FreshchatCatalog {
    FreshchatCatalog::new(&[
        ChatGroup {
            id: "g-support".into(),
            name: "Customer Support".into(),
        },
        ChatGroup {
            id: "g-sales".into(),
            name: "Sales".into(),
        },
    ])
}

fn resolution(
    conversation_id: &str,
    group_id: Option<&str>,
    group_name: Option<&str>,
) -> ChatResolution {
    ChatResolution {
        conversation_id: conversation_id.into(),
        group_id: group_id.map(Into::into),
        group_name: group_name.map(Into::into),
        resolved_at: at(2026, 3, 5, 14, 7),
        interaction_id: Some("515435468500047-1628507537000".into()),
        spam: false,
        deleted: false,
    }
}

fn queue_of(r: &ChatResolution) -> String {
    let mut d = FreshchatDeriver::new(catalog());
    let c = d.contact(r);
    d.queues().name(c.queue).to_owned()
}

#[test]
fn resolved_chat_is_one_contact_at_resolution_time_in_its_group() {
    let mut d = FreshchatDeriver::new(catalog());
    let r = resolution("c-1", Some("g-support"), None);
    let c = d.contact(&r);
    assert_eq!(c.kind, ContactKind::Chat);
    assert_eq!(c.at, r.resolved_at);
    assert_eq!(d.queues().name(c.queue), "Customer Support");
    assert_eq!(c.id.to_string(), "chat:c-1:2026-03-05T14:07:00Z");
}

#[test]
fn chat_answered_today_and_solved_tomorrow_is_one_contact() {
    // One resolution row, whatever the messages before it: one contact, on the resolution day.
    let mut d = FreshchatDeriver::new(catalog());
    let mut r = resolution("c-1", Some("g-support"), None);
    r.resolved_at = at(2026, 3, 6, 9, 0);
    let mut ledger = NameLedger::new();
    assert!(ledger.settle(d.contact(&r)).is_new());
    assert!(
        !ledger.settle(d.contact(&r)).is_new(),
        "the same row imported again"
    );
    assert_eq!(ledger.len(), 1);
}

#[test]
fn chat_reopened_and_resolved_again_counts_again() {
    let mut d = FreshchatDeriver::new(catalog());
    let first = resolution("c-1", Some("g-support"), None);
    let mut second = first.clone();
    second.resolved_at = at(2026, 3, 8, 10, 0);
    let (a, b) = (d.contact(&first), d.contact(&second));
    assert_ne!(a.id, b.id);
    let mut ledger = NameLedger::new();
    assert!(ledger.settle(a).is_new() && ledger.settle(b).is_new());
}

#[test]
fn identity_is_to_the_second() {
    let mut d = FreshchatDeriver::new(catalog());
    let r = resolution("c-1", Some("g-support"), None);
    let mut r2 = r.clone();
    r2.resolved_at += chrono::Duration::milliseconds(400);
    assert_eq!(d.contact(&r).id, d.contact(&r2).id);
}

#[test]
fn group_id_in_groups_list_wins_over_report_name() {
    assert_eq!(
        queue_of(&resolution("c", Some("g-sales"), Some("Old name"))),
        "Sales"
    );
}

#[test]
fn group_id_not_listed_falls_back_to_report_name() {
    assert_eq!(
        queue_of(&resolution("c", Some("g-gone"), Some("Returns"))),
        "Returns"
    );
}

#[test]
fn group_name_only_is_used() {
    assert_eq!(queue_of(&resolution("c", None, Some("Returns"))), "Returns");
}

#[test]
fn group_gone_without_name_is_undefined_queue() {
    assert_eq!(
        queue_of(&resolution("c", Some("g-gone"), None)),
        UNDEFINED_QUEUE
    );
}

#[test]
fn no_group_is_undefined_queue_not_no_group() {
    assert_eq!(queue_of(&resolution("c", None, None)), "Undefined_Queue");
    assert_eq!(
        queue_of(&resolution("c", None, Some(""))),
        "Undefined_Queue"
    );
}

#[test]
fn deleted_chat_is_undefined_queue() {
    let mut r = resolution("c", Some("g-support"), Some("Customer Support"));
    r.deleted = true;
    assert_eq!(queue_of(&r), UNDEFINED_QUEUE);
}

#[test]
fn spam_chat_is_undefined_queue() {
    let mut r = resolution("c", Some("g-support"), None);
    r.spam = true;
    assert_eq!(queue_of(&r), UNDEFINED_QUEUE);
}

#[test]
fn freshchat_queues_are_chat_channel_without_aht() {
    let mut d = FreshchatDeriver::new(catalog());
    let c = d.contact(&resolution("c", Some("g-support"), None));
    let q = d.queues().get(c.queue);
    assert_eq!(q.channel, Channel::Chat);
    assert_eq!(q.handle_time, HandleTime::NotAvailable);
    assert_eq!(FRESHCHAT_HANDLE_TIME, HandleTime::NotAvailable);
}

#[test]
fn a_renamed_group_keeps_counted_chats_in_their_first_queue() {
    let mut d = FreshchatDeriver::new(catalog());
    let mut ledger = NameLedger::new();
    let r = resolution("c-1", Some("g-sales"), None);
    ledger.settle(d.contact(&r));
    d.set_group(&ChatGroup {
        id: "g-sales".into(),
        name: "Revenue".into(),
    });
    let again = ledger.settle(d.contact(&r));
    assert_eq!(d.queues().name(again.contact().queue), "Sales");
    let new = ledger.settle(d.contact(&resolution("c-2", Some("g-sales"), None)));
    assert_eq!(d.queues().name(new.contact().queue), "Revenue");
}

#[test]
fn resolution_rows_deserialize_with_optional_fields_missing() {
    let r: ChatResolution = serde_json::from_str(
        r#"{"conversation_id": "c-9", "group_id": null, "resolved_at": "2026-03-05T14:07:00Z"}"#,
    )
    .unwrap();
    assert!(!r.spam && !r.deleted && r.group_name.is_none() && r.interaction_id.is_none());
    assert_eq!(queue_of(&r), UNDEFINED_QUEUE);
}
