//! One test per row of the Freshdesk tables in docs/domain-rules.md.

mod common;

use common::*;
use idesk_rules::*;

// ---- Event table -------------------------------------------------------------------------

#[test]
fn event_ticket_created_is_one_contact_at_created_at() {
    let mut d = deriver();
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    let c = d.ticket_contact(&t);
    assert_eq!(c.id, ContactId::Ticket(1));
    assert_eq!(c.kind, ContactKind::Ticket);
    assert_eq!(c.at, t.created_at);
    assert_eq!(d.queues().name(c.queue), "CustomerService email Tickets");
}

#[test]
fn event_outbound_email_ticket_is_a_contact_too() {
    assert_eq!(
        ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), 10)),
        "CustomerService outbound_email Tickets"
    );
}

#[test]
fn event_incoming_public_conversation_is_one_contact_at_its_created_at() {
    let mut d = deriver();
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    let r = customer_reply(900, 1, 0);
    let c = d
        .reply_contact(Some(&t), &r)
        .expect("a customer reply is a contact");
    assert_eq!(c.id, ContactId::Conversation(900));
    assert_eq!(c.kind, ContactKind::Reply);
    assert_eq!(c.at, r.created_at);
    assert_ne!(c.at, t.created_at);
    assert_eq!(d.queues().name(c.queue), "CustomerService email Replies");
}

#[test]
fn event_agent_reply_is_not_a_contact() {
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    let mut r = customer_reply(900, 1, 0);
    r.incoming = false;
    assert!(!conversation_is_contact(&r));
    assert_eq!(reply_queue(&t, &r), None);
}

#[test]
fn event_private_note_is_not_a_contact_even_if_incoming() {
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    let mut r = customer_reply(900, 1, 2);
    r.private = true;
    assert_eq!(reply_queue(&t, &r), None, "incoming private note");
    r.incoming = false;
    assert_eq!(reply_queue(&t, &r), None, "agent private note");
}

#[test]
fn email_ticket_answered_and_reopened_by_email_gives_two_contacts() {
    // "A ticket created by e-mail, answered by an agent, and reopened two days later by a
    // customer e-mail gives 2 contacts".
    let t = ticket(7, Some(CUSTOMER_SERVICE), 1);
    let mut agent = customer_reply(1, 7, 0);
    agent.incoming = false;
    let reopen = customer_reply(2, 7, 0);
    let mut d = deriver();
    let tickets = [t];
    let conversations = [agent, reopen];
    let names: Vec<String> = d
        .derive_initial(&tickets, &conversations)
        .collect::<Vec<_>>()
        .iter()
        .map(|c| d.queues().name(c.queue).to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "CustomerService email Tickets",
            "CustomerService email Replies"
        ]
    );
}

#[test]
fn replies_of_one_ticket_land_in_the_queue_of_their_own_channel() {
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    assert_eq!(
        reply_queue(&t, &customer_reply(1, 1, 0)).unwrap(),
        "CustomerService email Replies"
    );
    assert_eq!(
        reply_queue(&t, &customer_reply(2, 1, 9)).unwrap(),
        "CustomerService phone Replies"
    );
}

// ---- <group> -----------------------------------------------------------------------------

#[test]
fn group_is_the_group_name() {
    assert_eq!(
        ticket_queue(&ticket(1, Some(6), 2)),
        "Billing portal Tickets"
    );
}

#[test]
fn group_null_is_no_group() {
    assert_eq!(ticket_queue(&ticket(1, None, 1)), "No group email Tickets");
    assert_eq!(
        reply_queue(&ticket(1, None, 1), &customer_reply(2, 1, 0)).unwrap(),
        "No group email Replies"
    );
}

#[test]
fn group_not_in_list_is_group_id() {
    assert_eq!(
        ticket_queue(&ticket(1, Some(4711), 1)),
        "Group 4711 email Tickets"
    );
    assert_eq!(
        reply_queue(&ticket(1, Some(4711), 1), &customer_reply(2, 1, 0)).unwrap(),
        "Group 4711 email Replies"
    );
}

#[test]
fn a_group_deleted_later_gives_group_id_to_new_contacts() {
    let mut d = deriver();
    let before = d.ticket_contact(&ticket(1, Some(6), 1));
    d.remove_group(6);
    let after = d.ticket_contact(&ticket(2, Some(6), 1));
    assert_eq!(d.queues().name(before.queue), "Billing email Tickets");
    assert_eq!(d.queues().name(after.queue), "Group 6 email Tickets");
}

// ---- <source> for tickets: one test per row of the code table ----------------------------

macro_rules! ticket_source_rows {
    ($($name:ident: $code:expr => $key:expr,)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(ticket_source_table_key($code), Some($key));
            assert_eq!(
                ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), $code)),
                format!("CustomerService {} Tickets", $key)
            );
        }
    )*};
}

ticket_source_rows! {
    ticket_source_1_email: 1 => "email",
    ticket_source_2_portal: 2 => "portal",
    ticket_source_3_phone: 3 => "phone",
    ticket_source_4_forum: 4 => "forum",
    ticket_source_5_twitter: 5 => "twitter",
    ticket_source_6_facebook: 6 => "facebook",
    ticket_source_7_chat: 7 => "chat",
    ticket_source_8_mobihelp: 8 => "mobihelp",
    ticket_source_9_feedback_widget: 9 => "feedback_widget",
    ticket_source_10_outbound_email: 10 => "outbound_email",
    ticket_source_11_ecommerce: 11 => "ecommerce",
    ticket_source_12_bot: 12 => "bot",
    ticket_source_13_whatsapp: 13 => "whatsapp",
    ticket_source_15_web_chat: 15 => "web_chat",
}

#[test]
fn ticket_source_table_has_exactly_the_fourteen_documented_codes() {
    let codes: Vec<i64> = TICKET_SOURCE_KEYS.iter().map(|(c, _)| *c).collect();
    assert_eq!(codes, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]);
}

#[test]
fn a_choice_for_a_table_code_does_not_rename_it() {
    // The catalog names code 1 "E-Mail Inbox"; the table key stays.
    assert_eq!(
        ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), 1)),
        "CustomerService email Tickets"
    );
}

#[test]
fn custom_source_keeps_its_name_and_case() {
    assert_eq!(
        ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), 101)),
        "CustomerService Partner Portal Tickets"
    );
}

#[test]
fn custom_source_not_in_ticket_fields_is_source_code() {
    assert_eq!(
        ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), 102)),
        "CustomerService source_102 Tickets"
    );
}

#[test]
fn other_code_named_by_choices_is_lower_cased_with_underscores() {
    assert_eq!(
        ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), 16)),
        "CustomerService web_form Tickets"
    );
    assert_eq!(key_from_choice_name("Web Form"), "web_form");
    assert_eq!(
        source_choice_key(16, "Web Form").as_deref(),
        Some("web_form")
    );
    assert_eq!(
        source_choice_key(101, "Partner Portal").as_deref(),
        Some("Partner Portal")
    );
    assert_eq!(source_choice_key(1, "Email"), None);
}

#[test]
fn code_named_nowhere_is_source_code_and_never_dropped() {
    for code in [0, 14, 22, 100, -3] {
        assert_eq!(
            ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), code)),
            format!("CustomerService source_{code} Tickets")
        );
    }
}

#[test]
fn chat_ticket_lands_in_chat_tickets() {
    assert_eq!(
        ticket_queue(&ticket(1, Some(CUSTOMER_SERVICE), 7)),
        "CustomerService chat Tickets"
    );
}

// ---- <conversation source>: one test per row of the table --------------------------------

macro_rules! conversation_source_rows {
    ($($name:ident: $code:expr => $key:expr,)*) => {$(
        #[test]
        fn $name() {
            let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
            assert_eq!(
                reply_queue(&t, &customer_reply(2, 1, $code)).unwrap(),
                format!("CustomerService {} Replies", $key)
            );
        }
    )*};
}

conversation_source_rows! {
    conversation_source_0_reply_is_email: 0 => "email",
    conversation_source_8_forwarded_is_email: 8 => "email",
    conversation_source_2_incoming_public_note_is_portal: 2 => "portal",
    conversation_source_5_twitter: 5 => "twitter",
    conversation_source_6_survey_is_feedback: 6 => "feedback",
    conversation_source_7_facebook: 7 => "facebook",
    conversation_source_9_phone: 9 => "phone",
    conversation_source_10_mobihelp: 10 => "mobihelp",
    conversation_source_11_ecommerce: 11 => "ecommerce",
    conversation_source_12_ecommerce: 12 => "ecommerce",
    conversation_source_17_whatsapp: 17 => "whatsapp",
    conversation_source_other_1_is_source_code: 1 => "source_1",
    conversation_source_other_3_is_source_code: 3 => "source_3",
    conversation_source_other_13_is_source_code: 13 => "source_13",
    conversation_source_other_99_is_source_code: 99 => "source_99",
}

#[test]
fn reply_source_ignores_ticket_custom_source_names() {
    // Conversation codes have their own table: 16 is not "web_form" for a reply.
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    assert_eq!(
        reply_queue(&t, &customer_reply(2, 1, 16)).unwrap(),
        "CustomerService source_16 Replies"
    );
}

#[test]
fn queue_names_use_email_never_e_mail() {
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    let names = [
        ticket_queue(&t),
        reply_queue(&t, &customer_reply(2, 1, 0)).unwrap(),
    ];
    for name in names {
        assert!(
            name.contains(" email ") && !name.contains("e-mail"),
            "{name}"
        );
    }
}

// ---- Deleted and spam tickets ------------------------------------------------------------

#[test]
fn spam_ticket_and_its_replies_go_to_unknown_group_source() {
    let mut t = ticket(1, Some(CUSTOMER_SERVICE), 7);
    t.spam = true;
    assert_eq!(ticket_queue(&t), "Unknown group/source Tickets");
    assert_eq!(
        reply_queue(&t, &customer_reply(2, 1, 0)).unwrap(),
        "Unknown group/source Replies"
    );
}

#[test]
fn deleted_ticket_and_its_replies_go_to_unknown_group_source() {
    let mut t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    t.deleted = true;
    assert_eq!(ticket_queue(&t), UNKNOWN_GROUP_SOURCE_TICKETS);
    assert_eq!(
        reply_queue(&t, &customer_reply(2, 1, 9)).unwrap(),
        UNKNOWN_GROUP_SOURCE_REPLIES
    );
}

#[test]
fn agent_reply_on_spam_ticket_is_still_not_a_contact() {
    let mut t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    t.spam = true;
    let mut r = customer_reply(2, 1, 0);
    r.incoming = false;
    assert_eq!(reply_queue(&t, &r), None);
}

#[test]
fn reply_whose_ticket_is_unknown_goes_to_unknown_replies() {
    let mut d = deriver();
    let c = d.reply_contact(None, &customer_reply(2, 999, 0)).unwrap();
    assert_eq!(d.queues().name(c.queue), UNKNOWN_GROUP_SOURCE_REPLIES);
}

// ---- No AHT, channel ---------------------------------------------------------------------

#[test]
fn freshdesk_queues_have_no_aht_and_are_cases() {
    let mut d = deriver();
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    let tc = d.ticket_contact(&t);
    let rc = d.reply_contact(Some(&t), &customer_reply(2, 1, 0)).unwrap();
    for c in [tc, rc] {
        let q = d.queues().get(c.queue);
        assert_eq!(q.handle_time, HandleTime::NotAvailable);
        assert_eq!(q.channel, Channel::Cases);
    }
    let json = serde_json::to_string(&FRESHDESK_HANDLE_TIME).unwrap();
    assert_eq!(json, "\"not_available\"");
}

// ---- Initial import ----------------------------------------------------------------------

#[test]
fn initial_import_names_from_state_at_import_time() {
    // The ticket was in Billing when its reply came, but is spam now: all goes to Unknown.
    let mut t = ticket(1, Some(6), 1);
    t.spam = true;
    let tickets = [t];
    let conversations = [customer_reply(2, 1, 0)];
    let mut d = deriver();
    let contacts: Vec<_> = d.derive_initial(&tickets, &conversations).collect();
    let names: Vec<&str> = contacts.iter().map(|c| d.queues().name(c.queue)).collect();
    assert_eq!(
        names,
        [UNKNOWN_GROUP_SOURCE_TICKETS, UNKNOWN_GROUP_SOURCE_REPLIES]
    );
}

#[test]
fn initial_import_counts_a_ticket_listed_twice_once_with_its_latest_state() {
    let old = ticket(1, Some(6), 1);
    let mut new = ticket(1, Some(CUSTOMER_SERVICE), 1);
    new.updated_at = old.updated_at + chrono::Duration::hours(1);
    for tickets in [[old.clone(), new.clone()], [new.clone(), old.clone()]] {
        let mut d = deriver();
        let contacts: Vec<_> = d.derive_initial(&tickets, &[]).collect();
        assert_eq!(contacts.len(), 1);
        assert_eq!(
            d.queues().name(contacts[0].queue),
            "CustomerService email Tickets"
        );
    }
}

// ---- Continuous stage --------------------------------------------------------------------

#[test]
fn continuous_a_contact_keeps_its_first_name_after_a_group_change() {
    let mut d = deriver();
    let mut ledger = NameLedger::new();
    let mut t = ticket(1, Some(6), 1);
    let first = ledger.settle(d.ticket_contact(&t));
    assert!(first.is_new());
    t.group_id = Some(CUSTOMER_SERVICE);
    let again = ledger.settle(d.ticket_contact(&t));
    assert!(!again.is_new());
    assert_eq!(
        d.queues().name(again.contact().queue),
        "Billing email Tickets"
    );
    // A reply seen after the change is named from the new state.
    let reply = ledger.settle(d.reply_contact(Some(&t), &customer_reply(2, 1, 0)).unwrap());
    assert!(reply.is_new());
    assert_eq!(
        d.queues().name(reply.contact().queue),
        "CustomerService email Replies"
    );
    assert_eq!(ledger.len(), 2);
}

#[test]
fn continuous_ticket_first_seen_as_spam_counts_in_unknown_tickets() {
    let mut d = deriver();
    let mut ledger = NameLedger::new();
    let mut t = ticket(1, Some(6), 1);
    t.spam = true;
    let s = ledger.settle(d.ticket_contact(&t));
    assert_eq!(
        d.queues().name(s.contact().queue),
        UNKNOWN_GROUP_SOURCE_TICKETS
    );
}

#[test]
fn continuous_reply_after_spam_goes_to_unknown_replies_earlier_ones_stay() {
    let mut d = deriver();
    let mut ledger = NameLedger::new();
    let mut t = ticket(1, Some(6), 1);
    ledger.settle(d.ticket_contact(&t));
    let early = ledger.settle(d.reply_contact(Some(&t), &customer_reply(2, 1, 0)).unwrap());
    t.spam = true;
    // Re-seen after the spam mark: keeps its name.
    let early_again = ledger.settle(d.reply_contact(Some(&t), &customer_reply(2, 1, 0)).unwrap());
    let late = ledger.settle(d.reply_contact(Some(&t), &customer_reply(3, 1, 0)).unwrap());
    assert_eq!(
        d.queues().name(early.contact().queue),
        "Billing email Replies"
    );
    assert!(!early_again.is_new());
    assert_eq!(
        d.queues().name(early_again.contact().queue),
        "Billing email Replies"
    );
    assert!(late.is_new());
    assert_eq!(
        d.queues().name(late.contact().queue),
        UNKNOWN_GROUP_SOURCE_REPLIES
    );
}

#[test]
fn repeated_backfill_keeps_names_and_counts() {
    let tickets = [ticket(1, Some(6), 1), ticket(2, None, 3)];
    let conversations = [customer_reply(10, 1, 0), customer_reply(11, 2, 9)];
    let mut d = deriver();
    let mut ledger = NameLedger::new();
    let first: usize = d
        .derive_initial(&tickets, &conversations)
        .collect::<Vec<_>>()
        .into_iter()
        .filter(|c| ledger.settle(c.clone()).is_new())
        .count();
    assert_eq!(first, 4);
    // The group is renamed and the range is imported again: nothing new, names unchanged.
    d.set_group(&Group {
        id: 6,
        name: "Accounts".into(),
    });
    let again: Vec<Settled> = d
        .derive_initial(&tickets, &conversations)
        .collect::<Vec<_>>()
        .into_iter()
        .map(|c| ledger.settle(c))
        .collect();
    assert!(again.iter().all(|s| !s.is_new()));
    assert_eq!(
        d.queues().name(again[0].contact().queue),
        "Billing email Tickets"
    );
    assert!(keeps_first_name(ImportStage::Initial) && keeps_first_name(ImportStage::Continuous));
}

// ---- Backfill window ---------------------------------------------------------------------

#[test]
fn backfill_window_takes_contacts_by_their_own_timestamp() {
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1); // created 2026-03-02 09:00
    let r = customer_reply(2, 1, 0); // 2026-03-04 11:30
    let window = BackfillWindow {
        start: at(2026, 3, 3, 0, 0),
        end: at(2026, 3, 10, 0, 0),
    };
    let mut d = deriver();
    let tickets = [t];
    let conversations = [r];
    let kept: Vec<Contact> = d
        .derive_initial(&tickets, &conversations)
        .filter(|c| window.admits(c))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].id, ContactId::Conversation(2));
    assert_eq!(window.tickets_updated_since(), window.start);
    assert!(!window.contains(window.end));
}
