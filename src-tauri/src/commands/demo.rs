use crate::AppState;
use idesk_core::demo::{DemoInfo, DemoProgress};
use idesk_core::CoreError;
use tauri::{AppHandle, Emitter, Runtime, State};

/// The event that carries a [`DemoProgress`] while the demo is being prepared.
pub const DEMO_PROGRESS_EVENT: &str = "demo-progress";

fn progress_to<R: Runtime>(app: AppHandle<R>) -> impl Fn(DemoProgress) + Send + Sync {
    move |p: DemoProgress| {
        let _ = app.emit(DEMO_PROGRESS_EVENT, p);
    }
}

/// Switches to the demo account (in-process simulator, own data folder) at its starting point:
/// both integrations set up, a few days imported, then syncing. Progress goes out as
/// `demo-progress` events.
#[tauri::command]
pub async fn start_demo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<DemoInfo, CoreError> {
    state.jobs.stop_all_syncs();
    let info = state.ws.start_demo(&progress_to(app)).await;
    state.jobs.start_all_syncs();
    info
}

/// Returns the demo to its starting point (what the presenter did in it is gone).
#[tauri::command]
pub async fn reset_demo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<DemoInfo, CoreError> {
    state.jobs.stop_all_syncs();
    state.jobs.abort_all_imports();
    let info = state.ws.reset_demo(&progress_to(app)).await;
    state.jobs.start_all_syncs();
    info
}

/// Leaves the demo and returns to the user's own integrations.
#[tauri::command]
pub async fn stop_demo(state: State<'_, AppState>) -> Result<(), CoreError> {
    state.jobs.stop_all_syncs();
    state.ws.stop_demo().await;
    state.jobs.start_all_syncs();
    Ok(())
}
