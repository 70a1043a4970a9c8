//! `source_activity`: does the help desk have changes the cache lacks? Freshdesk: one ticket-list
//! page (1 credit, one of the ticket-list calls) of the tickets updated since the cache's newest
//! ticket. No activity at the source is not a fault; activity the next sync will bring is not
//! one either.

use super::sync::SyncRecord;
use super::{LinkId, LinkResult};
use crate::error::CoreResult;
use crate::freshworks::{Auth, FreshworksClient};
use crate::import::pacer::minute_from_env;
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
        return Ok(LinkResult::skipped(
            c,
            "not_checked_freshchat",
            "not checked for Freshchat yet: the chats resolved since the newest data need a raw report",
        ));
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
        .get(&integration.domain, &path, Auth::FreshdeskKey(key))
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
    Ok(judge(
        since,
        &changed_at,
        tickets.len() >= PAGE,
        grace,
        Utc::now(),
    ))
}

fn judge(
    since: DateTime<Utc>,
    changed_at: &[DateTime<Utc>],
    at_least: bool,
    grace: std::time::Duration,
    now: DateTime<Utc>,
) -> LinkResult {
    let c = LinkId::SourceActivity;
    let n = changed_at.len();
    let oldest = changed_at.iter().min().copied();
    let grace = chrono::Duration::from_std(grace).unwrap_or_default();
    let link = match oldest {
        None => LinkResult::passed(c, "no_new_activity", format!("the help desk has no ticket changes since {} that the cache lacks", stamp(since))),
        Some(first) if now - first <= grace => LinkResult::passed(
            c,
            "activity_awaiting_sync",
            format!("the help desk has {n} ticket change(s) since {}; the next sync brings them", stamp(since)),
        ),
        Some(_) => LinkResult::failed(
            c,
            "source_activity_missing",
            format!("the help desk has {}{n} new or changed ticket(s) since {}, the cache has none", if at_least { "at least " } else { "" }, stamp(since)),
            "The sync does not bring new data: fix the first failed link above; if none failed, run a sync now (Sync now in the app, or `idesk sync NAME`) and diagnose again.",
        ),
    };
    link.with("since", stamp(since))
        .with("changed_tickets", n)
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
            judge(since, &[], false, grace, now).outcome,
            LinkOutcome::Passed
        );
        let fresh = [now - chrono::Duration::seconds(30)];
        assert_eq!(
            judge(since, &fresh, false, grace, now).code,
            "activity_awaiting_sync"
        );
        let old = [now - chrono::Duration::minutes(20), now];
        let l = judge(since, &old, false, grace, now);
        assert_eq!(
            (l.outcome, l.code.as_str()),
            (LinkOutcome::Failed, "source_activity_missing")
        );
        assert_eq!(l.evidence["changed_tickets"], 2);
    }
}
