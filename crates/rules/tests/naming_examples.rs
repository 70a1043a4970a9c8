//! The queue-naming explorer on the worked examples of docs/domain-rules.md (with the rule and
//! decisions of each), the sources it offers, and the contract's rule ids.

mod naming;

use idesk_rules::*;
use naming::*;

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
