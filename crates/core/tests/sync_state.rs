//! The continuous stage against tickets that change state between syncs (docs/domain-rules.md,
//! "Initial and continuous stage"): a contact is named from its ticket's state when it is first
//! seen and keeps that name. Tickets are changed through the simulator's control API; the
//! expected contacts come from the engine applied to the ground truth as of each run, settled
//! through a name ledger, never written down.

#[path = "support/import.rs"]
mod shared;

use chrono::{DateTime, Duration, Utc};
use idesk_core::integrations::Product;
use idesk_sim::SimHandle;
use serde_json::{json, Value};
use shared::*;

const DOMAIN: &str = "cs.freshdesk.com";

/// `POST /_sim/accounts/{domain}/tickets/{id}`: the ticket as changed.
async fn change(sim: &SimHandle, id: u64, body: Value) -> Value {
    let t = control(
        sim,
        reqwest::Method::POST,
        &format!("/_sim/accounts/{DOMAIN}/tickets/{id}"),
        Some(body.clone()),
    )
    .await;
    assert_eq!(
        t["id"].as_u64(),
        Some(id),
        "change {body} of ticket {id}: {t}"
    );
    t
}

/// `POST /_sim/accounts/{domain}/tickets`: a new ticket.
async fn create(sim: &SimHandle, body: Value) -> Value {
    let t = control(
        sim,
        reqwest::Method::POST,
        &format!("/_sim/accounts/{DOMAIN}/tickets"),
        Some(body),
    )
    .await;
    assert!(t["id"].as_u64().is_some(), "{t}");
    t
}

/// Waits until the wall clock has passed second `t`, so that an instant taken afterwards is
/// later than every change made up to `t`.
async fn wait_past(t: i64) {
    while Utc::now().timestamp() <= t {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

fn id(t: &Value) -> u64 {
    t["id"].as_u64().unwrap()
}

fn updated(t: &Value) -> i64 {
    time(&t["updated_at"]).timestamp()
}

/// The id of the newest conversation of a ticket as the control API returned it.
fn last_conversation(t: &Value) -> String {
    let c = t["conversations"].as_array().unwrap().last().unwrap();
    format!("conversation:{}", c["id"].as_u64().unwrap())
}

fn queue_of<'a>(set: &'a ContactSet, contact: &str) -> &'a str {
    set.iter()
        .find(|c| c.0 == contact)
        .map(|c| c.1.as_str())
        .unwrap_or_else(|| panic!("{contact} is not in the cache"))
}

fn group_name(truth: &FreshdeskTruth, id: Option<u64>) -> String {
    match id {
        None => "No group".into(),
        Some(id) => truth
            .groups
            .iter()
            .find(|g| g.id == id)
            .map_or(format!("Group {id}"), |g| g.name.clone()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contacts_keep_the_name_of_the_state_they_were_first_seen_in() {
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "cs", 1_500)]).await;
    let cache = Cache::new();
    let iid = format!("id-{DOMAIN}");
    let since = Utc::now() - Duration::days(30);
    let summary = control(
        &sim,
        reqwest::Method::GET,
        &format!("/_sim/accounts/{DOMAIN}/truth"),
        None,
    )
    .await;
    let group_ids: Vec<u64> = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_u64().unwrap())
        .collect();
    let deleted_group = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["deleted"] == true)
        .unwrap()["id"]
        .as_u64()
        .unwrap();

    // Before the backfill: two new tickets, one marked spam and one deleted.
    let spam_first = create(&sim, json!({"group_id": group_ids[1]})).await;
    let spam_first = change(&sim, id(&spam_first), json!({"spam": true})).await;
    let deleted_first = create(&sim, json!({"group_id": group_ids[2]})).await;
    let deleted_first = change(&sim, id(&deleted_first), json!({"deleted": true})).await;
    wait_past(updated(&spam_first).max(updated(&deleted_first))).await;

    let init = run(&sim, &cache, Product::Freshdesk, DOMAIN, since)
        .await
        .unwrap();
    let at_import = freshdesk_truth(&sim, DOMAIN, None).await;
    let imported = cache.contacts(&iid);
    assert_eq!(
        imported,
        freshdesk_expected(&sim, DOMAIN, since).await.contacts,
        "the backfill"
    );
    assert_eq!(
        queue_of(&imported, &format!("ticket:{}", id(&spam_first))),
        "Unknown group/source Tickets"
    );

    // Live tickets of the window that the backfill named, with their group.
    let candidates: Vec<&TruthTicket> = at_import
        .tickets
        .iter()
        .filter(|t| {
            t.state == "live"
                && t.ticket.created_at >= since
                && t.ticket.group_id.is_some()
                && imported
                    .iter()
                    .any(|c| c.0 == format!("ticket:{}", t.ticket.id))
        })
        .collect();
    assert!(candidates.len() >= 6, "{} candidates", candidates.len());
    let [moved, answered_then_moved, spammed, deleted, resolved, to_deleted_group] =
        [0, 1, 2, 3, 4, 5].map(|k| candidates[k * candidates.len() / 6]);
    let other_group = |t: &TruthTicket| {
        *group_ids[..7]
            .iter()
            .find(|g| Some(**g) != t.ticket.group_id)
            .unwrap()
    };
    wait_past(init.until.timestamp()).await;

    // Between the backfill and the first sync.
    let mut last = 0;
    let mut note = |t: &Value| {
        last = last.max(updated(t));
        t.clone()
    };
    // A group change, then a customer reply: the reply is named from the new group.
    note(
        &change(
            &sim,
            moved.ticket.id,
            json!({"group_id": other_group(moved)}),
        )
        .await,
    );
    let moved_reply = note(&change(&sim, moved.ticket.id, json!({"customer_reply": true})).await);
    // A customer reply, then a group change (to none): first seen at the sync, so "No group".
    let early_reply = note(
        &change(
            &sim,
            answered_then_moved.ticket.id,
            json!({"customer_reply": true}),
        )
        .await,
    );
    note(
        &change(
            &sim,
            answered_then_moved.ticket.id,
            json!({"group_id": null, "agent_reply": true}),
        )
        .await,
    );
    // Marked spam, then a reply: `Unknown group/source Replies`.
    note(&change(&sim, spammed.ticket.id, json!({"spam": true})).await);
    let spam_reply = note(&change(&sim, spammed.ticket.id, json!({"customer_reply": true})).await);
    // Deleted: nothing new, nothing renamed.
    note(&change(&sim, deleted.ticket.id, json!({"deleted": true})).await);
    // Resolved by an agent: a status change only.
    note(
        &change(
            &sim,
            resolved.ticket.id,
            json!({"agent_reply": true, "status": 4}),
        )
        .await,
    );
    // Moved to a deleted group, then a reply: `Group <id>`.
    note(
        &change(
            &sim,
            to_deleted_group.ticket.id,
            json!({"group_id": deleted_group}),
        )
        .await,
    );
    let deleted_group_reply = note(
        &change(
            &sim,
            to_deleted_group.ticket.id,
            json!({"customer_reply": true}),
        )
        .await,
    );
    // Spam and deleted at the backfill, restored, then a reply each.
    note(&change(&sim, id(&spam_first), json!({"spam": false})).await);
    let unspam_reply = note(&change(&sim, id(&spam_first), json!({"customer_reply": true})).await);
    let undelete_reply = note(
        &change(
            &sim,
            id(&deleted_first),
            json!({"deleted": false, "customer_reply": true}),
        )
        .await,
    );
    // A new ticket marked spam before any sync sees it, and a plain new ticket.
    let new_spam = note(&create(&sim, json!({})).await);
    note(&change(&sim, id(&new_spam), json!({"spam": true})).await);
    let new_plain = note(&create(&sim, json!({"group_id": group_ids[0], "source": 7})).await);
    wait_past(last).await;

    let first = sync(&sim, &cache, Product::Freshdesk, DOMAIN)
        .await
        .unwrap();
    let got = cache.contacts(&iid);

    // The engine on the ground truth as of each run, first name wins. The state at the backfill
    // is read after the changes, as of its time.
    let mut expected = ContinuousExpected::new(&at_import, since);
    let as_of_import = freshdesk_truth(&sim, DOMAIN, Some(init.until)).await;
    assert_eq!(expected.observe(&as_of_import), imported.len());
    assert_eq!(
        expected.contacts(),
        imported,
        "as_of gives the backfill's state"
    );
    let at_sync = freshdesk_truth(&sim, DOMAIN, Some(first.until)).await;
    let new = expected.observe(&at_sync);
    assert_eq!(got, expected.contacts());
    assert_eq!(first.new_contacts as usize, new);
    assert_eq!(got.len(), imported.len() + new);
    assert!(
        imported.iter().all(|c| got.contains(c)),
        "no contact of the backfill is renamed or lost"
    );
    // Naming everything from the current state would differ.
    assert_ne!(
        got,
        freshdesk_expected(&sim, DOMAIN, since).await.contacts,
        "the changes must matter"
    );

    // Spot checks of the rules.
    let old_group = group_name(&at_import, moved.ticket.group_id);
    let new_group = group_name(&at_sync, Some(other_group(moved)));
    assert!(queue_of(&got, &format!("ticket:{}", moved.ticket.id)).starts_with(&old_group));
    assert!(queue_of(&got, &last_conversation(&moved_reply)).starts_with(&new_group));
    assert!(queue_of(&got, &last_conversation(&early_reply)).starts_with("No group "));
    assert!(!queue_of(&got, &format!("ticket:{}", spammed.ticket.id)).starts_with("Unknown"));
    assert_eq!(
        queue_of(&got, &last_conversation(&spam_reply)),
        "Unknown group/source Replies"
    );
    assert!(!queue_of(&got, &format!("ticket:{}", deleted.ticket.id)).starts_with("Unknown"));
    assert!(queue_of(&got, &last_conversation(&deleted_group_reply))
        .starts_with(&format!("Group {deleted_group} ")));
    assert_eq!(
        queue_of(&got, &format!("ticket:{}", id(&spam_first))),
        "Unknown group/source Tickets"
    );
    assert!(queue_of(&got, &last_conversation(&unspam_reply))
        .starts_with(&group_name(&at_sync, Some(group_ids[1]))));
    assert_eq!(
        queue_of(&got, &format!("ticket:{}", id(&deleted_first))),
        "Unknown group/source Tickets"
    );
    assert!(queue_of(&got, &last_conversation(&undelete_reply))
        .starts_with(&group_name(&at_sync, Some(group_ids[2]))));
    assert_eq!(
        queue_of(&got, &format!("ticket:{}", id(&new_spam))),
        "Unknown group/source Tickets"
    );
    assert_eq!(
        queue_of(&got, &format!("ticket:{}", id(&new_plain))),
        format!("{} chat Tickets", group_name(&at_sync, Some(group_ids[0])))
    );

    // A second sync with nothing changed changes nothing.
    let second = sync(&sim, &cache, Product::Freshdesk, DOMAIN)
        .await
        .unwrap();
    assert_eq!(second.new_contacts, 0);
    assert_eq!(cache.contacts(&iid), got);
    let at_second: DateTime<Utc> = second.until;
    assert_eq!(
        expected.observe(&freshdesk_truth(&sim, DOMAIN, Some(at_second)).await),
        0
    );
}
