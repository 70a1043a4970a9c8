//! The queue-naming explorer and "What will my help desk create?" on real imports from the
//! in-process simulator into an SQLite file: the naming form offers the account's own sources,
//! the explorer names every imported ticket and reply as the importer did, and the queue shares
//! count every cached contact (and export as injection-safe CSV).

#[path = "support/import.rs"]
mod shared;

use chrono::{Duration, Utc};
use idesk_core::explorer::{
    self, GroupChoice, NamingKind, NamingQuery, QueueShares, QUEUE_SHARES_CSV_HEADER,
};
use idesk_core::integrations::{Integration, IntegrationStatus, Product};
use idesk_core::{ErrorCode, Store};
use serde_json::json;
use shared::*;
use std::collections::BTreeMap;

const SPECIAL: [&str; 3] = [
    "Unknown group/source Tickets",
    "Unknown group/source Replies",
    "Undefined_Queue",
];

fn integration(domain: &str, product: Product) -> Integration {
    Integration {
        id: format!("id-{domain}"),
        name: format!("Explorer {domain}"),
        product,
        domain: domain.into(),
        status: IntegrationStatus::Operational,
        key_mask: String::new(),
        checks: vec![],
        checked_at: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        injixo_key: None,
    }
}

/// The shares must be the cache's contacts counted per queue, sorted, with the span of them.
fn assert_shares_match_the_cache(shares: &QueueShares, cache: &Cache, iid: &str, channel: &str) {
    let contacts = cache.contacts(iid);
    let mut per_queue: BTreeMap<&str, u64> = BTreeMap::new();
    for (_, queue, _) in &contacts {
        *per_queue.entry(queue).or_default() += 1;
    }
    assert_eq!(
        shares.total,
        contacts.len() as u64,
        "total = cached contacts"
    );
    let got: BTreeMap<&str, u64> = shares
        .queues
        .iter()
        .map(|q| (q.name.as_str(), q.contacts))
        .collect();
    assert_eq!(got, per_queue);
    assert!(shares.queues.windows(2).all(|w| {
        w[0].contacts > w[1].contacts || (w[0].contacts == w[1].contacts && w[0].name < w[1].name)
    }));
    for q in &shares.queues {
        assert_eq!(
            q.irrelevant,
            SPECIAL.contains(&q.name.as_str()),
            "{}",
            q.name
        );
        assert_eq!(q.channel, channel);
        assert!((q.share - q.contacts as f64 / contacts.len() as f64).abs() < 1e-12);
    }
    let sum: f64 = shares.queues.iter().map(|q| q.share).sum();
    assert!((sum - 1.0).abs() < 1e-9, "{sum}");
    let at = |s: &Option<String>| {
        chrono::DateTime::parse_from_rfc3339(s.as_deref().unwrap())
            .unwrap()
            .timestamp()
    };
    assert_eq!(
        at(&shares.from),
        contacts.iter().map(|c| c.2).min().unwrap()
    );
    assert_eq!(at(&shares.to), contacts.iter().map(|c| c.2).max().unwrap());
    assert!(shares.from.as_deref().unwrap().ends_with('Z'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freshdesk_explorer_names_every_imported_contact_as_the_importer_did() {
    let domain = "ex.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "ex", 800)]).await;
    let cache = Cache::new();
    let fd = integration(domain, Product::Freshdesk);

    // Before any import: the default sources only, no groups, no contacts.
    let store = Store::open(&cache.paths).unwrap();
    let before = explorer::naming_options(&store, &fd).unwrap();
    assert!(before.groups.is_empty());
    assert_eq!(
        before.ticket_sources.len(),
        idesk_rules::TICKET_SOURCE_KEYS.len()
    );
    let empty = explorer::queue_shares(&store, &fd).unwrap();
    assert_eq!(
        (empty.total, empty.queues.len(), &empty.from),
        (0, 0, &None)
    );
    assert_eq!(
        explorer::queue_shares_csv(&store, &fd).unwrap(),
        format!("{QUEUE_SHARES_CSV_HEADER}\n")
    );
    drop(store);

    // A group a spreadsheet would run as a formula.
    let truth = truth_summary(&sim, domain).await;
    let group = truth["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["deleted"] == json!(false))
        .unwrap()["id"]
        .clone();
    let evil = "=HYPERLINK(\"https://evil.example\",\"Support\")";
    let path = format!("/_sim/accounts/{domain}/groups/{group}");
    control(
        &sim,
        reqwest::Method::POST,
        &path,
        Some(json!({ "name": evil })),
    )
    .await;

    run(
        &sim,
        &cache,
        Product::Freshdesk,
        domain,
        Utc::now() - Duration::days(45),
    )
    .await
    .unwrap();
    let store = Store::open(&cache.paths).unwrap();

    // The account's own sources from ticket_fields, and its groups.
    let options = explorer::naming_options(&store, &fd).unwrap();
    let source = |code: i64| {
        options
            .ticket_sources
            .iter()
            .find(|s| s.code == code)
            .map(|s| (s.key.as_str(), s.custom))
    };
    assert_eq!(source(101), Some(("Partner Portal", true)));
    assert_eq!(source(102), Some(("Reseller Hotline", true)));
    assert_eq!(source(16), Some(("web_form", false)));
    assert_eq!(source(1), Some(("email", false)));
    assert_eq!(source(23), None, "a code no choice names is not offered");
    assert_eq!(
        options.conversation_sources.len(),
        idesk_rules::CONVERSATION_SOURCE_KEYS.len()
    );
    assert!(options.groups.iter().any(|g| g.name == evil));
    assert!(options.groups.windows(2).all(|w| w[0].name <= w[1].name));

    // Every imported ticket and reply: the explorer names it as the importer did.
    let listed: Vec<String> = options.groups.iter().map(|g| g.id.clone()).collect();
    let conn = rusqlite::Connection::open(cache.paths.database()).unwrap();
    let joined = |sql: &str| -> Vec<(String, Option<u64>, bool, i64, String)> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt
            .query_map([&fd.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    let mut rows = joined(
        "SELECT q.kind, t.group_id, t.spam OR t.deleted, t.source, q.name
         FROM import_tickets t
         JOIN import_keys k ON k.integration_id = t.integration_id
         JOIN import_contacts c ON c.key = k.key AND c.contact_id = t.id * 2
         JOIN import_queues q ON q.id = c.queue
         WHERE t.integration_id = ?1",
    );
    rows.extend(joined(
        "SELECT q.kind, t.group_id, t.spam OR t.deleted, v.source, q.name
         FROM import_conversations v
         JOIN import_tickets t ON t.integration_id = v.integration_id AND t.id = v.ticket_id
         JOIN import_keys k ON k.integration_id = v.integration_id
         JOIN import_contacts c ON c.key = k.key AND c.contact_id = v.id * 2 + 1
         JOIN import_queues q ON q.id = c.queue
         WHERE v.integration_id = ?1",
    ));
    assert_eq!(
        rows.len(),
        cache.contacts(&fd.id).len(),
        "every contact joined"
    );
    let mut named_by_rule = BTreeMap::new();
    for (kind, group_id, spam_or_deleted, source, queue) in rows {
        let group = match group_id.map(|g| g.to_string()) {
            None => GroupChoice::NoGroup,
            Some(id) if listed.contains(&id) => GroupChoice::Group { id },
            Some(id) => GroupChoice::DeletedGroup { id },
        };
        let kind = match (kind.as_str(), spam_or_deleted) {
            ("ticket", false) => NamingKind::NewTicket,
            ("ticket", true) => NamingKind::SpamOrDeletedTicket,
            (_, false) => NamingKind::Reply,
            (_, true) => NamingKind::SpamOrDeletedReply,
        };
        let query = NamingQuery {
            group,
            source: Some(source),
            kind,
        };
        let named = explorer::name_queue(&store, &fd, &query).unwrap();
        assert_eq!(named.name, queue, "{query:?}");
        assert_eq!(named.channel, "cases");
        *named_by_rule
            .entry(format!("{:?}", named.rule))
            .or_insert(0) += 1;
    }
    // The simulator's data reaches every Freshdesk rule.
    assert_eq!(named_by_rule.len(), 4, "{named_by_rule:?}");

    // The shares: every cached contact, the special queues marked.
    let shares = explorer::queue_shares(&store, &fd).unwrap();
    assert_shares_match_the_cache(&shares, &cache, &fd.id, "cases");
    assert!(shares.queues.iter().any(|q| q.irrelevant));
    assert_eq!(shares.integration, fd.name);

    // The CSV: header, one row per queue in order, one decimal, the formula neutralised.
    let csv = explorer::queue_shares_csv(&store, &fd).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "queue,channel,contacts,share_percent,irrelevant_for_scheduling"
    );
    assert_eq!(lines.len(), shares.queues.len() + 1);
    for (line, q) in lines[1..].iter().zip(&shares.queues) {
        let tail = format!(
            ",cases,{},{:.1},{}",
            q.contacts,
            q.share * 100.0,
            q.irrelevant
        );
        assert!(line.ends_with(&tail), "{line} / {tail}");
        let percent = line.rsplit(',').nth(1).unwrap();
        assert_eq!(percent.split('.').nth(1).map(str::len), Some(1), "{line}");
    }
    let evil_rows: Vec<&&str> = lines.iter().filter(|l| l.contains("HYPERLINK")).collect();
    assert!(!evil_rows.is_empty(), "the renamed group has contacts");
    for row in evil_rows {
        assert!(row.starts_with("\"'=HYPERLINK("), "{row}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freshchat_shares_and_names_come_from_its_groups() {
    let domain = "exc.freshchat.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshchat, "exc", 2_000)]).await;
    let cache = Cache::new();
    let fc = integration(domain, Product::Freshchat);
    run(
        &sim,
        &cache,
        Product::Freshchat,
        domain,
        Utc::now() - Duration::days(3),
    )
    .await
    .unwrap();
    let store = Store::open(&cache.paths).unwrap();
    let options = explorer::naming_options(&store, &fc).unwrap();
    assert_eq!(options.product, Product::Freshchat);
    assert!(options.ticket_sources.is_empty() && options.conversation_sources.is_empty());
    assert!(!options.groups.is_empty());
    for g in &options.groups {
        let query = NamingQuery {
            group: GroupChoice::Group { id: g.id.clone() },
            source: None,
            kind: NamingKind::ChatResolved,
        };
        let named = explorer::name_queue(&store, &fc, &query).unwrap();
        assert_eq!(
            (named.name.as_str(), named.channel.as_str()),
            (g.name.as_str(), "chat")
        );
        assert!(!named.irrelevant);
    }
    let shares = explorer::queue_shares(&store, &fc).unwrap();
    assert_shares_match_the_cache(&shares, &cache, &fc.id, "chat");
    // A queue is a listed group's name or, for a group the list no longer has, the name the
    // report gives (decision `chat_group_order`).
    let conn = rusqlite::Connection::open(cache.paths.database()).unwrap();
    let mut stmt = conn
        .prepare("SELECT DISTINCT group_name FROM import_chat_resolutions WHERE group_name <> ''")
        .unwrap();
    let reported: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut names: Vec<&str> = options.groups.iter().map(|g| g.name.as_str()).collect();
    names.extend(reported.iter().map(String::as_str));
    for q in &shares.queues {
        assert!(
            q.irrelevant || names.contains(&q.name.as_str()),
            "{}",
            q.name
        );
    }
    assert!(shares
        .queues
        .iter()
        .any(|q| q.name == "Undefined_Queue" && q.irrelevant));

    // Bad input on either product: a specific code, and nothing else happens.
    let fd = integration("ex.freshdesk.com", Product::Freshdesk);
    let ask = |integration: &Integration, group: GroupChoice, source: Option<i64>, kind| {
        let query = NamingQuery {
            group,
            source,
            kind,
        };
        explorer::name_queue(&store, integration, &query)
            .unwrap_err()
            .code
    };
    let first = GroupChoice::Group {
        id: options.groups[0].id.clone(),
    };
    use NamingKind::*;
    assert_eq!(
        ask(&fc, first.clone(), None, NewTicket),
        ErrorCode::NamingKindWrongProduct
    );
    assert_eq!(
        ask(&fc, first.clone(), Some(1), ChatResolved),
        ErrorCode::NamingSourceNotApplicable
    );
    let unknown = GroupChoice::Group {
        id: "no-such-group".into(),
    };
    assert_eq!(
        ask(&fc, unknown, None, ChatResolved),
        ErrorCode::NamingUnknownGroup
    );
    let blank = GroupChoice::DeletedGroup { id: " ".into() };
    assert_eq!(
        ask(&fc, blank, None, ChatDeletedOrSpam),
        ErrorCode::NamingGroupIdInvalid
    );
    assert_eq!(
        ask(&fd, GroupChoice::NoGroup, None, ChatResolved),
        ErrorCode::NamingKindWrongProduct
    );
    assert_eq!(
        ask(&fd, GroupChoice::NoGroup, None, NewTicket),
        ErrorCode::NamingSourceMissing
    );
    assert_eq!(
        ask(&fd, GroupChoice::NoGroup, None, Reply),
        ErrorCode::NamingSourceMissing
    );
    let not_a_number = GroupChoice::DeletedGroup { id: "g-1".into() };
    assert_eq!(
        ask(&fd, not_a_number, Some(1), NewTicket),
        ErrorCode::NamingGroupIdInvalid
    );
    // Nothing was imported for `fd` in this store: no group is listed.
    let listed = GroupChoice::Group { id: "5".into() };
    assert_eq!(
        ask(&fd, listed, Some(1), NewTicket),
        ErrorCode::NamingUnknownGroup
    );
    for code in [
        ErrorCode::NamingKindWrongProduct,
        ErrorCode::NamingSourceNotApplicable,
        ErrorCode::NamingUnknownGroup,
        ErrorCode::NamingGroupIdInvalid,
        ErrorCode::NamingSourceMissing,
    ] {
        assert!(code.is_input_error(), "{code:?}");
    }
    // A spam or deleted ticket's queue needs no source; a deleted group needs no listing.
    let spam = NamingQuery {
        group: GroupChoice::NoGroup,
        source: None,
        kind: SpamOrDeletedTicket,
    };
    assert_eq!(
        explorer::name_queue(&store, &fd, &spam).unwrap().name,
        "Unknown group/source Tickets"
    );
    let gone = NamingQuery {
        group: GroupChoice::DeletedGroup { id: "17".into() },
        source: Some(3),
        kind: NewTicket,
    };
    assert_eq!(
        explorer::name_queue(&store, &fd, &gone).unwrap().name,
        "Group 17 phone Tickets"
    );
}
