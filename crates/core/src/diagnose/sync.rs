//! `sync`: the continuous stage runs: not paused, not failing, not stopped since the app was
//! closed. Everything it reads is behind [`sync_record`], so the source of the sync outcomes can
//! change (persisted outcomes, `crates/core/src/status/`) in one place.

use super::{LinkId, LinkResult};
use crate::error::CoreResult;
use crate::import::continuous::{self, SyncSettings};
use crate::store::Store;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

/// A sync that has not completed for this many periods (and at least [`MIN_STALE_MINUTES`]) has
/// stopped: the app was closed, or the loop is stuck.
const STALE_PERIODS: u32 = 3;
const MIN_STALE_MINUTES: u32 = 15;

/// What is known of an integration's continuous stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRecord {
    pub settings: SyncSettings,
    /// No initial import has completed (nothing to sync from).
    pub imported: bool,
    /// When the last run (import or sync) completed.
    pub last_completed_at: Option<DateTime<Utc>>,
    /// A run started and not completed (running now, or interrupted).
    pub run_open_since: Option<DateTime<Utc>>,
    /// The last failed sync: its error code and when (`None` until sync outcomes are persisted).
    pub last_error: Option<(String, DateTime<Utc>)>,
}

/// The one place that reads the sync's state for the diagnosis.
pub fn sync_record(store: &Store, integration_id: &str) -> CoreResult<SyncRecord> {
    let settings = continuous::settings(store, integration_id)?;
    let imported = continuous::initial_import_done(store, integration_id)?;
    let parse = |s: Option<String>| {
        s.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    let last_completed_at = parse(continuous::last_completed_at(store, integration_id)?);
    let open: Option<String> = store
        .conn()
        .query_row(
            "SELECT started_at FROM import_runs WHERE integration_id = ?1 AND completed_at IS NULL",
            [integration_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| store.map_err(e))?;
    Ok(SyncRecord {
        settings,
        imported,
        last_completed_at,
        run_open_since: parse(open),
        last_error: None,
    })
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(super) fn link(record: &SyncRecord) -> LinkResult {
    link_at(record, Utc::now())
}

fn link_at(record: &SyncRecord, now: DateTime<Utc>) -> LinkResult {
    let c = LinkId::Sync;
    let every = record.settings.every_minutes;
    let last = record.last_completed_at.map(stamp);
    let evidence = |l: LinkResult| {
        l.with("paused", record.settings.paused)
            .with("every_minutes", every)
            .with("last_sync_at", last.clone())
            .with(
                "last_error",
                record.last_error.as_ref().map(|(code, _)| code.clone()),
            )
            .with(
                "last_error_at",
                record.last_error.as_ref().map(|(_, at)| stamp(*at)),
            )
    };
    if !record.imported {
        return evidence(LinkResult::failed(
            c,
            "not_imported",
            "no import has completed yet, so there is nothing to sync",
            "Run the initial import (Import in the app, or `idesk import NAME`).",
        ));
    }
    if record.settings.paused {
        return evidence(LinkResult::failed(
            c,
            "sync_paused",
            "the sync is paused: no new data arrives",
            "Resume the sync on the integration's page.",
        ));
    }
    if let Some((code, at)) = &record.last_error {
        if record.last_completed_at.is_none_or(|ok| ok < *at) {
            return evidence(LinkResult::failed(
                c,
                "sync_failing",
                format!("the last sync failed ({code}) at {}", stamp(*at)),
                "Follow the fix of that error (see the links above), then sync again.",
            ));
        }
    }
    let stale_after =
        chrono::Duration::minutes(i64::from((every * STALE_PERIODS).max(MIN_STALE_MINUTES)));
    match record.last_completed_at {
        Some(at) if now - at > stale_after => evidence(LinkResult::failed(
            c,
            "sync_stopped",
            format!("the last sync completed at {}, more than {} minutes ago: the sync has stopped (the app was closed?)", stamp(at), stale_after.num_minutes()),
            "Open Integration Desk and leave it running (or run `idesk sync NAME --watch`); it catches up from where it stopped.",
        ))
        .with("stale_after_minutes", stale_after.num_minutes()),
        _ => evidence(LinkResult::passed(c, "sync_running", "the sync is running and completed recently")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::LinkOutcome;

    fn record(paused: bool, minutes_ago: i64, now: DateTime<Utc>) -> SyncRecord {
        SyncRecord {
            settings: SyncSettings {
                paused,
                every_minutes: 5,
            },
            imported: true,
            last_completed_at: Some(now - chrono::Duration::minutes(minutes_ago)),
            run_open_since: None,
            last_error: None,
        }
    }

    #[test]
    fn paused_stopped_and_failing_syncs_fail() {
        let now = Utc::now();
        assert_eq!(
            link_at(&record(false, 2, now), now).outcome,
            LinkOutcome::Passed
        );
        assert_eq!(link_at(&record(true, 2, now), now).code, "sync_paused");
        assert_eq!(link_at(&record(false, 16, now), now).code, "sync_stopped");
        let mut failing = record(false, 10, now);
        failing.last_error = Some((
            "import_key_rejected".into(),
            now - chrono::Duration::minutes(1),
        ));
        assert_eq!(link_at(&failing, now).code, "sync_failing");
        let mut never = record(false, 0, now);
        never.imported = false;
        assert_eq!(link_at(&never, now).code, "not_imported");
    }
}
