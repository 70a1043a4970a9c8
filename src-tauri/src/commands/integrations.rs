//! Integrations: adapters over `idesk_core::integrations::service`, which the CLI calls too.

use crate::AppState;
use idesk_core::integrations::service::{
    self, clean_api_key, ConnectionTest, GeneratedInjixoKey, SaveResult, StoreAccess,
};
use idesk_core::integrations::{Integration, Product};
use idesk_core::CoreError;
use tauri::State;

#[tauri::command]
pub async fn list_integrations(state: State<'_, AppState>) -> Result<Vec<Integration>, CoreError> {
    state.ws.with_store(|s| s.list_integrations())
}

#[tauri::command]
pub async fn get_integration(
    state: State<'_, AppState>,
    id: String,
) -> Result<Integration, CoreError> {
    state.ws.integration(&id)
}

/// The form's *Test connection*: validates the domain and key and runs the checks; stores nothing.
#[tauri::command]
pub async fn test_connection(
    state: State<'_, AppState>,
    product: Product,
    domain: String,
    api_key: String,
) -> Result<ConnectionTest, CoreError> {
    let (client, key) = (state.ws.freshworks()?, clean_api_key(&api_key)?);
    service::test_connection(&client, product, &domain, &key).await
}

/// *Save integration*: validates everything, runs the checks, and saves only when they allow it.
#[tauri::command]
pub async fn add_integration(
    state: State<'_, AppState>,
    product: Product,
    name: String,
    domain: String,
    api_key: String,
) -> Result<SaveResult, CoreError> {
    let (client, key) = (state.ws.freshworks()?, clean_api_key(&api_key)?);
    let attempt = service::add(&*state.ws, &client, product, &name, &domain, key).await?;
    attempt.into_result()
}

/// Edit name, domain and (when `api_key` is given) the key; the checks run again first.
#[tauri::command]
pub async fn edit_integration(
    state: State<'_, AppState>,
    id: String,
    name: String,
    domain: String,
    api_key: Option<String>,
) -> Result<SaveResult, CoreError> {
    let new_key = api_key.filter(|k| !k.trim().is_empty());
    let new_key = new_key.map(|k| clean_api_key(&k)).transpose()?;
    let client = state.ws.freshworks()?;
    let attempt = service::edit(&*state.ws, &client, &id, &name, &domain, new_key).await?;
    attempt.into_result()
}

#[tauri::command]
pub async fn recheck_integration(
    state: State<'_, AppState>,
    id: String,
) -> Result<Integration, CoreError> {
    let client = state.ws.freshworks()?;
    let (integration, _checks) = service::recheck(&*state.ws, &client, &id).await?;
    Ok(integration)
}

#[tauri::command]
pub async fn remove_integration(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    let (removed, _purged) = service::remove(&*state.ws, &id, false).await?;
    state.jobs.stop_sync(&removed.id);
    Ok(())
}

/// The new key travels in this answer (the store replaces the old key only after the key was
/// taken out for it); the UI shows it once.
#[tauri::command]
pub async fn generate_injixo_key(
    state: State<'_, AppState>,
    id: String,
) -> Result<GeneratedInjixoKey, CoreError> {
    let mut key = String::new();
    let integration = service::generate_injixo_key(&*state.ws, &id, |_, new| {
        key = new.expose().to_string();
        Ok(())
    })?;
    Ok(GeneratedInjixoKey { integration, key })
}
