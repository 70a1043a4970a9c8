use crate::state::AppState;
use idesk_core::demo::DemoInfo;
use idesk_core::CoreError;
use tauri::State;

/// Switches to the demo account (in-process simulator, own data folder).
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Result<DemoInfo, CoreError> {
    state.start_demo().await
}

/// Leaves the demo and returns to the user's own integrations.
#[tauri::command]
pub fn stop_demo(state: State<'_, AppState>) {
    state.stop_demo()
}
