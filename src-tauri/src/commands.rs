//! Tauri commands: each is a few lines that call the core and return its types or `{code, message}`.

use crate::state::AppState;
use idesk_core::info::AppInfo;
use idesk_core::language::Language;
use idesk_core::{CoreError, ErrorCode};
use tauri::State;

fn lock(state: &AppState) -> std::sync::MutexGuard<'_, Result<idesk_core::Store, CoreError>> {
    state.store.lock().unwrap_or_else(|e| e.into_inner())
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    let store = lock(&state);
    AppInfo::collect(&state.paths, store.as_ref())
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Language) -> Result<AppInfo, CoreError> {
    let store = lock(&state);
    let s = store
        .as_ref()
        .map_err(|e| CoreError::new(ErrorCode::StoreFailed, e.message.clone()))?;
    s.set_language(language)?;
    tracing::info!(language = language.code(), "language changed");
    Ok(AppInfo::collect(&state.paths, Ok(s)))
}
