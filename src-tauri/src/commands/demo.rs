use crate::AppState;
use idesk_core::demo::DemoInfo;
use idesk_core::CoreError;
use tauri::State;

/// Switches to the demo account (in-process simulator, own data folder).
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Result<DemoInfo, CoreError> {
    state.jobs.stop_all_syncs();
    let info = state.ws.start_demo().await;
    state.jobs.start_all_syncs();
    info
}

/// Leaves the demo and returns to the user's own integrations.
#[tauri::command]
pub async fn stop_demo(state: State<'_, AppState>) -> Result<(), CoreError> {
    state.jobs.stop_all_syncs();
    state.ws.stop_demo();
    state.jobs.start_all_syncs();
    Ok(())
}
