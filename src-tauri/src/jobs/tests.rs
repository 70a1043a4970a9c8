//! The jobs module on its own: a workspace in a temporary folder, imports whose work is given.

use super::Jobs;
use crate::tests::wait_until;
use crate::workspace::Workspace;
use idesk_core::paths::AppPaths;
use idesk_core::preview::ImportEvent;
use idesk_core::{CoreError, ErrorCode};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn jobs() -> (tempfile::TempDir, Arc<Jobs>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::in_dir(dir.path().to_path_buf());
    let client = idesk_core::freshworks::FreshworksClient::new(None);
    (dir, Jobs::new(Arc::new(Workspace::open(paths, client))))
}

/// A sink that keeps what it receives.
fn recorder() -> (super::ImportSink, Arc<Mutex<Vec<ImportEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let kept = events.clone();
    let sink: super::ImportSink = Arc::new(move |e: ImportEvent| kept.lock().unwrap().push(e));
    (sink, events)
}

#[test]
fn a_panicking_import_ends_as_a_failure_with_a_reason() {
    let (_dir, jobs) = jobs();
    let (sink, events) = recorder();
    jobs.spawn_import(
        "id-1",
        async { panic!("a server answer nobody expected") },
        sink,
    );
    wait_until("the import ends", || !jobs.import_running("id-1"));
    wait_until("the failure is reported", || {
        !events.lock().unwrap().is_empty()
    });
    let events = events.lock().unwrap();
    match events.as_slice() {
        [ImportEvent::Failed { error }] => {
            assert_eq!(error.code, ErrorCode::Internal);
            assert!(
                error.message.contains("a server answer nobody expected"),
                "{}",
                error.message
            );
        }
        other => panic!("expected one failure, got {other:?}"),
    }
}

#[test]
fn a_failing_import_reports_its_error_and_ends() {
    let (_dir, jobs) = jobs();
    let (sink, events) = recorder();
    let failure = CoreError::new(ErrorCode::ImportKeyRejected, "the key was rejected");
    let work = {
        let f = failure.clone();
        async move { Err(f) }
    };
    jobs.spawn_import("id-1", work, sink);
    wait_until("the failure is reported", || {
        !events.lock().unwrap().is_empty()
    });
    assert!(!jobs.import_running("id-1"));
    let events = events.lock().unwrap();
    assert!(
        matches!(events.as_slice(), [ImportEvent::Failed { error }] if *error == failure),
        "{events:?}"
    );
}

#[test]
fn a_running_import_can_be_cancelled_once() {
    let (_dir, jobs) = jobs();
    let (sink, events) = recorder();
    let (second_sink, second_events) = recorder();
    jobs.spawn_import("id-1", std::future::pending(), sink);
    assert!(jobs.import_running("id-1"));
    // A second start while it runs changes nothing; the first sink stays the one that hears.
    jobs.spawn_import("id-1", async { panic!("must not run") }, second_sink);
    assert!(jobs.cancel_import("id-1"));
    assert!(!jobs.import_running("id-1"));
    assert!(!jobs.cancel_import("id-1"), "nothing left to cancel");
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        events.lock().unwrap().is_empty(),
        "a cancelled import sends nothing itself"
    );
    assert!(second_events.lock().unwrap().is_empty());
}

#[test]
fn an_import_of_an_unknown_integration_does_not_start() {
    let (_dir, jobs) = jobs();
    let (sink, _events) = recorder();
    let started = tauri::async_runtime::block_on(jobs.start_import("nope", None, sink.clone()));
    assert_eq!(started.unwrap_err().code, ErrorCode::IntegrationNotFound);
    let bad_date =
        tauri::async_runtime::block_on(jobs.start_import("nope", Some("yesterday"), sink));
    assert_eq!(bad_date.unwrap_err().code, ErrorCode::InvalidDate);
    assert!(!jobs.import_running("nope"));
}

#[test]
fn a_panicking_sync_shows_as_stopped_with_a_reason() {
    use idesk_core::import::continuous::{self, SyncState, SyncStatus};
    let (_dir, jobs) = jobs();
    let store = jobs.workspace().open_integrations_store().unwrap();
    let settings = continuous::settings(&store, "id-1").unwrap();
    let status = SyncStatus::stored(&store, "id-1").unwrap();
    jobs.spawn_sync("id-1", status, settings, |status, _, _| async move {
        status.lock().unwrap().state = SyncState::Syncing;
        panic!("a page nobody expected");
    });
    let crashed = || jobs.status_in(&store, "id-1").unwrap();
    wait_until("the panic is seen", || crashed().error.is_some());
    let status = crashed();
    assert_eq!(status.state, SyncState::Off, "not left at syncing");
    let error = status.error.unwrap();
    assert_eq!(error.code, ErrorCode::Internal);
    assert!(
        error.message.contains("a page nobody expected"),
        "{}",
        error.message
    );
}
