//! Reconcile per ticket (`explain_ticket`): the worked examples as timelines, and each decision
//! it names read off the inputs.

mod common;

use common::*;
use idesk_rules::*;

fn sales_catalog() -> FreshdeskCatalog {
    FreshdeskCatalog::new(
        &[
            Group {
                id: CUSTOMER_SERVICE,
                name: "CustomerService".into(),
            },
            Group {
                id: 9,
                name: "Sales".into(),
            },
        ],
        &[
            TicketSourceChoice {
                code: 101,
                name: "Partner Portal".into(),
            },
            TicketSourceChoice {
                code: 16,
                name: "Web Form".into(),
            },
        ],
    )
}

fn conversation(id: u64, incoming: bool, private: bool, source: i64, day: u32) -> Conversation {
    Conversation {
        id,
        ticket_id: 1,
        incoming,
        private,
        source,
        created_at: at(2026, 3, day, 11, 30),
    }
}

fn counted(entry: &ExplainedEntry) -> &CountedEntry {
    match &entry.outcome {
        EntryOutcome::Counted(c) => c,
        other => panic!("not counted: {other:?}"),
    }
}

fn why(entry: &ExplainedEntry) -> NotCountedWhy {
    match &entry.outcome {
        EntryOutcome::NotCounted(w) => *w,
        other => panic!("counted: {other:?}"),
    }
}

fn explain(t: &Ticket, conversations: &[Conversation]) -> TicketExplanation {
    explain_ticket(
        &sales_catalog(),
        t,
        conversations,
        &ExplainContext::default(),
    )
}

/// The ticket's contact alone: (queue, rule, decisions).
fn ticket_entry(t: &Ticket) -> (String, ContactRule, Vec<&'static str>) {
    let e = explain(t, &[]);
    let c = counted(&e.entries[0]);
    (c.queue.clone(), c.rule, c.decisions.clone())
}

#[test]
fn email_ticket_agent_reply_and_customer_reply_are_two_contacts_in_two_queues() {
    // docs/domain-rules.md: e-mail, an agent's reply, the customer's e-mail two days later.
    let t = ticket(1, Some(CUSTOMER_SERVICE), 1);
    let customer = conversation(3, true, false, 0, 4);
    let agent = conversation(2, false, false, 0, 2);
    let e = explain(&t, &[customer.clone(), agent.clone()]);
    assert_eq!(e.group, "CustomerService");
    assert_eq!(e.source, "email");
    assert_eq!(e.entries.len(), 3);
    let first = counted(&e.entries[0]);
    assert_eq!(e.entries[0].conversation, None);
    assert_eq!(e.entries[0].at, t.created_at);
    assert_eq!(first.queue, "CustomerService email Tickets");
    assert_eq!(first.rule, ContactRule::NewTicket);
    assert_eq!(first.kind, ContactKind::Ticket);
    assert!(first.decisions.is_empty());
    // Oldest first: the agent's reply, then the customer's.
    assert_eq!(e.entries[1].conversation, Some(2));
    assert_eq!(why(&e.entries[1]), NotCountedWhy::AgentReply);
    assert_eq!(e.entries[2].conversation, Some(3));
    assert_eq!(e.entries[2].incoming, Some(true));
    let reply = counted(&e.entries[2]);
    assert_eq!(reply.queue, "CustomerService email Replies");
    assert_eq!(reply.rule, ContactRule::IncomingConversation);
    assert_eq!(reply.kind, ContactKind::Reply);
}

#[test]
fn the_names_are_the_engines() {
    let t = ticket(1, Some(9), 7);
    let list = [
        conversation(2, true, false, 2, 3),
        conversation(3, true, false, 9, 4),
        conversation(4, true, true, 0, 5),
    ];
    let mut deriver = FreshdeskDeriver::new(sales_catalog());
    let engine: Vec<String> = deriver
        .derive_initial(std::slice::from_ref(&t), &list)
        .collect::<Vec<_>>()
        .iter()
        .map(|c| c.named(deriver.queues()).queue)
        .collect();
    let e = explain(&t, &list);
    let explained: Vec<String> = e
        .entries
        .iter()
        .filter_map(|x| match &x.outcome {
            EntryOutcome::Counted(c) => Some(c.queue.clone()),
            EntryOutcome::NotCounted(_) => None,
        })
        .collect();
    assert_eq!(explained, engine);
    assert_eq!(
        explained,
        [
            "Sales chat Tickets",
            "Sales portal Replies",
            "Sales phone Replies"
        ]
    );
}

#[test]
fn a_spam_ticket_sends_every_contact_to_unknown_group_source() {
    let mut t = ticket(1, Some(CUSTOMER_SERVICE), 7);
    t.spam = true;
    let e = explain(&t, &[conversation(2, true, false, 0, 3)]);
    let (ticket_c, reply_c) = (counted(&e.entries[0]), counted(&e.entries[1]));
    assert_eq!(ticket_c.queue, "Unknown group/source Tickets");
    assert_eq!(ticket_c.rule, ContactRule::SpamOrDeletedTicket);
    assert_eq!(ticket_c.decisions, ["initial_stage_spam"]);
    assert_eq!(reply_c.queue, "Unknown group/source Replies");
    assert_eq!(reply_c.rule, ContactRule::SpamOrDeletedReply);
    assert_eq!(reply_c.decisions, ["initial_stage_spam"]);
    // The labels still say what the ticket holds.
    assert_eq!(
        (e.group.as_str(), e.source.as_str()),
        ("CustomerService", "chat")
    );

    let mut deleted = ticket(1, None, 1);
    deleted.deleted = true;
    let (queue, rule, decisions) = ticket_entry(&deleted);
    assert_eq!(queue, "Unknown group/source Tickets");
    assert_eq!(rule, ContactRule::SpamOrDeletedTicket);
    assert_eq!(decisions, ["initial_stage_spam"]);
}

#[test]
fn group_decisions_no_group_and_deleted_group() {
    let (queue, _, decisions) = ticket_entry(&ticket(1, None, 3));
    assert_eq!(queue, "No group phone Tickets");
    assert_eq!(decisions, ["no_group"]);
    let (queue, _, decisions) = ticket_entry(&ticket(1, Some(17), 3));
    assert_eq!(queue, "Group 17 phone Tickets");
    assert_eq!(decisions, ["deleted_group"]);
}

#[test]
fn ticket_source_decisions_custom_later_default_and_unnamed() {
    let cases = [
        (101, "Sales Partner Portal Tickets", "custom_source_case"),
        (16, "Sales web_form Tickets", "later_default_sources"),
        (42, "Sales source_42 Tickets", "unnamed_source"),
        (150, "Sales source_150 Tickets", "unnamed_source"),
    ];
    for (source, name, decision) in cases {
        let (queue, rule, decisions) = ticket_entry(&ticket(1, Some(9), source));
        assert_eq!(queue, name);
        assert_eq!(rule, ContactRule::NewTicket);
        assert_eq!(decisions, [decision], "source {source}");
    }
    let e = explain(&ticket(1, Some(9), 101), &[]);
    assert_eq!(e.source, "Partner Portal");
}

#[test]
fn conversation_source_decisions() {
    let cases: [(i64, &str, Option<&str>); 9] = [
        (0, "Sales email Replies", None),
        (2, "Sales portal Replies", Some("portal_note_reply")),
        (6, "Sales feedback Replies", Some("survey_feedback")),
        (10, "Sales mobihelp Replies", Some("server_only_codes")),
        (17, "Sales whatsapp Replies", Some("server_only_codes")),
        (11, "Sales ecommerce Replies", Some("ecommerce_codes")),
        (12, "Sales ecommerce Replies", Some("ecommerce_codes")),
        (
            13,
            "Sales source_13 Replies",
            Some("unnamed_conversation_source"),
        ),
        (9, "Sales phone Replies", None),
    ];
    for (source, name, decision) in cases {
        let e = explain(
            &ticket(1, Some(9), 1),
            &[conversation(2, true, false, source, 3)],
        );
        let c = counted(&e.entries[1]);
        assert_eq!(c.queue, name);
        assert_eq!(
            c.decisions,
            decision.into_iter().collect::<Vec<_>>(),
            "{source}"
        );
    }
    // A reply in no group: the group's decision comes first, as in the decision list.
    let e = explain(&ticket(1, None, 1), &[conversation(2, true, false, 2, 3)]);
    assert_eq!(
        counted(&e.entries[1]).decisions,
        ["no_group", "portal_note_reply"]
    );
}

#[test]
fn private_notes_do_not_count_even_incoming_and_agent_replies_do_not_count() {
    let t = ticket(1, Some(9), 1);
    let e = explain(
        &t,
        &[
            conversation(2, true, true, 2, 3),
            conversation(3, false, true, 2, 4),
            conversation(4, false, false, 0, 5),
        ],
    );
    assert_eq!(why(&e.entries[1]), NotCountedWhy::PrivateNote);
    assert_eq!(why(&e.entries[2]), NotCountedWhy::PrivateNote);
    assert_eq!(why(&e.entries[3]), NotCountedWhy::AgentReply);
    assert_eq!(e.entries[1].private, Some(true));
}

#[test]
fn a_stored_name_stands_and_says_first_name_kept() {
    // Counted while in CustomerService, since moved to Sales: the first names stand.
    let t = ticket(1, Some(9), 1);
    let reply = conversation(2, true, false, 0, 3);
    let mut context = ExplainContext::default();
    context.stored.insert(
        ContactId::Ticket(1),
        "CustomerService email Tickets".to_string(),
    );
    context.stored.insert(
        ContactId::Conversation(2),
        "Sales email Replies".to_string(),
    );
    let e = explain_ticket(&sales_catalog(), &t, &[reply], &context);
    let (ticket_c, reply_c) = (counted(&e.entries[0]), counted(&e.entries[1]));
    assert_eq!(ticket_c.queue, "CustomerService email Tickets");
    assert_eq!(ticket_c.decisions, ["first_name_kept"]);
    assert!(ticket_c.stored);
    // The same name as now: stored, and nothing kept it.
    assert_eq!(reply_c.queue, "Sales email Replies");
    assert!(reply_c.stored && reply_c.decisions.is_empty());

    // A reply counted before its ticket became spam keeps its named queue; one named while
    // spam keeps `Unknown ...` after the ticket is restored.
    let mut spam = t.clone();
    spam.spam = true;
    let e = explain_ticket(
        &sales_catalog(),
        &spam,
        &[conversation(2, true, false, 0, 3)],
        &context,
    );
    let c = counted(&e.entries[1]);
    assert_eq!(c.queue, "Sales email Replies");
    assert_eq!(c.rule, ContactRule::IncomingConversation);
    assert_eq!(c.decisions, ["first_name_kept"]);
    context.stored.insert(
        ContactId::Ticket(1),
        "Unknown group/source Tickets".to_string(),
    );
    let e = explain_ticket(&sales_catalog(), &t, &[], &context);
    let c = counted(&e.entries[0]);
    assert_eq!(c.rule, ContactRule::SpamOrDeletedTicket);
    assert_eq!(c.decisions, ["initial_stage_spam", "first_name_kept"]);
}

#[test]
fn a_reply_inside_the_window_of_a_ticket_created_before_it_names_backfill_window() {
    let t = ticket(1, Some(9), 1); // created 2026-03-02
    let inside = conversation(2, true, false, 0, 4);
    let context = ExplainContext {
        window_start: Some(at(2026, 3, 3, 0, 0)),
        ..ExplainContext::default()
    };
    let e = explain_ticket(
        &sales_catalog(),
        &t,
        std::slice::from_ref(&inside),
        &context,
    );
    assert!(counted(&e.entries[0]).decisions.is_empty());
    assert_eq!(counted(&e.entries[1]).decisions, ["backfill_window"]);
    // A window that holds the ticket's creation too: nothing to explain.
    let context = ExplainContext {
        window_start: Some(at(2026, 3, 1, 0, 0)),
        ..ExplainContext::default()
    };
    let e = explain_ticket(&sales_catalog(), &t, &[inside], &context);
    assert!(counted(&e.entries[1]).decisions.is_empty());
}

#[test]
fn conversations_come_oldest_first_and_ids_break_ties() {
    let t = ticket(1, Some(9), 1);
    let e = explain(
        &t,
        &[
            conversation(9, true, false, 0, 5),
            conversation(8, true, false, 0, 3),
            conversation(7, false, false, 0, 5),
        ],
    );
    let order: Vec<Option<u64>> = e.entries.iter().map(|x| x.conversation).collect();
    assert_eq!(order, [None, Some(8), Some(7), Some(9)]);
}

#[test]
fn every_decision_named_is_in_the_decision_list() {
    let named = [
        "no_group",
        "deleted_group",
        "custom_source_case",
        "later_default_sources",
        "unnamed_source",
        "portal_note_reply",
        "survey_feedback",
        "server_only_codes",
        "ecommerce_codes",
        "unnamed_conversation_source",
        "initial_stage_spam",
        "first_name_kept",
        "backfill_window",
    ];
    for id in named {
        assert!(DECISIONS.iter().any(|d| d.id == id), "{id}");
    }
    assert_eq!(
        serde_json::to_value(ContactRule::SpamOrDeletedReply).unwrap(),
        ContactRule::SpamOrDeletedReply.as_str()
    );
    assert_eq!(
        serde_json::to_value(NotCountedWhy::PrivateNote).unwrap(),
        "private_note"
    );
}

#[test]
fn not_counted_why_is_none_for_a_contact() {
    let customer = conversation(2, true, false, 0, 3);
    assert_eq!(not_counted_why(&customer), None);
    let note = conversation(3, true, true, 2, 3);
    assert_eq!(not_counted_why(&note), Some(NotCountedWhy::PrivateNote));
    let agent = conversation(4, false, false, 0, 3);
    assert_eq!(not_counted_why(&agent), Some(NotCountedWhy::AgentReply));
}
