//! Property tests over generated help desks.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use idesk_rules::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn base() -> DateTime<Utc> {
    // Ten days around Europe's spring change (2026-03-29) and before New York's autumn one is
    // not needed: the zones below include changes of their own in other tests.
    Utc.with_ymd_and_hms(2026, 3, 25, 0, 0, 0).unwrap()
}

const SPAN_SECONDS: i64 = 10 * 86_400;

fn group_strategy() -> impl Strategy<Value = Vec<Group>> {
    prop::collection::btree_map(
        1u64..7,
        prop::sample::select(vec!["Support", "Billing", "Sales", "Team A", "Support"]),
        0..5,
    )
    .prop_map(|m| {
        m.into_iter()
            .map(|(id, name)| Group {
                id,
                name: name.into(),
            })
            .collect()
    })
}

fn choices_strategy() -> impl Strategy<Value = Vec<TicketSourceChoice>> {
    prop::sample::subsequence(
        vec![
            (16, "Web Form"),
            (101, "Partner Portal"),
            (102, "VIP line"),
            (14, "Internal Task"),
            (1, "Email"),
        ],
        0..5,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(code, name)| TicketSourceChoice {
                code,
                name: name.into(),
            })
            .collect()
    })
}

fn ticket_strategy() -> impl Strategy<Value = (Option<u64>, i64, bool, bool, i64, i64)> {
    (
        prop::option::weighted(0.9, 1u64..9),
        prop::sample::select(vec![
            1i64, 2, 3, 7, 9, 10, 13, 14, 15, 16, 101, 102, 103, 0, 42,
        ]),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.05),
        0..SPAN_SECONDS,
        0..86_400i64,
    )
}

fn conversation_strategy() -> impl Strategy<Value = (usize, bool, bool, i64, i64)> {
    (
        any::<usize>(),
        any::<bool>(),
        prop::bool::weighted(0.2),
        -1i64..20,
        0..SPAN_SECONDS,
    )
}

prop_compose! {
    fn helpdesk()(
        groups in group_strategy(),
        source_choices in choices_strategy(),
        raw_tickets in prop::collection::vec(ticket_strategy(), 1..40),
        raw_conversations in prop::collection::vec(conversation_strategy(), 0..120),
    ) -> FreshdeskSnapshot {
        let tickets: Vec<Ticket> = raw_tickets
            .into_iter()
            .enumerate()
            .map(|(i, (group_id, source, spam, deleted, created, updated))| Ticket {
                id: i as u64 + 1,
                group_id,
                source,
                spam,
                deleted,
                created_at: base() + Duration::seconds(created),
                updated_at: base() + Duration::seconds(created + updated),
            })
            .collect();
        let n = tickets.len();
        let conversations = raw_conversations
            .into_iter()
            .enumerate()
            .map(|(i, (ticket, incoming, private, source, created))| Conversation {
                id: 1_000 + i as u64,
                // Mostly existing tickets, sometimes one that was not listed.
                ticket_id: (ticket % (n + 2)) as u64 + 1,
                incoming,
                private,
                source,
                created_at: base() + Duration::seconds(created),
            })
            .collect();
        FreshdeskSnapshot { groups, source_choices, tickets, conversations }
    }
}

fn named_contacts(
    desk: &FreshdeskSnapshot,
    tickets: &[Ticket],
    conversations: &[Conversation],
) -> Vec<NamedContact> {
    let mut d = desk.deriver();
    let contacts: Vec<Contact> = d.derive_initial(tickets, conversations).collect();
    let mut named: Vec<NamedContact> = contacts.iter().map(|c| c.named(d.queues())).collect();
    named.sort();
    named
}

fn zones() -> impl Strategy<Value = Tz> {
    prop::sample::select(vec![
        chrono_tz::Europe::Berlin,
        chrono_tz::America::New_York,
        chrono_tz::Asia::Kolkata,
        chrono_tz::Asia::Kathmandu,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::UTC,
    ])
}

fn lengths() -> impl Strategy<Value = IntervalLength> {
    prop::sample::select(vec![
        IntervalLength::Minutes15,
        IntervalLength::Minutes30,
        IntervalLength::Minutes60,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn contacts_are_tickets_plus_incoming_public_conversations(desk in helpdesk()) {
        let mut d = desk.deriver();
        let contacts: Vec<Contact> = d.derive_initial(&desk.tickets, &desk.conversations).collect();
        let incoming_public = desk.conversations.iter().filter(|c| c.incoming && !c.private).count();
        prop_assert_eq!(contacts.len(), desk.tickets.len() + incoming_public);
        prop_assert_eq!(contacts.iter().filter(|c| c.kind == ContactKind::Ticket).count(), desk.tickets.len());
        // Every contact lands in a Tickets or Replies queue matching its kind.
        for c in &contacts {
            let name = d.queues().name(c.queue);
            match c.kind {
                ContactKind::Ticket => prop_assert!(name.ends_with(" Tickets"), "{}", name),
                ContactKind::Reply => prop_assert!(name.ends_with(" Replies"), "{}", name),
                ContactKind::Chat => prop_assert!(false, "no chats from Freshdesk"),
            }
        }
    }

    #[test]
    fn deriving_twice_gives_identical_contacts(desk in helpdesk()) {
        prop_assert_eq!(
            named_contacts(&desk, &desk.tickets, &desk.conversations),
            named_contacts(&desk, &desk.tickets, &desk.conversations)
        );
    }

    #[test]
    fn input_order_does_not_change_contacts(
        desk in helpdesk(),
        ticket_order in Just(()).prop_perturb(|_, mut rng| rng.next_u64()),
    ) {
        let mut tickets = desk.tickets.clone();
        let mut conversations = desk.conversations.clone();
        // A ticket listed twice with an older state must not change the outcome either.
        if let Some(first) = tickets.first().cloned() {
            let mut stale = first;
            stale.updated_at -= Duration::days(30);
            stale.group_id = Some(999);
            tickets.push(stale);
        }
        let k = ticket_order as usize;
        let n = tickets.len();
        tickets.rotate_left(k % n);
        tickets.reverse();
        if !conversations.is_empty() {
            let len = conversations.len();
            conversations.rotate_left((k / 7) % len);
            conversations.reverse();
        }
        prop_assert_eq!(
            named_contacts(&desk, &desk.tickets, &desk.conversations),
            named_contacts(&desk, &tickets, &conversations)
        );
    }

    #[test]
    fn summing_intervals_gives_the_totals(desk in helpdesk(), zone in zones(), length in lengths()) {
        let mut d = desk.deriver();
        let grid = IntervalGrid::new(zone, length);
        let mut counts = Aggregator::new(grid);
        let mut per_queue: BTreeMap<QueueId, u64> = BTreeMap::new();
        let mut total = 0u64;
        for c in d.derive_initial(&desk.tickets, &desk.conversations) {
            *per_queue.entry(c.queue).or_default() += 1;
            total += 1;
            counts.add_contact(&c);
        }
        let cells = counts.cells();
        prop_assert_eq!(cells.iter().map(|(_, _, n)| n).sum::<u64>(), total);
        for (queue, n) in &per_queue {
            prop_assert_eq!(counts.queue_total(*queue), *n);
        }
        // Every cell starts an interval of the grid.
        for (_, start, _) in &cells {
            prop_assert_eq!(grid.interval_of(*start).start, *start);
        }
        // The report over the whole span says the same.
        let queues = d.into_queues();
        let report = QueueReport::build(
            &counts, &queues, &Coverage::new(), base() - Duration::days(1), base() + Duration::days(12),
        );
        prop_assert_eq!(report.queues.iter().map(|q| q.total).sum::<u64>(), total);
        for q in &report.queues {
            prop_assert_eq!(q.total, q.intervals.iter().map(|i| i.count).sum::<u64>());
        }
    }

    #[test]
    fn importing_twice_never_changes_a_count(desk in helpdesk()) {
        let mut d = desk.deriver();
        let mut ledger = NameLedger::new();
        let first: Vec<Contact> = d.derive_initial(&desk.tickets, &desk.conversations).collect();
        let new_first = first.into_iter().filter(|c| ledger.settle(c.clone()).is_new()).count();
        let again: Vec<Contact> = d.derive_initial(&desk.tickets, &desk.conversations).collect();
        let new_again = again.into_iter().filter(|c| ledger.settle(c.clone()).is_new()).count();
        prop_assert_eq!(new_again, 0);
        prop_assert_eq!(new_first, ledger.len());
    }

    #[test]
    fn continuous_replay_of_the_same_observations_gives_the_same_contacts(
        desk in helpdesk(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u64..9, any::<bool>()), 0..10),
    ) {
        // Observations: tickets and their replies as they come, with group changes and spam
        // marks in between.
        let replay = || {
            let mut d = desk.deriver();
            let mut ledger = NameLedger::new();
            let mut tickets = desk.tickets.clone();
            let mut seen = Vec::new();
            for (step, conversation) in desk.conversations.iter().enumerate() {
                if let Some((index, group, spam)) = flips.get(step % (flips.len().max(1))) {
                    if step % 3 == 0 {
                        let t = &mut tickets[index.index(desk.tickets.len())];
                        t.group_id = Some(*group);
                        t.spam = *spam;
                    }
                }
                let ticket = tickets.iter().find(|t| t.id == conversation.ticket_id);
                if let Some(t) = ticket {
                    let c = d.ticket_contact(t);
                    seen.push(ledger.settle(c).contact().named(d.queues()));
                }
                if let Some(c) = d.reply_contact(ticket, conversation) {
                    seen.push(ledger.settle(c).contact().named(d.queues()));
                }
            }
            seen
        };
        let first = replay();
        prop_assert_eq!(&first, &replay());
        // A contact seen several times always carries its first name.
        let mut names: BTreeMap<ContactId, String> = BTreeMap::new();
        for c in &first {
            let name = names.entry(c.id.clone()).or_insert_with(|| c.queue.clone());
            prop_assert_eq!(&*name, &c.queue);
        }
    }

    #[test]
    fn contact_ids_round_trip(id in any::<u64>(), conv in "[a-z0-9:-]{1,40}", secs in 0i64..4_000_000_000) {
        let at = DateTime::from_timestamp(secs, 0).unwrap();
        for contact_id in [ContactId::Ticket(id), ContactId::Conversation(id), ContactId::chat(&conv, at)] {
            prop_assert_eq!(contact_id.to_string().parse::<ContactId>().unwrap(), contact_id);
        }
    }
}
