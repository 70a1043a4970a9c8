//! The continuous stage after the initial import: how often it syncs and whether the user paused
//! it (kept per integration), and the loop that keeps syncing (the app's background sync and
//! `idesk sync --watch`).

use super::{cache, run_sync, ImportSummary, ImportTarget, Progress};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::pacer;
use crate::freshworks::FreshworksClient;
use crate::secret::Secret;
use crate::store::Store;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::Instant;
use ts_rs::TS;

/// How often the continuous stage syncs unless the user chose otherwise.
pub const DEFAULT_EVERY_MINUTES: u32 = 5;
/// The longest period: once a day.
pub const MAX_EVERY_MINUTES: u32 = 1440;

/// The user's choices for one integration's continuous stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncSettings {
    pub paused: bool,
    pub every_minutes: u32,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            paused: false,
            every_minutes: DEFAULT_EVERY_MINUTES,
        }
    }
}

impl SyncSettings {
    /// The wait between two syncs (a minute lasts 60/N seconds under `IDESK_TIME_SCALE=N`).
    pub fn period(&self) -> Duration {
        pacer::minute_from_env() * self.every_minutes
    }
}

/// Checks a period given by the user.
pub fn every_minutes(minutes: u32) -> CoreResult<u32> {
    if (1..=MAX_EVERY_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(CoreError::new(
            ErrorCode::InvalidSyncInterval,
            format!("sync every {minutes} minutes: use 1 to {MAX_EVERY_MINUTES} minutes"),
        ))
    }
}

pub fn settings(store: &Store, integration_id: &str) -> CoreResult<SyncSettings> {
    store
        .conn()
        .query_row(
            "SELECT paused, every_minutes FROM import_sync_settings WHERE integration_id = ?1",
            [integration_id],
            |r| {
                Ok(SyncSettings {
                    paused: r.get(0)?,
                    every_minutes: r.get(1)?,
                })
            },
        )
        .optional()
        .map(Option::unwrap_or_default)
        .map_err(|e| store.map_err(e))
}

pub fn save_settings(
    store: &Store,
    integration_id: &str,
    settings: SyncSettings,
) -> CoreResult<SyncSettings> {
    every_minutes(settings.every_minutes)?;
    store
        .conn()
        .execute(
            "INSERT INTO import_sync_settings (integration_id, paused, every_minutes) VALUES (?1, ?2, ?3)
             ON CONFLICT (integration_id) DO UPDATE SET paused = excluded.paused, every_minutes = excluded.every_minutes",
            params![integration_id, settings.paused, settings.every_minutes],
        )
        .map_err(|e| store.map_err(e))?;
    Ok(settings)
}

/// Whether an initial import of the integration has completed (its window is covered): the
/// continuous stage only follows a finished backfill.
pub fn initial_import_done(store: &Store, integration_id: &str) -> CoreResult<bool> {
    cache::coverage(store.conn(), integration_id)
        .map(|ranges| !ranges.is_empty())
        .map_err(|e| store.map_err(e))
}

/// When the last completed run (initial import or sync) ended, RFC 3339.
pub fn last_completed_at(store: &Store, integration_id: &str) -> CoreResult<Option<String>> {
    cache::last_completed_at(store.conn(), integration_id).map_err(|e| store.map_err(e))
}

/// What the loop tells its owner.
pub enum WatchEvent<'a> {
    /// A sync starts.
    Syncing,
    Progress(&'a Progress),
    Synced(ImportSummary),
    /// The sync failed; the loop tries again at the next period.
    Failed(CoreError),
    /// Waiting; the next sync starts after this long (unless woken).
    Waiting(Duration),
}

/// Wakes a [`watch`] loop: `sync_now` starts a sync at once, `reschedule` makes it read the
/// period again (after the user changed it).
#[derive(Debug, Default)]
pub struct WatchSignals {
    pub sync_now: Notify,
    pub reschedule: Notify,
}

/// What one sync needs, read again before every sync so that an edited key or domain is used.
pub struct SyncInputs {
    pub target: ImportTarget,
    pub secret: Secret,
    pub client: FreshworksClient,
}

/// Syncs, waits `period()`, and again, until the future is dropped (which is safe at any
/// point: every page is committed with its bookmark, and the next sync continues from there).
/// A failed sync is reported and tried again at the next period; nothing is counted twice.
pub async fn watch(
    store: &mut Store,
    inputs: impl Fn() -> CoreResult<SyncInputs>,
    period: impl Fn() -> Duration,
    signals: &WatchSignals,
    report: &mut (dyn FnMut(WatchEvent<'_>) + Send),
) {
    loop {
        report(WatchEvent::Syncing);
        let outcome = match inputs() {
            Ok(SyncInputs {
                target,
                secret,
                client,
            }) => {
                let mut progress = |p: &Progress| report(WatchEvent::Progress(p));
                run_sync(store, &target, secret, client, &mut progress).await
            }
            Err(e) => Err(e),
        };
        report(match outcome {
            Ok(summary) => WatchEvent::Synced(summary),
            Err(error) => WatchEvent::Failed(error),
        });
        let finished = Instant::now();
        loop {
            let deadline = finished + period();
            report(WatchEvent::Waiting(
                deadline.saturating_duration_since(Instant::now()),
            ));
            tokio::select! {
                _ = tokio::time::sleep_until(deadline) => break,
                _ = signals.sync_now.notified() => break,
                _ = signals.reschedule.notified() => continue,
            }
        }
    }
}

/// Where an integration's continuous stage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SyncState {
    /// Not running: no initial import has finished yet, or one is running now.
    Off,
    Syncing,
    /// Between two syncs.
    Waiting,
    Paused,
}

/// What the app shows of the continuous stage.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncStatus {
    pub state: SyncState,
    pub every_minutes: u32,
    /// When the last sync (or the initial import) completed, RFC 3339.
    pub last_synced_at: Option<String>,
    /// Contacts the last sync of this session added.
    #[ts(type = "number | null")]
    pub last_new_contacts: Option<u64>,
    /// When the next sync starts, RFC 3339 (while waiting).
    pub next_sync_at: Option<String>,
    /// Why the last sync failed; cleared by the next one that succeeds.
    pub error: Option<CoreError>,
}

impl SyncStatus {
    /// The status of a loop that is not running, from the store.
    pub fn stored(store: &Store, integration_id: &str) -> CoreResult<SyncStatus> {
        let settings = settings(store, integration_id)?;
        Ok(SyncStatus {
            state: if settings.paused {
                SyncState::Paused
            } else {
                SyncState::Off
            },
            every_minutes: settings.every_minutes,
            last_synced_at: last_completed_at(store, integration_id)?,
            last_new_contacts: None,
            next_sync_at: None,
            error: None,
        })
    }

    /// Follows the loop's events.
    pub fn apply(&mut self, event: &WatchEvent<'_>) {
        match event {
            WatchEvent::Syncing => {
                self.state = SyncState::Syncing;
                self.next_sync_at = None;
            }
            WatchEvent::Progress(_) => {}
            WatchEvent::Synced(summary) => {
                self.last_synced_at = Some(chrono::Utc::now().to_rfc3339());
                self.last_new_contacts = Some(summary.new_contacts);
                self.error = None;
            }
            WatchEvent::Failed(error) => self.error = Some(error.clone()),
            WatchEvent::Waiting(wait) => {
                self.state = SyncState::Waiting;
                self.next_sync_at = chrono::Duration::from_std(*wait)
                    .ok()
                    .map(|wait| (chrono::Utc::now() + wait).to_rfc3339());
            }
        }
    }
}
