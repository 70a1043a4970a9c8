//! One test per row of the Freshdesk tables in docs/domain-rules.md: events, <group>, <source>,
//! <conversation source>. Deleted and spam tickets, the stages and the backfill window are in
//! `freshdesk_stages.rs`.

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
