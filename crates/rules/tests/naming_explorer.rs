//! The queue-naming explorer against the engine: for every ticket source × kind and every
//! conversation source × reply (custom, later-default and unknown codes included), with a
//! group, no group and a deleted group, the explorer's name is the one the engine gives an
//! equivalent ticket or conversation of an account snapshot whose groups list lacks the deleted
//! group. Plus the worked examples of docs/domain-rules.md with their rules and decisions.

use chrono::{TimeZone, Utc};
use idesk_rules::*;
use proptest::prelude::*;

const LISTED: u64 = 5;
const LISTED_TO_DELETE: u64 = 6;
const NEVER_LISTED: u64 = 99;

fn groups() -> Vec<Group> {
    [(LISTED, "CustomerService"), (LISTED_TO_DELETE, "Sales")]
        .into_iter()
        .map(|(id, name)| Group {
            id,
            name: name.into(),
        })
        .collect()
}

fn choices() -> Vec<TicketSourceChoice> {
    [
        (1, "Email"), // the fixed table wins
        (14, ""),     // an empty name names nothing
        (16, "Web Form"),
        (101, "Partner Portal"),
        (102, "Reseller Hotline"),
    ]
    .into_iter()
    .map(|(code, name)| TicketSourceChoice {
        code,
        name: name.into(),
    })
    .collect()
}

fn group_picks() -> [GroupPick<u64>; 4] {
    [
        GroupPick::Listed(LISTED),
        GroupPick::NoGroup,
        GroupPick::Deleted(LISTED_TO_DELETE),
        GroupPick::Deleted(NEVER_LISTED),
    ]
}

/// Codes no table and no choice names, and odd ones.
const UNKNOWN_CODES: [i64; 9] = [-1, 0, 14, 23, 42, 100, 103, 999, i64::MAX];

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

const CHAT_LISTED: &str = "g-support";
const CHAT_TO_DELETE: &str = "g-sales";

fn chat_groups() -> Vec<ChatGroup> {
    [(CHAT_LISTED, "Customer Support"), (CHAT_TO_DELETE, "Sales")]
        .into_iter()
        .map(|(id, name)| ChatGroup {
            id: id.into(),
            name: name.into(),
        })
        .collect()
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

fn fd(
    pick: GroupPick<u64>,
    event: FreshdeskEvent,
) -> (String, ContactRule, Vec<&'static str>, bool) {
    let catalog = FreshdeskCatalog::new(&groups(), &choices());
    let n = name_freshdesk_queue(&catalog, pick, event);
    (n.name, n.rule, n.decisions, n.irrelevant)
}

fn owned(
    name: &str,
    rule: ContactRule,
    decisions: &[&'static str],
    irrelevant: bool,
) -> (String, ContactRule, Vec<&'static str>, bool) {
    (name.to_owned(), rule, decisions.to_vec(), irrelevant)
}

#[test]
fn the_worked_examples_with_their_rules_and_decisions() {
    use FreshdeskEvent::*;
    let cs = GroupPick::Listed(LISTED);
    let sales = GroupPick::Listed(LISTED_TO_DELETE);
    // 1 and 2 of docs/domain-rules.md.
    assert_eq!(
        fd(cs, NewTicket { source: 7 }),
        owned(
            "CustomerService chat Tickets",
            ContactRule::NewTicket,
            &[],
            false
        )
    );
    assert_eq!(
        fd(cs, Reply { source: 0 }),
        owned(
            "CustomerService email Replies",
            ContactRule::IncomingConversation,
            &[],
            false
        )
    );
    // 3: a spam ticket and its customers' replies.
    assert_eq!(
        fd(cs, SpamOrDeletedTicket),
        owned(
            UNKNOWN_GROUP_SOURCE_TICKETS,
            ContactRule::SpamOrDeletedTicket,
            &["initial_stage_spam"],
            true
        )
    );
    assert_eq!(
        fd(cs, SpamOrDeletedReply),
        owned(
            UNKNOWN_GROUP_SOURCE_REPLIES,
            ContactRule::SpamOrDeletedReply,
            &["initial_stage_spam"],
            true
        )
    );
    // The further examples.
    assert_eq!(
        fd(cs, NewTicket { source: 1 }).0,
        "CustomerService email Tickets"
    );
    assert_eq!(
        fd(GroupPick::NoGroup, NewTicket { source: 3 }),
        owned(
            "No group phone Tickets",
            ContactRule::NewTicket,
            &["no_group"],
            false
        )
    );
    assert_eq!(
        fd(GroupPick::Deleted(17), NewTicket { source: 3 }),
        owned(
            "Group 17 phone Tickets",
            ContactRule::NewTicket,
            &["deleted_group"],
            false
        )
    );
    assert_eq!(
        fd(sales, NewTicket { source: 101 }),
        owned(
            "Sales Partner Portal Tickets",
            ContactRule::NewTicket,
            &["custom_source_case"],
            false
        )
    );
    assert_eq!(
        fd(sales, NewTicket { source: 16 }),
        owned(
            "Sales web_form Tickets",
            ContactRule::NewTicket,
            &["later_default_sources"],
            false
        )
    );
    assert_eq!(
        fd(sales, NewTicket { source: 42 }),
        owned(
            "Sales source_42 Tickets",
            ContactRule::NewTicket,
            &["unnamed_source"],
            false
        )
    );
    assert_eq!(
        fd(sales, Reply { source: 2 }),
        owned(
            "Sales portal Replies",
            ContactRule::IncomingConversation,
            &["portal_note_reply"],
            false
        )
    );
    assert_eq!(
        fd(GroupPick::Deleted(9), Reply { source: 6 }),
        owned(
            "Group 9 feedback Replies",
            ContactRule::IncomingConversation,
            &["deleted_group", "survey_feedback"],
            false
        )
    );
    assert_eq!(
        fd(cs, Reply { source: 55 }).2,
        ["unnamed_conversation_source"]
    );
    // 4: Freshchat.
    let chat = FreshchatCatalog::new(&chat_groups());
    let resolved = name_freshchat_queue(
        &chat,
        GroupPick::Listed(CHAT_LISTED),
        FreshchatEvent::Resolved,
    );
    assert_eq!(
        (
            resolved.name.as_str(),
            resolved.rule,
            resolved.decisions.len(),
            resolved.irrelevant
        ),
        ("Customer Support", ContactRule::ChatResolved, 0, false)
    );
    let deleted_chat = name_freshchat_queue(
        &chat,
        GroupPick::Listed(CHAT_LISTED),
        FreshchatEvent::DeletedOrSpam,
    );
    assert_eq!(
        (
            deleted_chat.name.as_str(),
            deleted_chat.rule,
            deleted_chat.irrelevant
        ),
        (UNDEFINED_QUEUE, ContactRule::ChatUndefined, true)
    );
    let no_group = name_freshchat_queue(&chat, GroupPick::NoGroup, FreshchatEvent::Resolved);
    assert_eq!(
        (no_group.name.as_str(), no_group.decisions),
        (UNDEFINED_QUEUE, vec!["chat_undefined_queue"])
    );
    let gone = name_freshchat_queue(
        &chat,
        GroupPick::Deleted(CHAT_TO_DELETE),
        FreshchatEvent::Resolved,
    );
    assert_eq!(
        (gone.name.as_str(), gone.decisions),
        (
            UNDEFINED_QUEUE,
            vec!["chat_group_order", "chat_undefined_queue"]
        )
    );
}

#[test]
fn the_source_lists_hold_every_default_and_the_accounts_own() {
    let catalog = FreshdeskCatalog::new(&groups(), &choices());
    let options = ticket_source_options(&catalog);
    let key = |code: i64| {
        options
            .iter()
            .find(|o| o.code == code)
            .map(|o| (o.key.as_str(), o.custom))
    };
    for (code, table_key) in TICKET_SOURCE_KEYS {
        assert_eq!(key(*code), Some((*table_key, false)), "{code}");
    }
    assert_eq!(key(16), Some(("web_form", false)));
    assert_eq!(key(101), Some(("Partner Portal", true)));
    assert_eq!(key(102), Some(("Reseller Hotline", true)));
    assert_eq!(key(14), None, "an empty choice names nothing");
    assert_eq!(
        options.len(),
        TICKET_SOURCE_KEYS.len() + 3,
        "each code once"
    );
    assert!(options.windows(2).all(|w| w[0].code < w[1].code));
    // With no account data: the defaults only.
    assert_eq!(
        ticket_source_options(&FreshdeskCatalog::default()).len(),
        TICKET_SOURCE_KEYS.len()
    );
    let conversation = conversation_source_options();
    assert_eq!(
        conversation
            .iter()
            .map(|o| (o.code, o.key.as_str()))
            .collect::<Vec<_>>(),
        CONVERSATION_SOURCE_KEYS.to_vec()
    );
}

#[test]
fn contact_rules_have_the_contract_ids() {
    for (rule, id) in [
        (ContactRule::NewTicket, "new_ticket"),
        (ContactRule::IncomingConversation, "incoming_conversation"),
        (ContactRule::SpamOrDeletedTicket, "spam_or_deleted_ticket"),
        (ContactRule::SpamOrDeletedReply, "spam_or_deleted_reply"),
        (ContactRule::ChatResolved, "chat_resolved"),
        (ContactRule::ChatUndefined, "chat_undefined"),
    ] {
        assert_eq!(rule.as_str(), id);
        assert_eq!(serde_json::to_value(rule).unwrap(), id);
    }
}
