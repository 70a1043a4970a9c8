//! The store on real files in temporary folders: creation, reopening, and every failure that must
//! leave the user's file untouched.

use idesk_core::paths::AppPaths;
use idesk_core::store::SCHEMA_VERSION;
use idesk_core::{language::Language, ErrorCode, Store};
use std::fs;

fn paths() -> (tempfile::TempDir, AppPaths) {
    let dir = tempfile::tempdir().unwrap();
    let p = AppPaths::in_dir(dir.path().join("data"));
    (dir, p)
}

#[test]
fn creates_the_database_in_wal_mode_at_the_current_schema() {
    let (_d, p) = paths();
    let store = Store::open(&p).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(p.database().exists());
    let conn = rusqlite::Connection::open(p.database()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn language_choice_survives_reopening() {
    let (_d, p) = paths();
    {
        let store = Store::open(&p).unwrap();
        assert_eq!(store.chosen_language().unwrap(), None);
        store.set_language(Language::De).unwrap();
    }
    let store = Store::open(&p).unwrap();
    assert_eq!(store.chosen_language().unwrap(), Some(Language::De));
    assert_eq!(store.language().unwrap(), Language::De);
}

#[test]
fn a_newer_schema_is_refused_and_left_byte_for_byte() {
    let (_d, p) = paths();
    drop(Store::open(&p).unwrap());
    {
        let conn = rusqlite::Connection::open(p.database()).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
            .unwrap();
    }
    let before = fs::read(p.database()).unwrap();
    let err = Store::open(&p)
        .err()
        .expect("a newer schema must be refused");
    assert_eq!(err.code, ErrorCode::StoreNewerVersion);
    assert!(err.message.contains("newer version"), "{}", err.message);
    assert_eq!(fs::read(p.database()).unwrap(), before);
}

#[test]
fn a_corrupt_file_is_reported_and_never_overwritten() {
    let (_d, p) = paths();
    fs::create_dir_all(&p.data_dir).unwrap();
    let garbage = b"this is not an sqlite database, but the user's file all the same\n".repeat(100);
    fs::write(p.database(), &garbage).unwrap();
    let err = Store::open(&p).err().expect("garbage must be refused");
    assert_eq!(err.code, ErrorCode::StoreCorrupt);
    assert_eq!(fs::read(p.database()).unwrap(), garbage);
}

#[test]
fn an_unwritable_folder_gives_a_clear_error() {
    let (dir, _) = paths();
    // A data folder below a regular file can never be created, whoever runs the test (root ignores
    // permission bits, so chmod alone would not prove anything in CI).
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, b"x").unwrap();
    let p = AppPaths::in_dir(blocker.join("data"));
    let err = Store::open(&p).err().expect("must fail");
    assert_eq!(err.code, ErrorCode::DataDirNotWritable);
    assert_eq!(fs::read(&blocker).unwrap(), b"x");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error_when_permissions_apply() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, p) = paths();
    fs::create_dir_all(&p.data_dir).unwrap();
    fs::set_permissions(&p.data_dir, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = p.data_dir.join("probe");
    if fs::write(&probe, b"").is_ok() {
        // Running as root: permission bits are not enforced; the test above covers this path.
        fs::set_permissions(&p.data_dir, fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let err = Store::open(&p).err().expect("must fail");
    fs::set_permissions(&p.data_dir, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(err.code, ErrorCode::DataDirNotWritable);
}
