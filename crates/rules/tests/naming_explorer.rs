//! The queue-naming explorer against the engine: for every ticket source × kind and every
//! conversation source × reply (custom, later-default and unknown codes included), with a
//! group, no group and a deleted group, the explorer's name is the one the engine gives an
//! equivalent ticket or conversation of an account snapshot whose groups list lacks the deleted
//! group; likewise for chats.

mod naming;

use chrono::{TimeZone, Utc};
use idesk_rules::*;
use naming::*;
use proptest::prelude::*;

/// The engine's name for one event: a snapshot of the account (the deleted group left out of
/// its groups list) with one ticket and, for replies, one incoming public conversation, derived
/// as the initial import derives it.
fn engine_name(pick: GroupPick<u64>, event: FreshdeskEvent) -> String {
    let (group_id, deleted) = match pick {
        GroupPick::Listed(id) => (Some(id), None),
        GroupPick::NoGroup => (None, None),
        GroupPick::Deleted(id) => (Some(id), Some(id)),
    };
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 5, 0).unwrap();
    let (ticket_source, reply_source, spam_or_deleted) = match event {
        FreshdeskEvent::NewTicket { source } => (source, None, false),
        // The ticket's own source must not matter to a reply.
        FreshdeskEvent::Reply { source } => (7, Some(source), false),
        FreshdeskEvent::SpamOrDeletedTicket => (3, None, true),
        FreshdeskEvent::SpamOrDeletedReply => (3, Some(0), true),
    };
    let ticket = Ticket {
        id: 42,
        group_id,
        source: ticket_source,
        spam: spam_or_deleted && reply_source.is_none(),
        deleted: spam_or_deleted && reply_source.is_some(),
        created_at: at,
        updated_at: at,
    };
    let conversations: Vec<Conversation> = reply_source
        .map(|source| Conversation {
            id: 7001,
            ticket_id: 42,
            incoming: true,
            private: false,
            source,
            created_at: at,
        })
        .into_iter()
        .collect();
    let snapshot = FreshdeskSnapshot {
        groups: groups()
            .into_iter()
            .filter(|g| Some(g.id) != deleted)
            .collect(),
        source_choices: choices(),
        tickets: vec![ticket],
        conversations,
    };
    let mut deriver = snapshot.deriver();
    let contacts: Vec<Contact> = deriver
        .derive_initial(&snapshot.tickets, &snapshot.conversations)
        .collect();
    let wanted = match reply_source {
        Some(_) => ContactId::Conversation(7001),
        None => ContactId::Ticket(42),
    };
    let contact = contacts.iter().find(|c| c.id == wanted).expect("derived");
    deriver.queues().name(contact.queue).to_owned()
}

fn assert_like_the_engine(catalog: &FreshdeskCatalog, pick: GroupPick<u64>, event: FreshdeskEvent) {
    let named = name_freshdesk_queue(catalog, pick, event);
    assert_eq!(named.name, engine_name(pick, event), "{pick:?} {event:?}");
    assert_eq!(named.irrelevant, is_special_queue(&named.name));
    let (rule, kind) = match event {
        FreshdeskEvent::NewTicket { .. } => (ContactRule::NewTicket, ContactKind::Ticket),
        FreshdeskEvent::Reply { .. } => (ContactRule::IncomingConversation, ContactKind::Reply),
        FreshdeskEvent::SpamOrDeletedTicket => {
            (ContactRule::SpamOrDeletedTicket, ContactKind::Ticket)
        }
        FreshdeskEvent::SpamOrDeletedReply => (ContactRule::SpamOrDeletedReply, ContactKind::Reply),
    };
    assert_eq!((named.rule, named.kind), (rule, kind), "{pick:?} {event:?}");
    for id in &named.decisions {
        assert!(
            DECISIONS.iter().any(|d| d.id == *id),
            "unknown decision {id}"
        );
    }
}

#[test]
fn every_ticket_source_and_kind_is_named_as_the_engine_names_it() {
    let catalog = FreshdeskCatalog::new(&groups(), &choices());
    let mut codes: Vec<i64> = ticket_source_options(&catalog)
        .iter()
        .map(|s| s.code)
        .collect();
    assert!(codes.len() >= TICKET_SOURCE_KEYS.len() + 3);
    codes.extend(UNKNOWN_CODES);
    for pick in group_picks() {
        for &source in &codes {
            assert_like_the_engine(&catalog, pick, FreshdeskEvent::NewTicket { source });
        }
        assert_like_the_engine(&catalog, pick, FreshdeskEvent::SpamOrDeletedTicket);
    }
}

#[test]
fn every_conversation_source_of_a_reply_is_named_as_the_engine_names_it() {
    let catalog = FreshdeskCatalog::new(&groups(), &choices());
    let mut codes: Vec<i64> = conversation_source_options()
        .iter()
        .map(|s| s.code)
        .collect();
    assert_eq!(codes.len(), CONVERSATION_SOURCE_KEYS.len());
    // Ticket-source codes and custom codes mean nothing for a conversation.
    codes.extend([1, 3, 4, 13, 15, 16, 101]);
    codes.extend(UNKNOWN_CODES);
    for pick in group_picks() {
        for &source in &codes {
            assert_like_the_engine(&catalog, pick, FreshdeskEvent::Reply { source });
        }
        assert_like_the_engine(&catalog, pick, FreshdeskEvent::SpamOrDeletedReply);
    }
}

proptest! {
    #[test]
    fn any_code_and_group_is_named_as_the_engine_names_it(
        source in -5i64..400,
        group in prop_oneof![
            Just(GroupPick::Listed(LISTED)),
            Just(GroupPick::NoGroup),
            (1u64..200).prop_map(GroupPick::Deleted), // 5 and 6 are listed ones
        ],
        reply in any::<bool>(),
    ) {
        let catalog = FreshdeskCatalog::new(&groups(), &choices());
        let event = if reply {
            FreshdeskEvent::Reply { source }
        } else {
            FreshdeskEvent::NewTicket { source }
        };
        assert_like_the_engine(&catalog, group, event);
    }
}

#[test]
fn every_chat_group_and_kind_is_named_as_the_engine_names_it() {
    let catalog = FreshchatCatalog::new(&chat_groups());
    let picks = [
        GroupPick::Listed(CHAT_LISTED),
        GroupPick::NoGroup,
        GroupPick::Deleted(CHAT_TO_DELETE),
        GroupPick::Deleted("g-never-listed"),
    ];
    for pick in picks {
        for event in [FreshchatEvent::Resolved, FreshchatEvent::DeletedOrSpam] {
            let (group_id, deleted) = match pick {
                GroupPick::Listed(id) => (Some(id), None),
                GroupPick::NoGroup => (None, None),
                GroupPick::Deleted(id) => (Some(id), Some(id)),
            };
            let listed: Vec<ChatGroup> = chat_groups()
                .into_iter()
                .filter(|g| Some(g.id.as_str()) != deleted)
                .collect();
            let mut engine = FreshchatDeriver::new(FreshchatCatalog::new(&listed));
            let contact = engine.contact(&ChatResolution {
                conversation_id: "c-1".into(),
                group_id: group_id.map(str::to_owned),
                group_name: None,
                resolved_at: Utc.with_ymd_and_hms(2026, 3, 1, 10, 15, 0).unwrap(),
                interaction_id: None,
                spam: false,
                deleted: event == FreshchatEvent::DeletedOrSpam,
            });
            let named = name_freshchat_queue(&catalog, pick, event);
            assert_eq!(
                named.name,
                engine.queues().name(contact.queue),
                "{pick:?} {event:?}"
            );
            assert_eq!(named.kind, ContactKind::Chat);
            assert_eq!(named.irrelevant, named.name == UNDEFINED_QUEUE);
            let rule = if named.irrelevant {
                ContactRule::ChatUndefined
            } else {
                ContactRule::ChatResolved
            };
            assert_eq!(named.rule, rule);
        }
    }
}
