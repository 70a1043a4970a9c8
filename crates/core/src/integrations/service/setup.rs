//! Add, edit and recheck: validate → check → save, once for the app and the CLI. The store is held
//! only for the short steps that read or write rows; the checks (network) and the keychain run
//! without it. A keychain failure saves nothing: the key is written first and the row committed
//! after; when the commit fails, the key is taken back.

use super::access::{delete_key, load_key, store_key, OsKeychain, StoreAccess, Vault};
use super::{new_id, now, run_checks, ConnectionTest, SaveResult};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::checks::{allows_saving, CheckResult};
use crate::freshworks::FreshworksClient;
use crate::integrations::domain::{normalize_domain, NormalizedDomain};
use crate::integrations::name::validate_name;
use crate::integrations::product::Product;
use crate::integrations::records::{self, Integration, NewRow};
use crate::secret::Secret;

/// What an add or edit did once its input was valid: the checks, and whether it saved.
pub struct Attempt {
    pub test: ConnectionTest,
    /// `Ok(None)`: the checks did not allow saving; `Err`: they did, but saving failed.
    pub saved: CoreResult<Option<Integration>>,
}

impl Attempt {
    /// The app's answer: a failed save is an error, failed checks are a result without integration.
    pub fn into_result(self) -> CoreResult<SaveResult> {
        Ok(SaveResult {
            integration: self.saved?,
            test: self.test,
        })
    }
}

/// Validated input of the setup form.
struct SetupInput {
    product: Product,
    name: String,
    domain: NormalizedDomain,
}

/// *Save integration*: validates name, domain and key, runs the checks, and saves only when they
/// allow it (the row and its keychain entry, or neither).
pub async fn add(
    store: &impl StoreAccess,
    client: &FreshworksClient,
    product: Product,
    name: &str,
    domain: &str,
    key: Secret,
) -> CoreResult<Attempt> {
    add_with(store, &OsKeychain, client, product, name, domain, key).await
}

async fn add_with(
    store: &impl StoreAccess,
    vault: &impl Vault,
    client: &FreshworksClient,
    product: Product,
    name: &str,
    domain: &str,
    key: Secret,
) -> CoreResult<Attempt> {
    let input = store.with_store(|s| {
        let name = validate_name(name)?;
        s.ensure_name_free(&name, None)?;
        let domain = normalize_domain(domain, product)?;
        Ok(SetupInput {
            product,
            name,
            domain,
        })
    })?;
    let test = connection_test(client, product, input.domain.clone(), &key).await;
    let saved = match test.can_save {
        true => insert(store, vault, &input, &key, &test.checks)
            .await
            .map(Some),
        false => Ok(None),
    };
    Ok(Attempt { test, saved })
}

/// Edits name, domain and (when `new_key` is given) the key; the checks run again first and the
/// product never changes.
pub async fn edit(
    store: &impl StoreAccess,
    client: &FreshworksClient,
    id: &str,
    name: &str,
    domain: &str,
    new_key: Option<Secret>,
) -> CoreResult<Attempt> {
    edit_with(store, &OsKeychain, client, id, name, domain, new_key).await
}

async fn edit_with(
    store: &impl StoreAccess,
    vault: &impl Vault,
    client: &FreshworksClient,
    id: &str,
    name: &str,
    domain: &str,
    new_key: Option<Secret>,
) -> CoreResult<Attempt> {
    let (current, input) = store.with_store(|s| {
        let current = s.find_integration(id)?;
        let name = validate_name(name)?;
        s.ensure_name_free(&name, Some(&current.id))?;
        let domain = normalize_domain(domain, current.product)?;
        let product = current.product;
        Ok((
            current,
            SetupInput {
                product,
                name,
                domain,
            },
        ))
    })?;
    let key = match &new_key {
        Some(k) => k.clone(),
        None => load_key(vault, &current.id).await?,
    };
    let test = connection_test(client, input.product, input.domain.clone(), &key).await;
    let saved = match test.can_save {
        true => update(
            store,
            vault,
            &current,
            &input,
            new_key.as_ref(),
            &test.checks,
        )
        .await
        .map(Some),
        false => Ok(None),
    };
    Ok(Attempt { test, saved })
}

/// Runs the checks again with the stored key and records the result.
pub async fn recheck(
    store: &impl StoreAccess,
    client: &FreshworksClient,
    id: &str,
) -> CoreResult<(Integration, Vec<CheckResult>)> {
    recheck_with(store, &OsKeychain, client, id).await
}

async fn recheck_with(
    store: &impl StoreAccess,
    vault: &impl Vault,
    client: &FreshworksClient,
    id: &str,
) -> CoreResult<(Integration, Vec<CheckResult>)> {
    let integration = store.with_store(|s| s.find_integration(id))?;
    let key = load_key(vault, &integration.id).await?;
    let checks = run_checks(client, integration.product, &integration.domain, &key).await;
    let (id, product, at) = (&integration.id, integration.product, now());
    let updated = store.with_store(|s| {
        s.in_transaction(|tx| records::update_checks(tx, id, product, &checks, &at).map_err(db))?;
        s.find_integration(id)
    })?;
    Ok((updated, checks))
}

async fn connection_test(
    client: &FreshworksClient,
    product: Product,
    domain: NormalizedDomain,
    key: &Secret,
) -> ConnectionTest {
    let checks = run_checks(client, product, &domain.host, key).await;
    ConnectionTest {
        can_save: allows_saving(product, &checks),
        domain,
        checks,
    }
}

/// The key first (outside any lock), then the row; no row, no key.
async fn insert(
    store: &impl StoreAccess,
    vault: &impl Vault,
    input: &SetupInput,
    key: &Secret,
    checks: &[CheckResult],
) -> CoreResult<Integration> {
    let id = new_id();
    store_key(vault, &id, key).await?;
    let (mask, at) = (key.mask(), now());
    let committed = store.with_store(|s| {
        // Again, now: another window or the CLI may have taken the name while the checks ran.
        s.ensure_name_free(&input.name, None)?;
        let row = NewRow {
            id: &id,
            name: &input.name,
            product: input.product,
            domain: &input.domain.host,
            key_mask: &mask,
            checks,
            now: &at,
        };
        s.in_transaction(|tx| records::insert(tx, &row).map_err(db))
    });
    if let Err(e) = committed {
        if let Err(undo) = delete_key(vault, &id).await {
            tracing::warn!(integration = %id, code = undo.code.as_str(), "the key of an unsaved integration stays in the keychain: {}", undo.message);
        }
        return Err(e);
    }
    tracing::info!(integration = %id, product = input.product.as_str(), host = %input.domain.host, "integration saved");
    store.with_store(|s| s.find_integration(&id))
}

/// A new key first (outside any lock), then the row; when the row cannot be written, the
/// previous key is put back.
async fn update(
    store: &impl StoreAccess,
    vault: &impl Vault,
    current: &Integration,
    input: &SetupInput,
    new_key: Option<&Secret>,
    checks: &[CheckResult],
) -> CoreResult<Integration> {
    let id = &current.id;
    let previous = match new_key {
        Some(key) => {
            let previous = load_key(vault, id).await.ok();
            store_key(vault, id, key).await?;
            Some(previous)
        }
        None => None,
    };
    let mask = new_key.map_or_else(|| current.key_mask.clone(), Secret::mask);
    let at = now();
    let committed = store.with_store(|s| {
        s.ensure_name_free(&input.name, Some(id))?;
        s.in_transaction(|tx| {
            let (name, host, product) = (&input.name, &input.domain.host, input.product);
            records::update(tx, id, name, host, &mask, product, checks, &at).map_err(db)
        })
    });
    if let (Err(_), Some(previous)) = (&committed, previous) {
        let undo = match previous {
            Some(key) => store_key(vault, id, &key).await,
            None => delete_key(vault, id).await,
        };
        if let Err(undo) = undo {
            tracing::warn!(integration = %id, code = undo.code.as_str(), "the previous key could not be put back: {}", undo.message);
        }
    }
    committed?;
    tracing::info!(integration = %id, key_changed = new_key.is_some(), "integration edited");
    store.with_store(|s| s.find_integration(id))
}

pub(super) fn db(e: rusqlite::Error) -> CoreError {
    CoreError::new(ErrorCode::StoreFailed, e.to_string())
}

#[cfg(test)]
#[path = "setup_tests.rs"]
mod tests;
