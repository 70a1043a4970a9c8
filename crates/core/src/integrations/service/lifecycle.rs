//! Removing an integration and generating its injixo API key.

use super::access::{delete_key, OsKeychain, StoreAccess, Vault};
use super::now;
use super::setup::db;
use crate::error::{CoreError, CoreResult};
use crate::integrations::injixo_key;
use crate::integrations::records::{self, Integration};
use crate::secret::Secret;

/// Removes the integration and its keychain entries; with `purge` also its imported data (which
/// otherwise stays). The keychain goes first, outside the store's lock: if it cannot be reached,
/// the integration stays, so nothing is left behind without a way to remove it. Returns the
/// contacts purged.
pub async fn remove(
    store: &impl StoreAccess,
    id: &str,
    purge: bool,
) -> CoreResult<(Integration, u64)> {
    remove_with(store, &OsKeychain, id, purge).await
}

async fn remove_with(
    store: &impl StoreAccess,
    vault: &impl Vault,
    id: &str,
    purge: bool,
) -> CoreResult<(Integration, u64)> {
    let integration = store.with_store(|s| s.find_integration(id))?;
    delete_key(vault, &integration.id).await?;
    let id = &integration.id;
    let purged = store.with_store(|s| {
        s.in_transaction(|tx| {
            records::delete(tx, id).map_err(db)?;
            match purge {
                true => crate::import::cache::purge(tx, id).map_err(db),
                false => Ok(0),
            }
        })
    })?;
    tracing::info!(integration = %integration.id, purge, purged, "integration removed");
    Ok((integration, purged))
}

/// Creates a new injixo API key and hands it to `reveal` (the only time it can be seen) before
/// the store replaces the active one: when `reveal` fails, nothing changes and the old key keeps
/// working; when the store fails, the old key keeps working too, and the error says the new one
/// does not. Only the key's hash is stored. Returns the integration as it is now.
pub fn generate_injixo_key(
    store: &impl StoreAccess,
    id: &str,
    reveal: impl FnOnce(&Integration, &Secret) -> CoreResult<()>,
) -> CoreResult<Integration> {
    let integration = store.with_store(|s| s.find_integration(id))?;
    let key = injixo_key::generate();
    reveal(&integration, &key)?;
    let (id, hash, at) = (&integration.id, injixo_key::hash(key.expose()), now());
    store
        .with_store(|s| {
            s.in_transaction(|tx| records::rotate_injixo_key(tx, id, &hash, &at).map_err(db))?;
            s.find_integration(id)
        })
        .map_err(|e| {
            CoreError::new(
                e.code,
                format!(
                    "{}; the new key was not saved and does not work, the previous key still does",
                    e.message
                ),
            )
        })
        .inspect(|_| tracing::info!(integration = %id, "injixo API key generated"))
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
