//! Unit-test doubles of the services: an in-memory vault that can fail or park, a store in a
//! temporary folder, and the simulator's Freshdesk account.

use super::access::{StoreAccess, Vault};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::FreshworksClient;
use crate::integrations::product::Product;
use crate::integrations::records::{self, NewRow};
use crate::paths::AppPaths;
use crate::secret::Secret;
use crate::store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Barrier, Mutex};

/// Keys in memory. `fail` makes every call fail like a locked keychain; `park` makes `store`
/// wait on the barrier twice (entered, released) so a test can look around meanwhile.
#[derive(Clone, Default)]
pub struct MemoryVault {
    pub keys: Arc<Mutex<HashMap<String, String>>>,
    pub fail: bool,
    pub park: Option<Arc<Barrier>>,
}

impl MemoryVault {
    pub fn failing() -> Self {
        MemoryVault {
            fail: true,
            ..Default::default()
        }
    }
    pub fn ids(&self) -> Vec<String> {
        self.keys.lock().unwrap().keys().cloned().collect()
    }
    fn check(&self) -> CoreResult<()> {
        match self.fail {
            true => Err(CoreError::new(ErrorCode::KeychainLocked, "locked (test)")),
            false => Ok(()),
        }
    }
}

impl Vault for MemoryVault {
    fn store(&self, id: &str, key: &Secret) -> CoreResult<()> {
        if let Some(park) = &self.park {
            park.wait();
            park.wait();
        }
        self.check()?;
        self.keys
            .lock()
            .unwrap()
            .insert(id.into(), key.expose().into());
        Ok(())
    }
    fn load(&self, id: &str) -> CoreResult<Secret> {
        self.check()?;
        let keys = self.keys.lock().unwrap();
        keys.get(id)
            .map(Secret::new)
            .ok_or_else(|| CoreError::new(ErrorCode::KeychainEntryMissing, "no entry (test)"))
    }
    fn delete(&self, id: &str) -> CoreResult<()> {
        self.check()?;
        self.keys.lock().unwrap().remove(id);
        Ok(())
    }
}

/// A store in a temporary folder (kept alive by the returned guard).
pub fn temp_store() -> (tempfile::TempDir, Mutex<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&AppPaths::in_dir(dir.path().to_path_buf())).unwrap();
    (dir, Mutex::new(store))
}

/// Writes an integration row directly (what a concurrent window or CLI run would have saved).
pub fn insert_row(store: &impl StoreAccess, id: &str, name: &str) {
    store
        .with_store(|s| {
            let row = NewRow {
                id,
                name,
                product: Product::Freshdesk,
                domain: "acme.freshdesk.com",
                key_mask: "••••abcd",
                checks: &[],
                now: "2026-01-01T00:00:00Z",
            };
            s.in_transaction(|tx| records::insert(tx, &row).map_err(super::setup::db))
        })
        .unwrap();
}

/// The simulator with one small Freshdesk account; its domain and an admin's key.
pub async fn freshdesk_sim() -> (idesk_sim::SimHandle, FreshworksClient, String, Secret) {
    let sim = idesk_sim::start(idesk_sim::SimConfig {
        accounts: Some(vec![idesk_sim::AccountSpec {
            product: idesk_sim::Product::Freshdesk,
            subdomain: "acme".into(),
            plan: idesk_sim::Plan::Enterprise,
            suspended: false,
            size: 20,
            timezone: "Eastern Time (US & Canada)".into(),
            token_lacks_reports_scope: false,
            calls_per_minute: None,
            ticket_list_per_minute: None,
        }]),
        ..idesk_sim::SimConfig::demo()
    })
    .await
    .unwrap();
    let domain = sim.accounts()[0].domain.clone();
    let key = Secret::new(sim.key(&domain, idesk_sim::Persona::AccountAdmin).unwrap());
    let client = FreshworksClient::new(Some(sim.url())).unwrap();
    (sim, client, domain, key)
}
