//! `source_activity`: does the help desk have changes the cache lacks? Freshdesk: one ticket-list
//! page (1 credit, one of the ticket-list calls) of the tickets updated since the cache's newest
//! ticket. No activity at the source is not a fault; activity the next sync will bring is not
//! one either.

use super::sync::SyncRecord;
use super::{LinkId, LinkResult};
use crate::error::CoreResult;
use crate::freshworks::pacer::minute_from_env;
use crate::freshworks::{Auth, FreshworksClient};
use crate::integrations::{Integration, Product};
use crate::secret::Secret;
use crate::store::Store;
use chrono::{DateTime, SecondsFormat, Utc};

const PAGE: usize = 100;

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) async fn link(
    store: &Store,
    client: &FreshworksClient,
    integration: &Integration,
    key: Option<&Secret>,
    record: &SyncRecord,
) -> CoreResult<LinkResult> {
    let c = LinkId::SourceActivity;
    let Some(key) = key else {
        return Ok(LinkResult::not_checked(c));
    };
    if integration.product == Product::Freshchat {
        return super::chat_activity::link(store, client, integration, key, record).await;
    }
    let newest: Option<i64> = store
        .conn()
        .query_row(
            "SELECT MAX(updated_at) FROM import_tickets WHERE integration_id = ?1",
            [&integration.id],
            |r| r.get(0),
        )
        .map_err(|e| store.map_err(e))?;
    let Some(since) = newest
        .map(|t| t + 1)
        .or(record.last_completed_at.map(|t| t.timestamp()))
    else {
        return Ok(LinkResult::skipped(
            c,
            "nothing_cached",
            "the cache has no data yet to compare with",
        ));
    };
    let since = crate::import::cache::utc(since);
    let path = format!(
        "/api/v2/tickets?updated_since={}&order_by=updated_at&order_type=asc&per_page={PAGE}",
        stamp(since).replace(':', "%3A")
    );
    let resp = match client
        .get(&integration.domain, &path, &Auth::FreshdeskKey(key.clone()))
        .await
    {
        Ok(r) if r.status == 200 => r,
        Ok(r) => {
            return Ok(LinkResult::skipped(
                c,
                "not_checked_api",
                format!("the ticket list could not be read now (HTTP {})", r.status),
            )
            .with("status", r.status))
        }
        Err(e) => {
            return Ok(LinkResult::skipped(
                c,
                "not_checked_api",
                format!("the ticket list could not be read now ({e:?})"),
            ))
        }
    };
    let tickets = resp
        .json()
        .and_then(|b| b.as_array().cloned())
        .unwrap_or_default();
    let changed_at: Vec<DateTime<Utc>> = tickets
        .iter()
        .filter_map(|t| t["updated_at"].as_str())
        .filter_map(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .collect();
    let grace = record.settings.period() + minute_from_env();
    Ok(judge_changes(
        since,
        &changed_at,
        tickets.len() >= PAGE,
        grace,
        Utc::now(),
        Changes::Tickets,
    ))
}

/// What changed at the source: tickets (Freshdesk) or resolved chats (Freshchat).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Changes {
    Tickets,
    Chats,
}

/// Codes and words of one kind of change.
struct Words {
    key: &'static str,
    none: &'static str,
    awaiting: &'static str,
    missing: &'static str,
    noun: &'static str,
}

/// Every code [`judge_changes`] gives, and whether it needs a fix (the translation test).
pub(super) const CHANGE_CODES: [(&str, bool); 6] = [
    ("no_new_activity", false),
    ("activity_awaiting_sync", false),
    ("source_activity_missing", true),
    ("no_new_chats", false),
    ("chats_awaiting_sync", false),
    ("chats_missing", true),
];

impl Changes {
    fn words(self) -> Words {
        match self {
            Changes::Tickets => Words {
                key: "changed_tickets",
                none: CHANGE_CODES[0].0,
                awaiting: CHANGE_CODES[1].0,
                missing: CHANGE_CODES[2].0,
                noun: "new or changed ticket(s)",
            },
            Changes::Chats => Words {
                key: "resolved_chats",
                none: CHANGE_CODES[3].0,
                awaiting: CHANGE_CODES[4].0,
                missing: CHANGE_CODES[5].0,
                noun: "resolved chat(s)",
            },
        }
    }
}

pub(super) fn judge_changes(
    since: DateTime<Utc>,
    changed_at: &[DateTime<Utc>],
    at_least: bool,
    grace: std::time::Duration,
    now: DateTime<Utc>,
    kind: Changes,
) -> LinkResult {
    let c = LinkId::SourceActivity;
    let Words {
        key,
        none,
        awaiting,
        missing,
        noun,
    } = kind.words();
    let n = changed_at.len();
    let oldest = changed_at.iter().min().copied();
    let grace = chrono::Duration::from_std(grace).unwrap_or_default();
    let more = if at_least { "at least " } else { "" };
    let link = match oldest {
        None => LinkResult::passed(c, none, format!("the help desk has no {noun} since {} that the cache lacks", stamp(since))),
        Some(first) if now - first <= grace => LinkResult::passed(
            c,
            awaiting,
            format!("the help desk has {more}{n} {noun} since {}; the next sync brings them", stamp(since)),
        ),
        Some(_) => LinkResult::failed(
            c,
            missing,
            format!("the help desk has {more}{n} {noun} since {}, the cache has none", stamp(since)),
            "The sync does not bring new data: fix the first failed link above; if none failed, run a sync now (Sync now in the app, or `idesk sync NAME`) and diagnose again.",
        ),
    };
    link.with("since", stamp(since))
        .with(key, n)
        .with("at_least", at_least)
        .with("oldest_change_at", oldest.map(stamp))
        .with("grace_seconds", grace.num_seconds())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::LinkOutcome;

    #[test]
    fn only_changes_older_than_a_sync_period_fail() {
        let now = Utc::now();
        let since = now - chrono::Duration::hours(1);
        let grace = std::time::Duration::from_secs(360);
        assert_eq!(
            judge_changes(since, &[], false, grace, now, Changes::Tickets).outcome,
            LinkOutcome::Passed
        );
        let fresh = [now - chrono::Duration::seconds(30)];
        assert_eq!(
            judge_changes(since, &fresh, false, grace, now, Changes::Tickets).code,
            "activity_awaiting_sync"
        );
        let old = [now - chrono::Duration::minutes(20), now];
        let l = judge_changes(since, &old, false, grace, now, Changes::Chats);
        assert_eq!(
            (l.outcome, l.code.as_str()),
            (LinkOutcome::Failed, "chats_missing")
        );
        assert_eq!(l.evidence["resolved_chats"], 2);
    }
}
