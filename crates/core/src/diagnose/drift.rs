//! `queue_drift`: contacts that land in other queues than before. A group renamed or deleted
//! since the last catalog read (the groups the import stored against the ones listed now), and
//! a jump in the share of the special queues (`Unknown group/source`, `Undefined_Queue`) in the
//! last days against the weeks before.

use super::sync::SyncRecord;
use super::{LinkId, LinkResult};
use crate::error::CoreResult;
use crate::import::cache::queue_days;
use crate::integrations::{Integration, Product};
use crate::store::Store;
use chrono::{SecondsFormat, Utc};
use idesk_rules::{is_special_queue, DELETED_GROUP_PREFIX, UNDEFINED_QUEUE};
use rusqlite::OptionalExtension;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Recent days compared with the days before them.
const RECENT_DAYS: i64 = 3;
const BEFORE_DAYS: i64 = 14;
/// A jump: the special queues' recent share is at least this many times the earlier one...
const JUMP_FACTOR: f64 = 2.0;
/// ...and at least this share, over at least this many recent contacts.
const MIN_RECENT_SHARE: f64 = 0.1;
const MIN_RECENT_CONTACTS: u64 = 20;

/// A group that is not what the import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    id: String,
    old: String,
    /// `None`: deleted.
    new: Option<String>,
}

pub(super) fn link(
    store: &Store,
    integration: &Integration,
    live_groups: Option<&[(String, String)]>,
    _record: &SyncRecord,
) -> CoreResult<LinkResult> {
    let c = LinkId::QueueDrift;
    let db = |e| store.map_err(e);
    let conn = store.conn();
    let stored: Vec<(String, String)> = {
        let mut stmt = conn
            .prepare("SELECT id, name FROM import_groups WHERE integration_id = ?1 ORDER BY id")
            .map_err(db)?;
        let rows = stmt
            .query_map([&integration.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)?
    };
    let catalog_read_at: Option<String> = conn
        .query_row(
            "SELECT started_at FROM import_runs WHERE integration_id = ?1",
            [&integration.id],
            |r| r.get::<_, String>(0),
        )
        .optional()
        .map_err(db)?
        .map(|t| match chrono::DateTime::parse_from_rfc3339(&t) {
            Ok(t) => t
                .with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::Secs, true),
            Err(_) => t,
        });
    let queues: Vec<String> = queue_days::queues(conn, &integration.id)
        .map_err(db)?
        .into_iter()
        .map(|(q, _)| q)
        .collect();
    let shares = special_shares(store, &integration.id)?;
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);

    if let Some(live) = live_groups {
        let changes = changes(&stored, live);
        if let Some(first) = changes.first() {
            let (old_queues, new_queues) = queue_names(integration.product, first, &queues);
            let (code, what) = match &first.new {
                Some(new) => (
                    "group_renamed",
                    format!("the group {:?} was renamed to {:?}", first.old, new),
                ),
                None => (
                    "group_deleted",
                    format!("the group {:?} was deleted", first.old),
                ),
            };
            let changed: Vec<Value> = changes
                .iter()
                .map(|ch| json!({"group_id": ch.id, "old_name": ch.old, "new_name": ch.new}))
                .collect();
            return Ok(LinkResult::failed(
                c,
                code,
                format!(
                    "{what} between {} and {now}: its contacts now land in {} instead of {}",
                    catalog_read_at.as_deref().unwrap_or("the import"),
                    list(&new_queues),
                    list(&old_queues)
                ),
                "A workload in the WFM system still expects the old queue names: map the new queue names to it (or give the group its old name back), then import again so the catalog is read anew.",
            )
            .with("group_id", first.id.clone())
            .with("old_name", first.old.clone())
            .with("new_name", first.new.clone())
            .with("old_queues", old_queues)
            .with("new_queues", new_queues)
            .with("changed_after", catalog_read_at.clone())
            .with("detected_at", now)
            .with("changes", changed)
            .with("special_share", shares.evidence()));
        }
    }
    let base = if shares.jumped() {
        LinkResult::warning(
            c,
            "special_queue_jump",
            format!(
                "{:.0}% of the contacts of the last {RECENT_DAYS} days land in Unknown group/source or Undefined_Queue, against {:.0}% before",
                shares.recent_share() * 100.0,
                shares.before_share() * 100.0
            ),
            "Look for groups or sources changed in the help desk in the last days (a group deleted, a new channel) and map their queues in the WFM system.",
        )
    } else if live_groups.is_none() {
        LinkResult::skipped(
            c,
            "not_checked",
            "the groups could not be compared: the help desk's API did not answer the groups list",
        )
    } else {
        LinkResult::passed(c, "queues_unchanged", "the groups are as the import stored them, and the special queues get no more contacts than before")
    };
    Ok(base
        .with("groups_stored", stored.len())
        .with("groups_now", live_groups.map(|g| g.len()))
        .with("catalog_read_at", catalog_read_at)
        .with("special_share", shares.evidence()))
}

fn changes(stored: &[(String, String)], live: &[(String, String)]) -> Vec<Change> {
    let live: BTreeMap<&str, &str> = live.iter().map(|(i, n)| (i.as_str(), n.as_str())).collect();
    stored
        .iter()
        .filter_map(|(id, old)| match live.get(id.as_str()) {
            Some(new) if new == old => None,
            Some(new) => Some(Change {
                id: id.clone(),
                old: old.clone(),
                new: Some(new.to_string()),
            }),
            None => Some(Change {
                id: id.clone(),
                old: old.clone(),
                new: None,
            }),
        })
        .collect()
}

/// The cached queues of the old group and what they become.
fn queue_names(product: Product, change: &Change, queues: &[String]) -> (Vec<String>, Vec<String>) {
    match product {
        Product::Freshdesk => {
            let prefix = format!("{} ", change.old);
            let new_prefix = match &change.new {
                Some(n) => format!("{n} "),
                None => format!("{DELETED_GROUP_PREFIX}{} ", change.id),
            };
            let old: Vec<String> = queues
                .iter()
                .filter(|q| q.starts_with(&prefix))
                .cloned()
                .collect();
            let new = old
                .iter()
                .map(|q| format!("{new_prefix}{}", &q[prefix.len()..]))
                .collect();
            (old, new)
        }
        Product::Freshchat => (
            vec![change.old.clone()],
            vec![change
                .new
                .clone()
                .unwrap_or_else(|| UNDEFINED_QUEUE.to_string())],
        ),
    }
}

/// The first few names (the evidence has them all).
fn list(names: &[String]) -> String {
    const SHOWN: usize = 3;
    if names.is_empty() {
        return "(no contacts cached yet)".into();
    }
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// Contacts in the special queues and in all queues, recent days and the days before.
#[derive(Debug, Default, Clone, Copy)]
struct Shares {
    recent_special: u64,
    recent_all: u64,
    before_special: u64,
    before_all: u64,
}

impl Shares {
    fn recent_share(&self) -> f64 {
        ratio(self.recent_special, self.recent_all)
    }
    fn before_share(&self) -> f64 {
        ratio(self.before_special, self.before_all)
    }
    fn jumped(&self) -> bool {
        self.recent_all >= MIN_RECENT_CONTACTS
            && self.recent_share() >= MIN_RECENT_SHARE
            && self.recent_share() >= self.before_share() * JUMP_FACTOR
    }
    fn evidence(&self) -> Value {
        json!({
            "recent_days": RECENT_DAYS, "recent_special": self.recent_special, "recent_all": self.recent_all,
            "before_days": BEFORE_DAYS, "before_special": self.before_special, "before_all": self.before_all,
        })
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn special_shares(store: &Store, iid: &str) -> CoreResult<Shares> {
    let today = Utc::now().timestamp().div_euclid(86_400);
    let first = today - RECENT_DAYS - BEFORE_DAYS + 1;
    let mut s = Shares::default();
    queue_days::for_each_day(store.conn(), iid, first, today, |row| {
        let n: u64 = queue_days::pairs(row.counts)
            .map(|(_, n)| u64::from(n))
            .sum();
        let special = if is_special_queue(row.queue) { n } else { 0 };
        if row.day > today - RECENT_DAYS {
            s.recent_all += n;
            s.recent_special += special;
        } else {
            s.before_all += n;
            s.before_special += special;
        }
    })
    .map_err(|e| store.map_err(e))?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(id: &str, name: &str) -> (String, String) {
        (id.into(), name.into())
    }

    #[test]
    fn renamed_and_deleted_groups_name_old_and_new_queues() {
        let stored = [g("1", "Billing"), g("2", "Sales"), g("3", "Support")];
        let live = [g("1", "Invoices"), g("3", "Support"), g("4", "New")];
        let found = changes(&stored, &live);
        assert_eq!(found.len(), 2);
        let queues = [
            "Billing Email Tickets".to_string(),
            "Billing Email Replies".into(),
            "Support Phone Tickets".into(),
        ];
        let (old, new) = queue_names(Product::Freshdesk, &found[0], &queues);
        assert_eq!(old, ["Billing Email Tickets", "Billing Email Replies"]);
        assert_eq!(new, ["Invoices Email Tickets", "Invoices Email Replies"]);
        let (_, gone) = queue_names(
            Product::Freshdesk,
            &Change {
                id: "2".into(),
                old: "Sales".into(),
                new: None,
            },
            &["Sales Chat Tickets".into()],
        );
        assert_eq!(gone, ["Group 2 Chat Tickets"]);
    }

    #[test]
    fn a_jump_needs_volume_share_and_growth() {
        let s = |rs, ra, bs, ba| Shares {
            recent_special: rs,
            recent_all: ra,
            before_special: bs,
            before_all: ba,
        };
        assert!(s(30, 100, 50, 1000).jumped());
        assert!(!s(3, 10, 0, 1000).jumped(), "too few contacts");
        assert!(!s(30, 100, 200, 1000).jumped(), "no growth");
    }

    #[test]
    fn the_shares_count_the_stored_contacts_of_each_period() {
        use crate::import::cache::insert_contact;
        use idesk_rules::{Contact, ContactId, ContactKind, QueueId, UNKNOWN_GROUP_SOURCE_TICKETS};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&crate::paths::AppPaths::in_dir(dir.path().to_path_buf())).unwrap();
        let today = Utc::now().timestamp().div_euclid(86_400) * 86_400;
        let mut id = 0;
        let mut add = |queue: &str, days_ago: i64, n: u32| {
            for minute in 0..n {
                id += 1;
                let at = today - days_ago * 86_400 + i64::from(minute) * 60;
                let contact = Contact {
                    id: ContactId::Ticket(id),
                    kind: ContactKind::Ticket,
                    queue: QueueId(0),
                    at: chrono::DateTime::from_timestamp(at, 0).unwrap(),
                };
                assert!(insert_contact(store.conn(), "i1", &contact, queue).unwrap());
            }
        };
        add(UNKNOWN_GROUP_SOURCE_TICKETS, 0, 30);
        add("Support email Tickets", RECENT_DAYS - 1, 70);
        add(UNDEFINED_QUEUE, RECENT_DAYS, 10);
        add("Support email Tickets", RECENT_DAYS + BEFORE_DAYS - 1, 390);
        add("Support email Tickets", RECENT_DAYS + BEFORE_DAYS, 500); // before both periods
        let s = special_shares(&store, "i1").unwrap();
        assert_eq!(
            (
                s.recent_special,
                s.recent_all,
                s.before_special,
                s.before_all
            ),
            (30, 100, 10, 400)
        );
        assert!(s.jumped());
    }
}
