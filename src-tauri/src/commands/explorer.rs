//! The queue-naming explorer and "What will my help desk create?" (issue 14): adapters over
//! `idesk_core::explorer`.

use crate::AppState;
use idesk_core::explorer::{self, NamedQueue, NamingOptions, NamingQuery, QueueShares};
use idesk_core::integrations::service::StoreAccess;
use idesk_core::CoreError;
use tauri::State;

/// The groups and sources the naming form offers for an integration.
#[tauri::command]
pub async fn naming_options(
    state: State<'_, AppState>,
    id: String,
) -> Result<NamingOptions, CoreError> {
    state
        .ws
        .with_store(|s| explorer::naming_options(s, &s.find_integration(&id)?))
}

/// The queue a contact lands in, with the rule and decisions behind its name.
#[tauri::command]
pub async fn name_queue(
    state: State<'_, AppState>,
    id: String,
    query: NamingQuery,
) -> Result<NamedQueue, CoreError> {
    state
        .ws
        .with_store(|s| explorer::name_queue(s, &s.find_integration(&id)?, &query))
}

/// Every queue of the cached contacts with its share of them.
#[tauri::command]
pub async fn queue_shares(
    state: State<'_, AppState>,
    id: String,
) -> Result<QueueShares, CoreError> {
    state
        .ws
        .with_store(|s| explorer::queue_shares(s, &s.find_integration(&id)?))
}

/// [`queue_shares`] as CSV text (the UI saves it).
#[tauri::command]
pub async fn queue_shares_csv(state: State<'_, AppState>, id: String) -> Result<String, CoreError> {
    state
        .ws
        .with_store(|s| explorer::queue_shares_csv(s, &s.find_integration(&id)?))
}

/// Saves the queue shares as a CSV file under `<data folder>/reports/` and answers its path.
#[tauri::command]
pub async fn save_queue_shares_csv(
    state: State<'_, AppState>,
    id: String,
) -> Result<String, CoreError> {
    let dir = state.ws.reports_dir();
    let path = state
        .ws
        .with_store(|s| explorer::save_queue_shares_csv(s, &s.find_integration(&id)?, &dir))?;
    Ok(path.display().to_string())
}
