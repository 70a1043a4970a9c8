use super::*;
use crate::error::ErrorCode;
use crate::integrations::service::test_support::{insert_row, temp_store, MemoryVault};

fn active_hash(store: &impl StoreAccess, id: &str) -> Option<String> {
    store
        .with_store(|s| {
            let hash = s.conn().query_row(
                "SELECT key_hash FROM injixo_keys WHERE integration_id = ?1 AND replaced_at IS NULL",
                [id],
                |r| r.get(0),
            );
            Ok(hash.ok())
        })
        .unwrap()
}

#[test]
fn the_new_key_is_handed_out_before_the_old_one_is_revoked() {
    let (_dir, store) = temp_store();
    insert_row(&store, "id-1", "Acme");
    let first = generate_injixo_key(&store, "id-1", |_, _| Ok(())).unwrap();
    let old = active_hash(&store, "id-1").expect("a first key");
    let mut active_while_revealed = None;
    let second = generate_injixo_key(&store, "id-1", |_, key| {
        active_while_revealed = active_hash(&store, "id-1");
        assert_ne!(injixo_key::hash(key.expose()), old);
        Ok(())
    })
    .unwrap();
    assert_eq!(active_while_revealed.as_deref(), Some(old.as_str()));
    assert_ne!(active_hash(&store, "id-1").unwrap(), old);
    assert_eq!(first.injixo_key.unwrap().replaced_count, 0);
    assert_eq!(second.injixo_key.unwrap().replaced_count, 1);
}

#[test]
fn a_key_that_cannot_be_handed_out_leaves_the_old_one_working() {
    let (_dir, store) = temp_store();
    insert_row(&store, "id-1", "Acme");
    generate_injixo_key(&store, "id-1", |_, _| Ok(())).unwrap();
    let old = active_hash(&store, "id-1");
    let closed = generate_injixo_key(&store, "id-1", |_, _| {
        Err(CoreError::new(ErrorCode::Internal, "stdout is closed"))
    });
    assert_eq!(closed.unwrap_err().message, "stdout is closed");
    assert_eq!(active_hash(&store, "id-1"), old);
    let now = store.with_store(|s| s.find_integration("id-1")).unwrap();
    assert_eq!(now.injixo_key.unwrap().replaced_count, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_keychain_keeps_the_integration() {
    let (_dir, store) = temp_store();
    insert_row(&store, "id-1", "Acme");
    let vault = MemoryVault::default();
    vault.store("id-1", &Secret::new("k")).unwrap();
    let failed = remove_with(&store, &MemoryVault::failing(), "id-1", false).await;
    assert_eq!(failed.unwrap_err().code, ErrorCode::KeychainLocked);
    assert!(store.with_store(|s| s.find_integration("id-1")).is_ok());
    let (removed, _) = remove_with(&store, &vault, "id-1", false).await.unwrap();
    assert_eq!(removed.id, "id-1");
    assert!(vault.ids().is_empty());
    let gone = store.with_store(|s| s.find_integration("id-1"));
    assert_eq!(gone.unwrap_err().code, ErrorCode::IntegrationNotFound);
}
