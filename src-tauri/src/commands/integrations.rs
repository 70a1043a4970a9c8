use crate::state::AppState;
use idesk_core::integrations::service::{
    self, clean_api_key, ConnectionTest, GeneratedInjixoKey, SaveResult,
};
use idesk_core::integrations::{Integration, Product};
use idesk_core::CoreError;
use tauri::State;

#[tauri::command]
pub fn list_integrations(state: State<'_, AppState>) -> Result<Vec<Integration>, CoreError> {
    state.with_integrations(|s| s.list_integrations())
}

#[tauri::command]
pub fn get_integration(state: State<'_, AppState>, id: String) -> Result<Integration, CoreError> {
    state.with_integrations(|s| s.find_integration(&id))
}

/// The form's *Test connection*: validates the domain and key and runs the checks; stores nothing.
#[tauri::command]
pub async fn test_connection(
    state: State<'_, AppState>,
    product: Product,
    domain: String,
    api_key: String,
) -> Result<ConnectionTest, CoreError> {
    let key = clean_api_key(&api_key)?;
    service::test_connection(&state.freshworks()?, product, &domain, &key).await
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
    let key = clean_api_key(&api_key)?;
    let input =
        state.with_integrations(|s| service::validate_setup(s, product, &name, &domain, &key))?;
    let checks = service::run_checks(
        &state.freshworks()?,
        product,
        &input.domain.host,
        &input.key,
    )
    .await;
    let test = ConnectionTest {
        can_save: idesk_core::freshworks::checks::allows_saving(product, &checks),
        domain: input.domain.clone(),
        checks,
    };
    let integration = if test.can_save {
        Some(state.with_integrations(|s| service::save(s, &input, &test.checks))?)
    } else {
        None
    };
    Ok(SaveResult { test, integration })
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
    let key = api_key
        .filter(|k| !k.trim().is_empty())
        .map(|k| clean_api_key(&k))
        .transpose()?;
    let edit = state
        .with_integrations(|s| service::validate_edit(s, &id, &name, &domain, key.as_ref()))?;
    let product = edit.setup.product;
    let checks = service::run_checks(
        &state.freshworks()?,
        product,
        &edit.setup.domain.host,
        &edit.setup.key,
    )
    .await;
    let test = ConnectionTest {
        can_save: idesk_core::freshworks::checks::allows_saving(product, &checks),
        domain: edit.setup.domain.clone(),
        checks,
    };
    let integration = if test.can_save {
        Some(state.with_integrations(|s| service::save_edit(s, &edit, &test.checks))?)
    } else {
        None
    };
    Ok(SaveResult { test, integration })
}

#[tauri::command]
pub async fn recheck_integration(
    state: State<'_, AppState>,
    id: String,
) -> Result<Integration, CoreError> {
    let (integration, key) = state.with_integrations(|s| {
        let i = s.find_integration(&id)?;
        let key = idesk_core::keychain::load(&i.id, idesk_core::keychain::SecretKind::ApiKey)?;
        Ok((i, key))
    })?;
    let checks = service::run_checks(
        &state.freshworks()?,
        integration.product,
        &integration.domain,
        &key,
    )
    .await;
    state.with_integrations(|s| {
        service::record_checks(s, &integration.id, integration.product, &checks)
    })
}

#[tauri::command]
pub fn remove_integration(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    state.with_integrations(|s| service::remove(s, &id, false).map(|_| ()))?;
    state.syncs.stop(&id);
    Ok(())
}

#[tauri::command]
pub fn generate_injixo_key(
    state: State<'_, AppState>,
    id: String,
) -> Result<GeneratedInjixoKey, CoreError> {
    state.with_integrations(|s| {
        let (integration, key) = service::generate_injixo_key(s, &id)?;
        Ok(GeneratedInjixoKey {
            integration,
            key: key.expose().to_string(),
        })
    })
}
