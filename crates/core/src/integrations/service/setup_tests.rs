use super::*;
use crate::integrations::service::test_support::{
    freshdesk_sim, insert_row, temp_store, MemoryVault,
};
use crate::store::Store;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};

/// A store that lets another writer in just before its `nth` step (0-based).
struct Racing {
    inner: Mutex<Store>,
    steps: AtomicUsize,
    nth: usize,
    race: fn(&Mutex<Store>),
}

impl StoreAccess for Racing {
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CoreResult<T>) -> CoreResult<T> {
        if self.steps.fetch_add(1, Ordering::SeqCst) == self.nth {
            (self.race)(&self.inner);
        }
        self.inner.with_store(f)
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_keychain_failure_saves_nothing() {
    let (_sim, client, domain, key) = freshdesk_sim().await;
    let (_dir, store) = temp_store();
    let attempt = add_with(
        &store,
        &MemoryVault::failing(),
        &client,
        Product::Freshdesk,
        "Acme",
        &domain,
        key,
    )
    .await
    .unwrap();
    assert!(attempt.test.can_save, "{:?}", attempt.test.checks);
    assert_eq!(attempt.saved.unwrap_err().code, ErrorCode::KeychainLocked);
    assert!(store
        .with_store(|s| s.list_integrations())
        .unwrap()
        .is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_row_that_cannot_be_committed_takes_its_key_back() {
    let (_sim, client, domain, key) = freshdesk_sim().await;
    let (_dir, inner) = temp_store();
    // Step 0 validates; before step 1 (the commit) another writer takes the name.
    let store = Racing {
        inner,
        steps: AtomicUsize::new(0),
        nth: 1,
        race: |s| insert_row(s, "other-id", "ACME"),
    };
    let vault = MemoryVault::default();
    let attempt = add_with(
        &store,
        &vault,
        &client,
        Product::Freshdesk,
        "Acme",
        &domain,
        key,
    )
    .await
    .unwrap();
    assert_eq!(attempt.saved.unwrap_err().code, ErrorCode::NameTaken);
    assert!(
        vault.ids().is_empty(),
        "the key of the unsaved integration was left: {:?}",
        vault.ids()
    );
    let names: Vec<_> = store
        .with_store(|s| s.list_integrations())
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(names, ["other-id"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_that_cannot_be_committed_puts_the_previous_key_back() {
    let (_sim, client, domain, key) = freshdesk_sim().await;
    let (_dir, inner) = temp_store();
    let vault = MemoryVault::default();
    let saved = add_with(
        &inner,
        &vault,
        &client,
        Product::Freshdesk,
        "Acme",
        &domain,
        key.clone(),
    )
    .await
    .unwrap()
    .saved
    .unwrap()
    .unwrap();
    // Step 0 validates the edit; before step 1 (the commit) another writer takes the new name.
    let store = Racing {
        inner,
        steps: AtomicUsize::new(0),
        nth: 1,
        race: |s| insert_row(s, "other-id", "Renamed"),
    };
    let edited = edit_with(
        &store,
        &vault,
        &client,
        &saved.id,
        "Renamed",
        &domain,
        Some(key.clone()),
    )
    .await
    .unwrap();
    assert_eq!(edited.saved.unwrap_err().code, ErrorCode::NameTaken);
    assert_eq!(vault.load(&saved.id).unwrap().expose(), key.expose());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_store_is_free_while_the_keychain_waits() {
    let (_sim, client, domain, key) = freshdesk_sim().await;
    let (_dir, store) = temp_store();
    let store = Arc::new(store);
    let park = Arc::new(Barrier::new(2));
    let vault = MemoryVault {
        park: Some(park.clone()),
        ..Default::default()
    };
    let adding = {
        let (store, vault) = (store.clone(), vault.clone());
        tokio::spawn(async move {
            add_with(
                &*store,
                &vault,
                &client,
                Product::Freshdesk,
                "Acme",
                &domain,
                key,
            )
            .await
        })
    };
    // The keychain call is in progress (think: an unlock prompt nobody answers yet).
    let probe = store.clone();
    let free = tokio::task::spawn_blocking(move || {
        park.wait();
        let free = probe.try_lock().is_ok();
        park.wait();
        free
    })
    .await
    .unwrap();
    assert!(free, "the store was locked while the keychain was asked");
    let saved = adding.await.unwrap().unwrap().saved.unwrap().unwrap();
    assert_eq!(vault.ids(), [saved.id]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recheck_reads_the_key_and_records_the_checks() {
    let (_sim, client, domain, key) = freshdesk_sim().await;
    let (_dir, store) = temp_store();
    insert_row(&store, "id-1", "Acme"); // saved with no checks recorded
    store
        .with_store(|s| {
            s.conn()
                .execute("UPDATE integrations SET domain = ?1", [&domain])
                .map_err(db)
        })
        .unwrap();
    let vault = MemoryVault::default();
    vault.store("id-1", &key).unwrap();
    let (integration, checks) = recheck_with(&store, &vault, &client, "id-1").await.unwrap();
    assert!(allows_saving(Product::Freshdesk, &checks), "{checks:?}");
    assert_eq!(integration.checks, checks);
    let locked = recheck_with(&store, &MemoryVault::failing(), &client, "id-1").await;
    assert_eq!(locked.unwrap_err().code, ErrorCode::KeychainLocked);
}
