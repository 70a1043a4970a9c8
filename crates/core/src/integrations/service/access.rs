//! How the services reach the store and the keychain: the store only for short steps that read or
//! write rows, the keychain (blocking D-Bus calls that may wait on an unlock prompt) never while
//! the store is held, and off the async threads.

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::keychain::{self, SecretKind};
use crate::secret::Secret;
use crate::store::Store;

/// The store a service locks for one short step at a time (the app's mutex, the CLI's own store).
pub trait StoreAccess: Sync {
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CoreResult<T>) -> CoreResult<T>;
}

impl StoreAccess for std::sync::Mutex<Store> {
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CoreResult<T>) -> CoreResult<T> {
        f(&mut self.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Where the API keys of integrations live. [`OsKeychain`] everywhere but in unit tests.
pub trait Vault: Clone + Send + Sync + 'static {
    fn store(&self, integration_id: &str, key: &Secret) -> CoreResult<()>;
    fn load(&self, integration_id: &str) -> CoreResult<Secret>;
    fn delete(&self, integration_id: &str) -> CoreResult<()>;
}

/// The operating system's keychain (see [`crate::keychain`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeychain;

impl Vault for OsKeychain {
    fn store(&self, integration_id: &str, key: &Secret) -> CoreResult<()> {
        keychain::store(integration_id, SecretKind::ApiKey, key)
    }
    fn load(&self, integration_id: &str) -> CoreResult<Secret> {
        keychain::load(integration_id, SecretKind::ApiKey)
    }
    fn delete(&self, integration_id: &str) -> CoreResult<()> {
        keychain::delete(integration_id, SecretKind::ApiKey)
    }
}

/// Runs one vault call on the blocking pool, so that a prompt left open stalls only its caller.
pub(super) async fn off_thread<V: Vault, T: Send + 'static>(
    vault: &V,
    integration_id: &str,
    call: impl FnOnce(&V, &str) -> CoreResult<T> + Send + 'static,
) -> CoreResult<T> {
    let (vault, id) = (vault.clone(), integration_id.to_owned());
    tokio::task::spawn_blocking(move || call(&vault, &id))
        .await
        .map_err(|e| {
            CoreError::new(
                ErrorCode::Internal,
                format!("the keychain call stopped: {e}"),
            )
        })?
}

pub(super) async fn load_key<V: Vault>(vault: &V, id: &str) -> CoreResult<Secret> {
    off_thread(vault, id, |v, id| v.load(id)).await
}

pub(super) async fn store_key<V: Vault>(vault: &V, id: &str, key: &Secret) -> CoreResult<()> {
    let key = key.clone();
    off_thread(vault, id, move |v, id| v.store(id, &key)).await
}

pub(super) async fn delete_key<V: Vault>(vault: &V, id: &str) -> CoreResult<()> {
    off_thread(vault, id, |v, id| v.delete(id)).await
}
