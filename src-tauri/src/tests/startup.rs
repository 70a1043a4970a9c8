//! The start-up order (crate::startup): the store's page-by-page check and the syncs wait for the
//! UI's `ui_ready` (or the fallback timer), run once, and a damaged store still ends on the error
//! screen, untouched.

use super::{shell_in, wait_until, Shell};
use crate::startup::{self, Startup};
use crate::{workspace::Workspace, AppState};
use idesk_core::paths::AppPaths;
use idesk_core::store::quick_checks_passed;
use idesk_core::Store;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tauri::Manager;

/// A store at this build's schema that this process has never checked: written in a folder of
/// its own and copied (the check is remembered per file and process). `damage` overwrites a page
/// of a table no screen reads, leaving the header and the schema intact.
fn unchecked_store(damage: bool) -> (tempfile::TempDir, PathBuf) {
    let written = AppPaths::in_dir(tempfile::tempdir().unwrap().keep());
    drop(Store::open(&written).unwrap());
    let conn = rusqlite::Connection::open(written.database()).unwrap();
    conn.execute_batch(
        "CREATE TABLE notes (body BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO notes SELECT randomblob(200) FROM n;",
    )
    .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(written.database()).unwrap();
    std::fs::remove_dir_all(&written.data_dir).unwrap();
    if damage {
        let (len, page) = (bytes.len(), 4096);
        assert!(len > 40 * page, "{len} bytes");
        bytes[len - 4 * page..len - 3 * page].fill(0xA5);
    }
    let dir = tempfile::tempdir().unwrap();
    let database = AppPaths::in_dir(dir.path().to_path_buf()).database();
    std::fs::write(&database, &bytes).unwrap();
    (dir, database)
}

/// A shell that opens its store as the app does at start, its fallback after `fallback`.
fn starting_shell(dir: tempfile::TempDir, fallback: Duration) -> Shell {
    let shell = shell_in(dir, |paths, client| {
        AppState::new(Workspace::open_for_start(paths, client))
            .with_startup(Startup::new(Instant::now(), fallback))
    });
    startup::arm_fallback(shell.app.handle());
    shell
}

fn startup_of(shell: &Shell) -> &Startup {
    &shell.app.state::<AppState>().inner().startup
}

fn set_language(shell: &Shell) -> Result<Value, Value> {
    shell.call("set_language", json!({ "language": "de" }))
}

#[test]
fn the_store_check_waits_for_ui_ready_and_writing_waits_for_the_check() {
    let (dir, database) = unchecked_store(false);
    let shell = starting_shell(dir, Duration::from_secs(600));
    // The first screen's reads work at once.
    assert_eq!(
        shell.call("list_integrations", json!({})).unwrap(),
        json!([])
    );
    assert!(shell.call("app_info", json!({})).unwrap()["storeError"].is_null());
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        quick_checks_passed(&database),
        0,
        "checked before the first paint"
    );
    assert_eq!(startup_of(&shell).deferred_runs(), 0);
    let refused = set_language(&shell).expect_err("written before the check");
    assert_eq!(refused["code"], "store_failed", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("still being checked"),
        "{refused}"
    );

    shell.call("ui_ready", json!({})).unwrap();
    wait_until("the deferred check", || quick_checks_passed(&database) == 1);
    wait_until("the store writes again", || set_language(&shell).is_ok());
    assert_eq!(shell.call("app_info", json!({})).unwrap()["language"], "de");
    assert!(startup_of(&shell).first_paint_ms().is_some());
}

#[test]
fn the_deferred_work_runs_once_however_often_it_is_asked_for() {
    let (dir, database) = unchecked_store(false);
    let fallback = Duration::from_millis(300);
    let shell = starting_shell(dir, fallback);
    for _ in 0..3 {
        shell.call("ui_ready", json!({})).unwrap();
    }
    wait_until("the deferred check", || quick_checks_passed(&database) == 1);
    // The fallback's moment passes too.
    std::thread::sleep(fallback * 3);
    assert_eq!(startup_of(&shell).deferred_runs(), 1);
}

#[test]
fn without_ui_ready_the_fallback_starts_the_deferred_work() {
    let (dir, database) = unchecked_store(false);
    let fallback = Duration::from_millis(500);
    let shell = starting_shell(dir, fallback);
    let started = Instant::now();
    wait_until("the fallback's check", || {
        quick_checks_passed(&database) == 1
    });
    assert!(
        started.elapsed() >= fallback,
        "ran before the fallback's time"
    );
    assert_eq!(startup_of(&shell).deferred_runs(), 1);
    assert_eq!(startup_of(&shell).first_paint_ms(), None);
    wait_until("the store writes", || set_language(&shell).is_ok());
}

#[test]
fn damage_found_after_the_first_paint_shows_the_error_screen_and_leaves_the_file() {
    let (dir, database) = unchecked_store(true);
    let before = std::fs::read(&database).unwrap();
    let shell = starting_shell(dir, Duration::from_secs(600));
    assert!(shell.call("app_info", json!({})).unwrap()["storeError"].is_null());

    shell.call("ui_ready", json!({})).unwrap();
    wait_until("the check finds the damage", || {
        !shell.call("app_info", json!({})).unwrap()["storeError"].is_null()
    });
    let info = shell.call("app_info", json!({})).unwrap();
    assert_eq!(info["storeError"]["code"], "store_corrupt", "{info}");
    assert_eq!(
        shell.refused("list_integrations", json!({})),
        "store_corrupt"
    );
    // The store's connection went with the error (nothing left to write through it).
    assert!(
        std::fs::read(&database).unwrap() == before,
        "the damaged file changed"
    );
}
