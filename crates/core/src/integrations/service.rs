//! The setup flow's operations, shared by the app and the CLI: test a connection, add, check,
//! remove, and generate the injixo API key. Nothing is persisted unless every step succeeds.

use super::domain::{normalize_domain, NormalizedDomain};
use super::name::validate_name;
use super::product::Product;
use super::records::{self, Integration, NewRow};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::checks::{allows_saving, check_freshchat, check_freshdesk, CheckResult};
use crate::freshworks::FreshworksClient;
use crate::keychain::{self, SecretKind};
use crate::secret::Secret;
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

/// Cleans a pasted key: surrounding blanks and any line breaks inside are removed.
pub fn clean_api_key(raw: &str) -> CoreResult<Secret> {
    let cleaned: String = raw
        .chars()
        .filter(|c| *c != '\n' && *c != '\r')
        .collect::<String>()
        .trim()
        .to_string();
    if cleaned.is_empty() {
        return Err(CoreError::new(ErrorCode::ApiKeyEmpty, "paste the API key"));
    }
    // A control character cannot be sent in a header: say so, not "builder error" later.
    if cleaned.chars().any(char::is_control) {
        return Err(CoreError::new(
            ErrorCode::ApiKeyInvalidCharacters,
            "the API key contains control characters (such as a tab); copy it again and paste only the key",
        ));
    }
    Ok(Secret::new(cleaned))
}

/// What a connection test found.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionTest {
    pub domain: NormalizedDomain,
    pub checks: Vec<CheckResult>,
    /// True when the required checks passed and the plan did not fail.
    pub can_save: bool,
}

/// Validates the domain and runs the product's checks. Stores nothing.
pub async fn test_connection(
    client: &FreshworksClient,
    product: Product,
    domain: &str,
    key: &Secret,
) -> CoreResult<ConnectionTest> {
    let domain = normalize_domain(domain, product)?;
    let checks = run_checks(client, product, &domain.host, key).await;
    let can_save = allows_saving(product, &checks);
    tracing::info!(product = product.as_str(), host = %domain.host, can_save, "connection test");
    Ok(ConnectionTest {
        domain,
        checks,
        can_save,
    })
}

pub async fn run_checks(
    client: &FreshworksClient,
    product: Product,
    host: &str,
    key: &Secret,
) -> Vec<CheckResult> {
    match product {
        Product::Freshdesk => check_freshdesk(client, host, key).await,
        Product::Freshchat => check_freshchat(client, host, key).await,
    }
}

/// What saving (or editing) an integration did: the checks, and the integration when it was saved.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SaveResult {
    pub test: ConnectionTest,
    pub integration: Option<Integration>,
}

/// A new injixo API key: the one time its text crosses to the UI, to be shown once and copied.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GeneratedInjixoKey {
    pub integration: Integration,
    pub key: String,
}

/// Input of the setup form, validated before any network call.
pub struct SetupInput {
    pub product: Product,
    pub name: String,
    pub domain: NormalizedDomain,
    pub key: Secret,
}

/// Checks name (format and uniqueness), domain and key; no network, nothing stored.
pub fn validate_setup(
    store: &Store,
    product: Product,
    name: &str,
    domain: &str,
    key: &Secret,
) -> CoreResult<SetupInput> {
    let name = validate_name(name)?;
    store.ensure_name_free(&name, None)?;
    let domain = normalize_domain(domain, product)?;
    Ok(SetupInput {
        product,
        name,
        domain,
        key: key.clone(),
    })
}

/// Saves an integration whose connection test allowed it: the row and the keychain entry, or neither.
pub fn save(
    store: &mut Store,
    input: &SetupInput,
    checks: &[CheckResult],
) -> CoreResult<Integration> {
    if !allows_saving(input.product, checks) {
        return Err(CoreError::new(
            ErrorCode::CheckFailed,
            "a required check did not pass; nothing was saved",
        ));
    }
    // Again, now: another window or the CLI may have taken the name while the checks ran.
    store.ensure_name_free(&input.name, None)?;
    let id = new_id();
    let now = now();
    let mask = input.key.mask();
    store.in_transaction(|tx| {
        records::insert(
            tx,
            &NewRow {
                id: &id,
                name: &input.name,
                product: input.product,
                domain: &input.domain.host,
                key_mask: &mask,
                checks,
                now: &now,
            },
        )
        .map_err(|e| CoreError::new(ErrorCode::StoreFailed, e.to_string()))?;
        // The key goes to the keychain inside the transaction: if the keychain fails, the row is
        // rolled back, so there is never an integration without its key.
        keychain::store(&id, SecretKind::ApiKey, &input.key)
    })?;
    tracing::info!(integration = %id, product = input.product.as_str(), host = %input.domain.host, "integration saved");
    store.find_integration(&id)
}

/// The edit form's input, validated: a changed key is `Some`, an unchanged one is loaded.
pub struct EditInput {
    pub current: Integration,
    pub setup: SetupInput,
    pub key_changed: bool,
}

/// Validates an edit of name, domain and (optionally) key; the product never changes.
pub fn validate_edit(
    store: &Store,
    id: &str,
    name: &str,
    domain: &str,
    new_key: Option<&Secret>,
) -> CoreResult<EditInput> {
    let current = store.find_integration(id)?;
    let name = validate_name(name)?;
    store.ensure_name_free(&name, Some(&current.id))?;
    let domain = normalize_domain(domain, current.product)?;
    let key = match new_key {
        Some(k) => k.clone(),
        None => keychain::load(&current.id, SecretKind::ApiKey)?,
    };
    Ok(EditInput {
        setup: SetupInput {
            product: current.product,
            name,
            domain,
            key,
        },
        key_changed: new_key.is_some(),
        current,
    })
}

/// Saves an edit whose re-run connection test allowed it.
pub fn save_edit(
    store: &mut Store,
    edit: &EditInput,
    checks: &[CheckResult],
) -> CoreResult<Integration> {
    let input = &edit.setup;
    if !allows_saving(input.product, checks) {
        return Err(CoreError::new(
            ErrorCode::CheckFailed,
            "a required check did not pass; nothing was changed",
        ));
    }
    let now = now();
    let id = edit.current.id.clone();
    let mask = if edit.key_changed {
        input.key.mask()
    } else {
        edit.current.key_mask.clone()
    };
    store.in_transaction(|tx| {
        records::update(
            tx,
            &id,
            &input.name,
            &input.domain.host,
            &mask,
            input.product,
            checks,
            &now,
        )
        .map_err(|e| CoreError::new(ErrorCode::StoreFailed, e.to_string()))?;
        if edit.key_changed {
            keychain::store(&id, SecretKind::ApiKey, &input.key)?;
        }
        Ok(())
    })?;
    tracing::info!(integration = %id, key_changed = edit.key_changed, "integration edited");
    store.find_integration(&id)
}

/// Runs the checks again with the stored key and records the result.
pub async fn recheck(
    store: &mut Store,
    client: &FreshworksClient,
    name_or_id: &str,
) -> CoreResult<(Integration, Vec<CheckResult>)> {
    let integration = store.find_integration(name_or_id)?;
    let key = keychain::load(&integration.id, SecretKind::ApiKey)?;
    let checks = run_checks(client, integration.product, &integration.domain, &key).await;
    Ok((
        record_checks(store, &integration.id, integration.product, &checks)?,
        checks,
    ))
}

/// Stores the result of a re-run connection test (status, checks, time).
pub fn record_checks(
    store: &mut Store,
    id: &str,
    product: Product,
    checks: &[CheckResult],
) -> CoreResult<Integration> {
    let now = now();
    store.in_transaction(|tx| {
        records::update_checks(tx, id, product, checks, &now)
            .map_err(|e| CoreError::new(ErrorCode::StoreFailed, e.to_string()))
    })?;
    store.find_integration(id)
}

/// Removes the integration and its keychain entries; with `purge` also its imported data (which
/// otherwise stays). The keychain goes first: if it cannot be reached, the integration stays, so
/// nothing is left behind without a way to remove it. Returns the contacts purged.
pub fn remove(store: &mut Store, name_or_id: &str, purge: bool) -> CoreResult<(Integration, u64)> {
    let integration = store.find_integration(name_or_id)?;
    keychain::delete(&integration.id, SecretKind::ApiKey)?;
    let purged = store.in_transaction(|tx| {
        let db = |e: rusqlite::Error| CoreError::new(ErrorCode::StoreFailed, e.to_string());
        records::delete(tx, &integration.id).map_err(db)?;
        if purge {
            crate::import::cache::purge(tx, &integration.id).map_err(db)
        } else {
            Ok(0)
        }
    })?;
    tracing::info!(integration = %integration.id, purge, purged, "integration removed");
    Ok((integration, purged))
}

/// Creates a new injixo API key (replacing the active one at once) and returns it: the only time
/// it can be seen. Only its hash is stored.
pub fn generate_injixo_key(
    store: &mut Store,
    name_or_id: &str,
) -> CoreResult<(Integration, Secret)> {
    let integration = store.find_integration(name_or_id)?;
    let key = super::injixo_key::generate();
    let hash = super::injixo_key::hash(key.expose());
    let now = now();
    store.in_transaction(|tx| {
        records::rotate_injixo_key(tx, &integration.id, &hash, &now)
            .map_err(|e| CoreError::new(ErrorCode::StoreFailed, e.to_string()))
    })?;
    tracing::info!(integration = %integration.id, "injixo API key generated");
    Ok((store.find_integration(&integration.id)?, key))
}

fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// RFC 3339 UTC with seconds: how every timestamp is stored.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_keys_lose_blanks_and_line_breaks() {
        assert_eq!(clean_api_key("  abc\r\ndef\n ").unwrap().expose(), "abcdef");
        assert_eq!(
            clean_api_key(" \n ").unwrap_err().code,
            ErrorCode::ApiKeyEmpty
        );
    }
}
