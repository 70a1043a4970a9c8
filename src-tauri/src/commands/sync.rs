//! The continuous stage (F8 in docs/product.md): status, Pause/Resume, how often, sync now. Adapters over
//! `crate::jobs`.

use crate::AppState;
use idesk_core::import::continuous::SyncStatus;
use idesk_core::CoreError;
use tauri::State;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>, id: String) -> Result<SyncStatus, CoreError> {
    state.jobs.sync_status(&id)
}

/// Stops syncing until Resume; what was imported stays.
#[tauri::command]
pub async fn pause_sync(state: State<'_, AppState>, id: String) -> Result<SyncStatus, CoreError> {
    state.jobs.set_sync_paused(&id, true)
}

/// Syncs again at once, which imports everything that changed while paused.
#[tauri::command]
pub async fn resume_sync(state: State<'_, AppState>, id: String) -> Result<SyncStatus, CoreError> {
    state.jobs.set_sync_paused(&id, false)
}

#[tauri::command]
pub async fn set_sync_every(
    state: State<'_, AppState>,
    id: String,
    minutes: u32,
) -> Result<SyncStatus, CoreError> {
    state.jobs.set_sync_every(&id, minutes)
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>, id: String) -> Result<SyncStatus, CoreError> {
    state.jobs.sync_now(&id)
}
