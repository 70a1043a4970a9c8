use crate::state::AppState;
use idesk_core::demo::DemoInfo;
use idesk_core::CoreError;
use tauri::{AppHandle, State};

/// Switches to the demo account (in-process simulator, own data folder).
#[tauri::command]
pub async fn start_demo(app: AppHandle, state: State<'_, AppState>) -> Result<DemoInfo, CoreError> {
    state.syncs.stop_all();
    let info = state.start_demo().await;
    state.syncs.start_all(&app);
    info
}

/// Leaves the demo and returns to the user's own integrations.
#[tauri::command]
pub fn stop_demo(app: AppHandle, state: State<'_, AppState>) {
    state.syncs.stop_all();
    state.stop_demo();
    state.syncs.start_all(&app);
}
