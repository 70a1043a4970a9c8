//! Status, diagnosis and the injixo key check (F11–F13 in docs/product.md): adapters over `idesk_core::status`,
//! `idesk_core::diagnose` and `idesk_core::integrations::injixo_key_check`.

use crate::AppState;
use idesk_core::diagnose::{self, DiagnosisRun};
use idesk_core::integrations::injixo_key_check::{self, KeyCheck};
use idesk_core::integrations::service::StoreAccess;
use idesk_core::status::{self, StatusCard, StatusReport};
use idesk_core::{CoreError, ErrorCode, Secret};
use tauri::State;

#[tauri::command]
pub async fn integration_statuses(state: State<'_, AppState>) -> Result<StatusReport, CoreError> {
    state.ws.with_store(|s| status::cards(s))
}

#[tauri::command]
pub async fn integration_status(
    state: State<'_, AppState>,
    id: String,
) -> Result<StatusCard, CoreError> {
    state
        .ws
        .with_store(|s| status::card_of(s, &s.find_integration(&id)?))
}

/// Checks every link live, on a store connection of its own (the app's store lock is not held
/// while the help desk answers) and on a blocking thread: the diagnosis holds that connection,
/// which cannot be shared between threads, across its calls.
#[tauri::command]
pub async fn run_diagnosis(
    state: State<'_, AppState>,
    id: String,
) -> Result<DiagnosisRun, CoreError> {
    let store = state.ws.open_integrations_store()?;
    let client = state.ws.freshworks()?;
    let diagnosis = move || tauri::async_runtime::block_on(diagnose::run(&store, &client, &id));
    tauri::async_runtime::spawn_blocking(diagnosis)
        .await
        .map_err(|e| CoreError::new(ErrorCode::Internal, format!("the diagnosis stopped: {e}")))?
}

/// Writes a diagnosis report to `<data folder>/reports/` and answers the file's path.
#[tauri::command]
pub async fn save_diagnosis_report(
    state: State<'_, AppState>,
    id: String,
    report: String,
) -> Result<String, CoreError> {
    let integration = state.ws.integration(&id)?;
    let path = diagnose::save_report(&state.ws.reports_dir(), &integration.name, &report)?;
    Ok(path.display().to_string())
}

/// Whether a key pasted from the client app is the active injixo API key.
#[tauri::command]
pub async fn check_injixo_key(
    state: State<'_, AppState>,
    id: String,
    key: String,
) -> Result<KeyCheck, CoreError> {
    let key = Secret::new(key);
    state
        .ws
        .with_store(|s| injixo_key_check::check(s, &id, &key))
}
