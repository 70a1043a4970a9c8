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

/// A database file in rollback-journal mode with `user_version` set as given (nothing else).
fn write_version(p: &AppPaths, version: i64) -> Vec<u8> {
    drop(Store::open(p).unwrap());
    let conn = rusqlite::Connection::open(p.database()).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
    drop(conn);
    fs::read(p.database()).unwrap()
}

#[test]
fn a_negative_or_absurd_version_is_a_damaged_file_left_byte_for_byte() {
    for version in [-1, i64::from(i32::MIN), 10_001, i64::from(i32::MAX)] {
        let (_d, p) = paths();
        let before = write_version(&p, version);
        let err = Store::open(&p)
            .err()
            .unwrap_or_else(|| panic!("version {version} must be refused"));
        assert_eq!(err.code, ErrorCode::StoreVersionInvalid, "{version}");
        assert!(
            err.message.contains(&version.to_string()),
            "{}",
            err.message
        );
        assert!(
            fs::read(p.database()).unwrap() == before,
            "{version}: the file changed"
        );
        assert!(!p.data_dir.join("integration-desk.sqlite3-wal").exists());
    }
}

#[test]
fn damage_beyond_the_header_is_found_before_anything_is_written() {
    let (_d, p) = paths();
    fs::create_dir_all(&p.data_dir).unwrap();
    {
        let conn = rusqlite::Connection::open(p.database()).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 4096; CREATE TABLE notes (body BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO notes SELECT randomblob(200) FROM n;",
        )
        .unwrap();
    }
    // Page 1 (header, schema) stays intact; a page in the middle of the table is overwritten.
    let mut bytes = fs::read(p.database()).unwrap();
    assert!(bytes.len() > 20 * 4096);
    bytes[10 * 4096..11 * 4096].fill(0xA5);
    fs::write(p.database(), &bytes).unwrap();

    let err = Store::open(&p)
        .err()
        .expect("a damaged file must be refused");
    assert_eq!(err.code, ErrorCode::StoreCorrupt, "{}", err.message);
    assert!(
        fs::read(p.database()).unwrap() == bytes,
        "the file changed (not even WAL mode may be switched on)"
    );
    assert!(!p.data_dir.join("integration-desk.sqlite3-wal").exists());
}

#[test]
fn quick_check_runs_once_per_file_in_a_process() {
    let (_d, p) = paths();
    let (_e, other) = paths();
    for _ in 0..3 {
        drop(Store::open(&p).unwrap());
    }
    assert_eq!(idesk_core::store::quick_checks_passed(&p.database()), 1);
    drop(Store::open(&other).unwrap());
    assert_eq!(idesk_core::store::quick_checks_passed(&other.database()), 1);
}

#[cfg(unix)]
#[test]
fn database_log_and_their_folders_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let p = AppPaths::in_dir(dir.path().join("new").join("data"));
    let store = Store::open(&p).unwrap();
    store.set_language(Language::Fr).unwrap();
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert_eq!(mode(&p.data_dir), 0o700);
    for suffix in ["", "-wal", "-shm"] {
        let file = p.data_dir.join(format!("integration-desk.sqlite3{suffix}"));
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    idesk_core::logging::init(&p.log_dir, false).unwrap();
    assert_eq!(mode(&p.log_dir), 0o700);
    assert_eq!(mode(&p.log_dir.join(idesk_core::logging::LOG_FILE)), 0o600);

    // A database an earlier version left readable by others is narrowed when next opened.
    drop(store);
    fs::set_permissions(p.database(), fs::Permissions::from_mode(0o644)).unwrap();
    drop(Store::open(&p).unwrap());
    assert_eq!(mode(&p.database()), 0o600);
}
