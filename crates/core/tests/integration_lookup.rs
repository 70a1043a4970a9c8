//! Looking an integration up: by exact id where an id is meant (the app), by name where a name is
//! meant (the CLI), never one for the other. Rows are written the way a store from before names of
//! the form of an id were refused could hold them.

use idesk_core::paths::AppPaths;
use idesk_core::{ErrorCode, Store};

const ALPHA_ID: &str = "01c33ff6a9b2c4d5e6f70812";
const BETA_ID: &str = "9f00aa11bb22cc33dd44ee55";

/// Alpha, and Beta named like Alpha's id.
fn store_with_a_name_like_an_id() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    drop(Store::open(&paths).unwrap());
    let conn = rusqlite::Connection::open(paths.database()).unwrap();
    for (id, name) in [(ALPHA_ID, "Alpha"), (BETA_ID, ALPHA_ID)] {
        conn.execute(
            "INSERT INTO integrations (id, name, name_key, product, domain, status, key_mask, checks_json, checked_at, created_at, updated_at)
             VALUES (?1, ?2, lower(?2), 'freshdesk', 'acme.freshdesk.com', 'operational', '••••abcd', '[]', 't', 't', 't')",
            [id, name],
        )
        .unwrap();
    }
    drop(conn);
    (dir, Store::open(&paths).unwrap())
}

#[test]
fn an_id_finds_the_integration_with_that_id_never_one_named_so() {
    let (_d, store) = store_with_a_name_like_an_id();
    assert_eq!(store.find_integration(ALPHA_ID).unwrap().name, "Alpha");
    assert_eq!(store.find_integration(BETA_ID).unwrap().name, ALPHA_ID);
    let err = store.find_integration("Alpha").unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::IntegrationNotFound,
        "a name is not an id"
    );
}

#[test]
fn a_name_finds_the_integration_named_so_never_one_with_that_id() {
    let (_d, store) = store_with_a_name_like_an_id();
    assert_eq!(
        store.find_integration_by_name(ALPHA_ID).unwrap().id,
        BETA_ID
    );
    assert_eq!(
        store.find_integration_by_name(" ALPHA ").unwrap().id,
        ALPHA_ID
    );
    let err = store.find_integration_by_name(BETA_ID).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::IntegrationNotFound,
        "an id is not a name"
    );
}
