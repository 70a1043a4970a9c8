//! One test per row of the Freshdesk tables in docs/domain-rules.md: deleted and spam tickets, no
//! AHT, the initial and continuous stages, the backfill window.

mod common;

use common::*;
use idesk_rules::*;

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
