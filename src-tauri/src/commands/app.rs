use crate::AppState;
use idesk_core::info::AppInfo;
use idesk_core::language::Language;
use idesk_core::{CoreError, ErrorCode};
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CoreError> {
    Ok(state.ws.app_info())
}

/// The UI painted its first screen: the deferred start-up work begins (see `crate::startup`).
#[tauri::command]
pub async fn ui_ready<R: Runtime>(app: AppHandle<R>) -> Result<(), CoreError> {
    crate::startup::ui_ready(&app);
    Ok(())
}

#[tauri::command]
pub async fn set_language(
    state: State<'_, AppState>,
    language: Language,
) -> Result<AppInfo, CoreError> {
    state.ws.set_language(language)
}

/// Opens one of the few addresses the app links to, in the system browser. The UI names the
/// target; it cannot open arbitrary URLs.
#[tauri::command]
pub async fn open_marketplace<R: Runtime>(app: AppHandle<R>) -> Result<(), CoreError> {
    open_url(&app, idesk_core::links::INJIXO_APP_MARKETPLACE_URL)
}

pub(super) fn open_url<R: Runtime>(app: &AppHandle<R>, url: &str) -> Result<(), CoreError> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| CoreError::new(ErrorCode::Internal, format!("cannot open the browser: {e}")))
}
