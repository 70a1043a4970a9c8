//! The continuous stage: one `idesk_core::import::continuous::watch` loop per integration whose
//! initial import finished and that the user did not pause. Stopping a loop aborts its task,
//! which is safe at any await point (every page commits with its bookmark).

use super::{lock, supervise, Ended, Jobs, Task};
use idesk_core::error::CoreResult;
use idesk_core::import::continuous::{
    self, SyncInputs, SyncSettings, SyncState, SyncStatus, WatchEvent, WatchSignals,
};
use idesk_core::integrations::service::StoreAccess;
use idesk_core::keychain::{self, SecretKind};
use idesk_core::{CoreError, ErrorCode, Store};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub(super) struct Loop {
    task: Task,
    signals: Arc<WatchSignals>,
    status: Arc<Mutex<SyncStatus>>,
    settings: Arc<Mutex<SyncSettings>>,
    /// The loop panicked: its status says why until it starts again.
    crashed: Arc<AtomicBool>,
}

impl Jobs {
    /// Starts the loop of `id` unless it runs, is paused, or has no finished initial import.
    pub fn start_sync(&self, id: &str) -> CoreResult<()> {
        // Read before `syncs` is locked: the workspace's locks are never taken under it.
        let mut store = self.ws.open_integrations_store()?;
        let settings = continuous::settings(&store, id)?;
        if settings.paused || !continuous::initial_import_done(&store, id)? {
            return Ok(());
        }
        let status = SyncStatus::stored(&store, id)?;
        let (ws, key, notify) = (self.ws.clone(), id.to_owned(), self.status_notifier());
        self.spawn_sync(id, status, settings, move |status, settings, signals| async move {
            let mut report = |event: WatchEvent<'_>| {
                if let WatchEvent::Failed(e) = &event {
                    tracing::warn!(integration = %key, code = e.code.as_str(), "sync failed: {}", e.message);
                }
                let ended = matches!(event, WatchEvent::Synced(_) | WatchEvent::Failed(_));
                lock(&status).apply(&event);
                if ended {
                    notify(&key);
                }
            };
            let period = || lock(&settings).period();
            // A sync whose inputs cannot be read (the key gone from the keychain) never reaches
            // the importer, which records every run it makes: record it here.
            let inputs = || {
                sync_inputs(&ws, &key).inspect_err(|e| super::record_failure(&ws, &key, e))
            };
            continuous::watch(&mut store, inputs, period, &signals, &mut report).await;
        });
        Ok(())
    }

    /// Runs a sync loop's `work` supervised, unless one runs: a panic leaves a status that
    /// says so (stage off, the reason as its error) instead of one that stays "syncing".
    pub(super) fn spawn_sync<F>(
        &self,
        id: &str,
        mut status: SyncStatus,
        settings: SyncSettings,
        work: impl FnOnce(Arc<Mutex<SyncStatus>>, Arc<Mutex<SyncSettings>>, Arc<WatchSignals>) -> F,
    ) where
        F: Future<Output = ()> + Send + 'static,
    {
        let mut loops = lock(&self.syncs);
        if loops.get(id).is_some_and(|l| l.task.running()) {
            return;
        }
        // A loop's first step is a sync. Its status says so from the start: a status read
        // before the task first runs (a loaded machine) would otherwise show the stored "off".
        status.apply(&WatchEvent::Syncing);
        let status = Arc::new(Mutex::new(status));
        let signals = Arc::new(WatchSignals::default());
        let settings = Arc::new(Mutex::new(settings));
        let crashed = Arc::new(AtomicBool::new(false));
        let work = work(status.clone(), settings.clone(), signals.clone());
        let ticket = self.tickets.fetch_add(1, Ordering::SeqCst);
        let on_end = {
            let (id, status, crashed) = (id.to_owned(), status.clone(), crashed.clone());
            move |ended: Ended<()>| {
                if let Ended::Panicked(why) = ended {
                    tracing::error!(integration = %id, "the sync stopped unexpectedly: {why}");
                    let error = CoreError::new(
                        ErrorCode::Internal,
                        format!("the sync stopped unexpectedly: {why}"),
                    );
                    let mut status = lock(&status);
                    status.apply(&WatchEvent::Failed(error));
                    status.state = SyncState::Off;
                    status.next_sync_at = None;
                    crashed.store(true, Ordering::SeqCst);
                }
            }
        };
        let task = supervise(ticket, work, on_end);
        let new = Loop {
            task,
            signals,
            status,
            settings,
            crashed,
        };
        loops.insert(id.to_owned(), new);
    }

    pub(super) fn start_sync_or_log(&self, id: &str) {
        if let Err(e) = self.start_sync(id) {
            tracing::warn!(integration = %id, code = e.code.as_str(), "sync not started: {}", e.message);
            self.record_sync_failure(id, &e);
        }
    }

    /// Starts the loop of every integration of the active store that should sync.
    pub fn start_all_syncs(&self) {
        let ids = self.ws.with_store(|s| s.list_integrations());
        for integration in ids.unwrap_or_default() {
            self.start_sync_or_log(&integration.id);
        }
    }

    /// Stops the loop of `id` (an import is about to run, or the user paused it).
    pub fn stop_sync(&self, id: &str) {
        if let Some(l) = lock(&self.syncs).remove(id) {
            l.task.abort.abort();
        }
    }

    /// Stops every loop (the store that holds integrations changes: demo on or off).
    pub fn stop_all_syncs(&self) {
        for (_, l) in lock(&self.syncs).drain() {
            l.task.abort.abort();
        }
    }

    /// The status of `id` (a name or id): its loop's, or what the store says when none runs.
    pub fn sync_status(&self, id: &str) -> CoreResult<SyncStatus> {
        self.ws.with_store(|s| {
            let id = s.find_integration(id)?.id;
            self.status_in(s, &id)
        })
    }

    pub(super) fn status_in(&self, store: &Store, id: &str) -> CoreResult<SyncStatus> {
        match lock(&self.syncs).get(id) {
            Some(l) if l.task.running() || l.crashed.load(Ordering::SeqCst) => {
                Ok(lock(&l.status).clone())
            }
            _ => SyncStatus::stored(store, id),
        }
    }

    /// Saves whether the continuous stage of `id` is paused, then stops or starts its loop.
    pub fn set_sync_paused(&self, id: &str, paused: bool) -> CoreResult<SyncStatus> {
        let id = self.ws.with_store(|s| {
            let id = s.find_integration(id)?.id;
            let settings = continuous::settings(s, &id)?;
            continuous::save_settings(s, &id, SyncSettings { paused, ..settings })?;
            Ok(id)
        })?;
        match paused {
            true => self.stop_sync(&id),
            // Syncs again at once, which imports everything that changed while paused.
            false if !self.import_running(&id) => self.start_sync(&id)?,
            false => {}
        }
        (self.status_notifier())(&id);
        self.sync_status(&id)
    }

    /// Saves a new period and makes a waiting loop use it.
    pub fn set_sync_every(&self, id: &str, minutes: u32) -> CoreResult<SyncStatus> {
        self.ws.with_store(|s| {
            let id = s.find_integration(id)?.id;
            let mut settings = continuous::settings(s, &id)?;
            settings.every_minutes = continuous::every_minutes(minutes)?;
            continuous::save_settings(s, &id, settings)?;
            if let Some(l) = lock(&self.syncs).get(&id) {
                *lock(&l.settings) = settings;
                lock(&l.status).every_minutes = minutes;
                l.signals.reschedule.notify_one();
            }
            self.status_in(s, &id)
        })
    }

    /// Starts the next sync now when the loop of `id` is waiting.
    pub fn sync_now(&self, id: &str) -> CoreResult<SyncStatus> {
        if let Some(l) = lock(&self.syncs).get(id) {
            if lock(&l.status).state == SyncState::Waiting {
                l.signals.sync_now.notify_one();
            }
        }
        self.sync_status(id)
    }
}

/// What one sync of `id` needs, read again before every sync (the key or domain may have been
/// edited since the last one). The keychain is read outside the store's lock.
fn sync_inputs(ws: &crate::workspace::Workspace, id: &str) -> CoreResult<SyncInputs> {
    let integration = ws.integration(id)?;
    Ok(SyncInputs {
        secret: keychain::load(&integration.id, SecretKind::ApiKey)?,
        client: ws.freshworks()?,
        target: integration.import_target(),
    })
}
