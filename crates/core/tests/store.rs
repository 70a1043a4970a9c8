//! The store on real files in temporary folders: creation, reopening, and every failure that must
//! leave the user's file untouched.

use idesk_core::paths::AppPaths;
use idesk_core::store::{IntegrityCheck, SCHEMA_VERSION};
use idesk_core::{language::Language, ErrorCode, Store};
use std::fs;

#[path = "support/old_versions.rs"]
mod old_versions;

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

#[test]
fn upgrading_a_version_6_cache_drops_catalog_done_and_keeps_its_data() {
    use chrono::{TimeZone, Utc};
    use idesk_core::import::{self, cache, continuous};
    use idesk_rules::{Contact, ContactId, ContactKind, QueueId};

    let (_d, p) = paths();
    fs::create_dir_all(&p.data_dir).unwrap();
    let conn = rusqlite::Connection::open(p.database()).unwrap();
    for sql in &old_versions::MIGRATIONS_TO_9[..6] {
        conn.execute_batch(sql).unwrap();
    }
    // A completed import and a run after it that was interrupted, as version 6 stored them.
    conn.execute_batch(
        "INSERT INTO import_runs (integration_id, since, until, catalog_done, started_at, completed_at, last_completed_at)
           VALUES ('done', 1000, 2000, 1, '2026-05-01T00:00:00+00:00', '2026-05-01T00:05:00+00:00', '2026-05-01T00:05:00+00:00'),
                  ('busy', 3000, 4000, 1, '2026-05-02T00:00:00+00:00', NULL, '2026-05-01T00:05:00+00:00');
         INSERT INTO import_bookmarks (integration_id, pass, updated_since, next_page, done)
           VALUES ('busy', 'default', 3000, 7, 0);
         INSERT INTO import_coverage (integration_id, from_at, to_at) VALUES ('done', 1000, 2000);
         INSERT INTO import_accounts (integration_id, time_zone) VALUES ('done', 'Eastern Time (US & Canada)');
         PRAGMA user_version = 6;",
    )
    .unwrap();
    // Three contacts at 08:00 UTC and their count in block 32, as version 6 wrote them (96
    // little-endian u32 per queue and day).
    let at = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
    for id in 1..=3 {
        conn.execute(
            "INSERT INTO import_contacts (integration_id, contact_id, kind, queue, at)
             VALUES ('done', ?1, 'ticket', 'Support email Tickets', ?2)",
            rusqlite::params![format!("ticket:{id}"), at.timestamp()],
        )
        .unwrap();
    }
    let mut dense = vec![0u8; 384];
    dense[32 * 4] = 3;
    conn.execute(
        "INSERT INTO import_queue_days (integration_id, day, queue, kind, counts)
         VALUES ('done', ?1, 'Support email Tickets', 'ticket', ?2)",
        rusqlite::params![at.timestamp() / 86_400, dense],
    )
    .unwrap();
    drop(conn);

    let store = Store::open(&p).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(p.database()).unwrap();
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('import_runs')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        !columns.contains(&"catalog_done".to_string()),
        "{columns:?}"
    );

    let conn = &conn;
    let run = |iid| cache::run(conn, iid).unwrap().unwrap();
    assert_eq!(
        (run("done"), run("busy")),
        (
            cache::Run {
                since: 1000,
                until: 2000,
                completed: true
            },
            cache::Run {
                since: 3000,
                until: 4000,
                completed: false
            }
        )
    );
    assert_eq!(
        continuous::last_completed_at(&store, "busy")
            .unwrap()
            .as_deref(),
        Some("2026-05-01T00:05:00+00:00")
    );
    assert_eq!(
        cache::bookmark(conn, "busy", "default").unwrap(),
        Some(cache::Bookmark {
            updated_since: 3000,
            next_page: 7,
            done: false
        })
    );
    assert_eq!(cache::coverage(conn, "done").unwrap(), vec![(1000, 2000)]);
    assert_eq!(
        cache::time_zone(conn, "done").unwrap().as_deref(),
        Some("Eastern Time (US & Canada)")
    );
    let contacts = import::contacts(&store, "done").unwrap();
    assert_eq!(contacts.len(), 3);
    assert!(contacts
        .iter()
        .all(|c| c.kind == ContactKind::Ticket && c.queue == "Support email Tickets"));
    assert_eq!(
        cache::queue_totals(conn, "done").unwrap(),
        vec![("Support email Tickets".to_string(), ContactKind::Ticket, 3)]
    );
    // The upgraded tables take new runs and new contacts.
    let contact = Contact {
        id: ContactId::Ticket(4),
        kind: ContactKind::Ticket,
        queue: QueueId(0),
        at,
    };
    assert!(cache::insert_contact(conn, "done", &contact, "Support email Tickets").unwrap());
    assert_eq!(cache::queue_totals(conn, "done").unwrap()[0].2, 4);
    let started = cache::start_run(conn, "done", 5000, 6000).unwrap();
    assert_eq!(run("done"), started);
    assert_eq!(
        cache::bookmark(conn, "busy", "default")
            .unwrap()
            .map(|b| b.next_page),
        Some(7)
    );
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

/// A database at this build's schema written in another folder and copied to `p`: this process
/// has not checked the copy (the check is remembered per file).
fn current_schema_copy(p: &AppPaths) -> tempfile::TempDir {
    let (dir, written) = paths();
    drop(Store::open(&written).unwrap());
    fs::create_dir_all(&p.data_dir).unwrap();
    fs::copy(written.database(), p.database()).unwrap();
    dir
}

#[test]
fn a_deferred_check_reads_at_once_and_writes_only_after_the_check() {
    let (_d, p) = paths();
    let _written = current_schema_copy(&p);
    let store = Store::open_with(&p, IntegrityCheck::Deferred).unwrap();
    assert_eq!(idesk_core::store::quick_checks_passed(&p.database()), 0);
    assert_eq!(store.language().unwrap(), Language::from_os());
    let refused = store.set_language(Language::De).unwrap_err();
    assert_eq!(refused.code, ErrorCode::StoreFailed, "{}", refused.message);
    assert!(
        refused.message.contains("still being checked"),
        "{}",
        refused.message
    );

    store.check_integrity().unwrap();
    assert_eq!(idesk_core::store::quick_checks_passed(&p.database()), 1);
    store.set_language(Language::De).unwrap();
    assert_eq!(Store::open(&p).unwrap().language().unwrap(), Language::De);
}

#[test]
fn a_file_checked_on_its_own_connection_is_not_read_again_by_the_store() {
    let (_d, p) = paths();
    let _written = current_schema_copy(&p);
    let store = Store::open_with(&p, IntegrityCheck::Deferred).unwrap();
    // The app runs this without holding the store (the window keeps reading meanwhile).
    idesk_core::store::check_file(&p.database()).unwrap();
    assert_eq!(idesk_core::store::quick_checks_passed(&p.database()), 1);
    assert_eq!(
        store.set_language(Language::De).unwrap_err().code,
        ErrorCode::StoreFailed,
        "no write before the store itself is told"
    );
    store.check_integrity().unwrap();
    assert_eq!(idesk_core::store::quick_checks_passed(&p.database()), 1);
    store.set_language(Language::De).unwrap();
}

#[test]
fn a_file_that_needs_migrating_is_checked_at_once_even_when_deferred() {
    let (_d, p) = paths();
    let store = Store::open_with(&p, IntegrityCheck::Deferred).unwrap();
    assert_eq!(idesk_core::store::quick_checks_passed(&p.database()), 1);
    store.set_language(Language::It).unwrap();
}

#[test]
fn damage_found_by_a_deferred_check_leaves_the_file_untouched() {
    let (_d, p) = paths();
    let (_w, written) = paths();
    {
        drop(Store::open(&written).unwrap());
        let conn = rusqlite::Connection::open(written.database()).unwrap();
        conn.execute_batch(
            "CREATE TABLE notes (body BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO notes SELECT randomblob(200) FROM n;",
        )
        .unwrap();
    }
    // The last pages belong to the notes, which nothing reads before the check.
    let mut bytes = fs::read(written.database()).unwrap();
    let len = bytes.len();
    assert!(len > 40 * 4096, "{len} bytes");
    bytes[len - 4 * 4096..len - 3 * 4096].fill(0xA5);
    fs::create_dir_all(&p.data_dir).unwrap();
    fs::write(p.database(), &bytes).unwrap();

    let store = Store::open_with(&p, IntegrityCheck::Deferred).unwrap();
    store.language().unwrap();
    let err = idesk_core::store::check_file(&p.database())
        .expect_err("a damaged file must be refused on the check's own connection");
    assert_eq!(err.code, ErrorCode::StoreCorrupt, "{}", err.message);
    let err = store
        .check_integrity()
        .expect_err("a damaged file must be refused");
    assert_eq!(err.code, ErrorCode::StoreCorrupt, "{}", err.message);
    assert_eq!(
        store.set_language(Language::Fr).unwrap_err().code,
        ErrorCode::StoreFailed
    );
    drop(store);
    assert!(fs::read(p.database()).unwrap() == bytes, "the file changed");
}
