use crate::state::AppState;
use idesk_core::info::AppInfo;
use idesk_core::language::Language;
use idesk_core::CoreError;
use tauri::State;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    let demo = state.demo_info();
    let store = state.store.lock().unwrap_or_else(|e| e.into_inner());
    AppInfo::collect(&state.paths, store.as_ref(), demo)
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Language) -> Result<AppInfo, CoreError> {
    let demo = state.demo_info();
    state.with_user_store(|s| {
        s.set_language(language)?;
        tracing::info!(language = language.code(), "language changed");
        Ok(AppInfo::collect(&state.paths, Ok(s), demo))
    })
}

/// Opens one of the few addresses the app links to, in the system browser. The UI names the
/// target; it cannot open arbitrary URLs.
#[tauri::command]
pub fn open_marketplace(app: tauri::AppHandle) -> Result<(), CoreError> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(idesk_core::links::INJIXO_APP_MARKETPLACE_URL, None::<&str>)
        .map_err(|e| {
            CoreError::new(
                idesk_core::ErrorCode::Internal,
                format!("cannot open the browser: {e}"),
            )
        })
}
