//! The app's background continuous stage: one `idesk_core::import::continuous::watch` loop per
//! integration whose initial import finished and that the user did not pause. Stopping a loop
//! aborts its task, which is safe at any await point (every page commits with its bookmark).

use crate::state::AppState;
use idesk_core::import::continuous::{
    self, SyncInputs, SyncSettings, SyncState, SyncStatus, WatchSignals,
};
use idesk_core::import::ImportTarget;
use idesk_core::keychain::{self, SecretKind};
use idesk_core::{CoreError, Store};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Manager};

struct Loop {
    task: JoinHandle<()>,
    signals: Arc<WatchSignals>,
    status: Arc<Mutex<SyncStatus>>,
    settings: Arc<Mutex<SyncSettings>>,
}

#[derive(Default)]
pub struct Syncs {
    loops: Mutex<HashMap<String, Loop>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What one sync of `id` needs, read again before every sync (the key or domain may have been
/// edited since the last one).
fn inputs(app: &AppHandle, id: &str) -> Result<SyncInputs, CoreError> {
    let state = app.state::<AppState>();
    let integration = state.with_integrations(|s| s.find_integration(id))?;
    Ok(SyncInputs {
        secret: keychain::load(&integration.id, SecretKind::ApiKey)?,
        client: state.freshworks()?,
        target: ImportTarget {
            integration_id: integration.id,
            product: integration.product,
            domain: integration.domain,
        },
    })
}

impl Syncs {
    /// Starts the loop of `id` unless it runs, is paused, or has no finished initial import.
    pub fn start(&self, app: &AppHandle, id: &str) -> Result<(), CoreError> {
        let state = app.state::<AppState>();
        let mut store = state.open_integrations_store()?;
        let settings = continuous::settings(&store, id)?;
        if settings.paused || !continuous::initial_import_done(&store, id)? {
            return Ok(());
        }
        let mut loops = lock(&self.loops);
        if loops.get(id).is_some_and(|l| !l.task.inner().is_finished()) {
            return Ok(());
        }
        let status = Arc::new(Mutex::new(SyncStatus::stored(&store, id)?));
        let signals = Arc::new(WatchSignals::default());
        let settings = Arc::new(Mutex::new(settings));
        let task = {
            let (app, id) = (app.clone(), id.to_owned());
            let (status, signals, settings) = (status.clone(), signals.clone(), settings.clone());
            tauri::async_runtime::spawn(async move {
                let mut report = |event: continuous::WatchEvent<'_>| {
                    if let continuous::WatchEvent::Failed(e) = &event {
                        tracing::warn!(integration = %id, code = e.code.as_str(), "sync failed: {}", e.message);
                    }
                    lock(&status).apply(&event);
                };
                continuous::watch(
                    &mut store,
                    || inputs(&app, &id),
                    || lock(&settings).period(),
                    &signals,
                    &mut report,
                )
                .await;
            })
        };
        loops.insert(
            id.to_owned(),
            Loop {
                task,
                signals,
                status,
                settings,
            },
        );
        Ok(())
    }

    /// Starts the loop of every integration of the active store that should sync.
    pub fn start_all(&self, app: &AppHandle) {
        let ids = app
            .state::<AppState>()
            .with_integrations(|s| s.list_integrations())
            .map(|list| list.into_iter().map(|i| i.id).collect::<Vec<_>>());
        for id in ids.unwrap_or_default() {
            if let Err(e) = self.start(app, &id) {
                tracing::warn!(integration = %id, code = e.code.as_str(), "sync not started: {}", e.message);
            }
        }
    }

    /// Stops the loop of `id` (an import is about to run, or the user paused it).
    pub fn stop(&self, id: &str) {
        if let Some(l) = lock(&self.loops).remove(id) {
            l.task.abort();
        }
    }

    /// Stops every loop (the store that holds integrations changes: demo on or off).
    pub fn stop_all(&self) {
        for (_, l) in lock(&self.loops).drain() {
            l.task.abort();
        }
    }

    /// The status of `id`: its loop's, or what the store says when none runs.
    pub fn status(&self, store: &Store, id: &str) -> Result<SyncStatus, CoreError> {
        match lock(&self.loops).get(id) {
            Some(l) if !l.task.inner().is_finished() => Ok(lock(&l.status).clone()),
            _ => SyncStatus::stored(store, id),
        }
    }

    /// Saves a new period and makes a waiting loop use it.
    pub fn set_every(&self, store: &Store, id: &str, minutes: u32) -> Result<(), CoreError> {
        let mut settings = continuous::settings(store, id)?;
        settings.every_minutes = continuous::every_minutes(minutes)?;
        continuous::save_settings(store, id, settings)?;
        if let Some(l) = lock(&self.loops).get(id) {
            *lock(&l.settings) = settings;
            lock(&l.status).every_minutes = minutes;
            l.signals.reschedule.notify_one();
        }
        Ok(())
    }

    /// Starts the next sync of a waiting loop now.
    pub fn sync_now(&self, id: &str) {
        if let Some(l) = lock(&self.loops).get(id) {
            if lock(&l.status).state == SyncState::Waiting {
                l.signals.sync_now.notify_one();
            }
        }
    }
}
