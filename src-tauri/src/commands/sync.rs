//! The continuous stage (F8): status, Pause/Resume, how often, sync now. Adapters over
//! `crate::sync` and `idesk_core::import::continuous`.

use crate::state::AppState;
use idesk_core::import::continuous::{self, SyncStatus};
use idesk_core::CoreError;
use tauri::{AppHandle, State};

fn status(state: &AppState, id: &str) -> Result<SyncStatus, CoreError> {
    state.with_integrations(|s| {
        let integration = s.find_integration(id)?;
        state.syncs.status(s, &integration.id)
    })
}

#[tauri::command]
pub fn sync_status(state: State<'_, AppState>, id: String) -> Result<SyncStatus, CoreError> {
    status(&state, &id)
}

/// Saves whether the continuous stage of `id` (a name or id) is paused; returns the id.
fn save_paused(state: &AppState, id: &str, paused: bool) -> Result<String, CoreError> {
    state.with_integrations(|s| {
        let id = s.find_integration(id)?.id;
        let settings = continuous::settings(s, &id)?;
        continuous::save_settings(s, &id, continuous::SyncSettings { paused, ..settings })?;
        Ok(id)
    })
}

/// Stops syncing until Resume; what was imported stays.
#[tauri::command]
pub fn pause_sync(state: State<'_, AppState>, id: String) -> Result<SyncStatus, CoreError> {
    let id = save_paused(&state, &id, true)?;
    state.syncs.stop(&id);
    status(&state, &id)
}

/// Syncs again at once, which imports everything that changed while paused.
#[tauri::command]
pub fn resume_sync(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<SyncStatus, CoreError> {
    let id = save_paused(&state, &id, false)?;
    if !state.import_running(&id) {
        state.syncs.start(&app, &id)?;
    }
    status(&state, &id)
}

#[tauri::command]
pub fn set_sync_every(
    state: State<'_, AppState>,
    id: String,
    minutes: u32,
) -> Result<SyncStatus, CoreError> {
    state.with_integrations(|s| {
        let id = s.find_integration(&id)?.id;
        state.syncs.set_every(s, &id, minutes)?;
        state.syncs.status(s, &id)
    })
}

#[tauri::command]
pub fn sync_now(state: State<'_, AppState>, id: String) -> Result<SyncStatus, CoreError> {
    state.syncs.sync_now(&id);
    status(&state, &id)
}
