//! The continuous stage's loop (`import::continuous::watch`): after the initial import it keeps
//! syncing live activity, syncs at once on request, follows a changed period, survives a failed
//! sync, and its settings are kept per integration.

#[path = "support/import.rs"]
mod shared;

use chrono::{Duration, Utc};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::continuous::{
    self, SyncInputs, SyncSettings, SyncState, SyncStatus, WatchEvent, WatchSignals,
};
use idesk_core::import::ImportTarget;
use idesk_core::integrations::Product;
use idesk_core::{CoreError, ErrorCode, Secret, Store};
use idesk_sim::{Persona, SimHandle};
use shared::*;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

const DOMAIN: &str = "live.freshdesk.com";

/// What a sync of the test account needs.
fn sync_inputs(sim: &SimHandle) -> SyncInputs {
    SyncInputs {
        target: ImportTarget {
            integration_id: format!("id-{DOMAIN}"),
            product: Product::Freshdesk,
            domain: DOMAIN.into(),
        },
        secret: Secret::new(sim.key(DOMAIN, Persona::AccountAdmin).unwrap()),
        client: FreshworksClient::new(Some(sim.url())).unwrap(),
    }
}

/// A cache holding the initial import of the last 30 days of the test account, and its id.
async fn imported(sim: &SimHandle) -> (Cache, String) {
    let cache = Cache::new();
    let since = Utc::now() - Duration::days(30);
    run(sim, &cache, Product::Freshdesk, DOMAIN, since)
        .await
        .unwrap();
    (cache, format!("id-{DOMAIN}"))
}

/// Waits (polling) until `done()`; panics with `what` after 30 s.
async fn until(what: &str, done: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + StdDuration::from_secs(30);
    while !done() {
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(StdDuration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loop_syncs_live_activity_now_on_request_and_at_a_changed_period() {
    let sim = live_sim(idesk_sim::Product::Freshdesk, "live", 300).await;
    let (cache, iid) = imported(&sim).await;
    let imported = cache.contacts(&iid);

    let mut store = Store::open(&cache.paths).unwrap();
    let inputs = || Ok(sync_inputs(&sim));
    let period_ms = AtomicU64::new(3_600_000);
    let signals = WatchSignals::default();
    let status = Mutex::new(SyncStatus::stored(&store, &iid).unwrap());
    let new_contacts = AtomicU64::new(0);
    let mut report = |event: WatchEvent<'_>| {
        if let WatchEvent::Synced(summary) = &event {
            new_contacts.fetch_add(summary.new_contacts, Ordering::SeqCst);
        }
        status.lock().unwrap().apply(&event);
    };
    let syncs = || status.lock().unwrap().last_new_contacts.is_some() as usize;
    let synced_count = AtomicUsize::new(0);
    let driver = async {
        // The first sync runs at once, then it waits the whole period.
        until("the first sync", || {
            syncs() == 1 && status.lock().unwrap().state == SyncState::Waiting
        })
        .await;
        let first = status.lock().unwrap().clone();
        assert!(first.error.is_none(), "{:?}", first.error);
        let next =
            chrono::DateTime::parse_from_rfc3339(first.next_sync_at.as_deref().unwrap()).unwrap();
        assert!(
            next.to_utc() > Utc::now() + Duration::minutes(59),
            "waits the period"
        );

        // Sync now: a second sync without waiting for the hour.
        let before = first.last_synced_at.clone();
        tokio::time::sleep(StdDuration::from_millis(300)).await;
        signals.sync_now.notify_one();
        until("sync now", || {
            status.lock().unwrap().last_synced_at != before
        })
        .await;

        // A shorter period takes effect while waiting: several syncs follow on their own.
        period_ms.store(100, Ordering::SeqCst);
        signals.reschedule.notify_one();
        for _ in 0..3 {
            let seen = status.lock().unwrap().last_synced_at.clone();
            until("a periodic sync", || {
                status.lock().unwrap().last_synced_at != seen
            })
            .await;
            synced_count.fetch_add(1, Ordering::SeqCst);
        }
    };
    tokio::select! {
        _ = continuous::watch(
            &mut store,
            inputs,
            || StdDuration::from_millis(period_ms.load(Ordering::SeqCst)),
            &signals,
            &mut report,
        ) => unreachable!("the loop runs until dropped"),
        _ = driver => {}
    }
    assert_eq!(synced_count.load(Ordering::SeqCst), 3);

    let synced = cache.contacts(&iid);
    let ids: BTreeSet<&String> = synced.iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids.len(), synced.len(), "no contact twice");
    assert!(
        synced.is_superset(&imported),
        "imported contacts keep their names"
    );
    assert_eq!(
        (synced.len() - imported.len()) as u64,
        new_contacts.load(Ordering::SeqCst),
        "live activity arrived, each contact counted once"
    );
    assert!(synced.len() > imported.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_sync_is_reported_and_the_next_one_clears_it() {
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "live", 50)]).await;
    let (cache, iid) = imported(&sim).await;
    let mut store = Store::open(&cache.paths).unwrap();
    let calls = AtomicUsize::new(0);
    // The first sync finds no key (e.g. the keychain entry is gone), the next ones do.
    let inputs = || {
        if calls.fetch_add(1, Ordering::SeqCst) == 0 {
            return Err(CoreError::new(ErrorCode::KeychainEntryMissing, "no key"));
        }
        Ok(sync_inputs(&sim))
    };
    let status = Arc::new(Mutex::new(SyncStatus::stored(&store, &iid).unwrap()));
    let errors = Mutex::new(Vec::new());
    let mut report = |event: WatchEvent<'_>| {
        if let WatchEvent::Failed(e) = &event {
            errors.lock().unwrap().push(e.code);
        }
        status.lock().unwrap().apply(&event);
    };
    let signals = WatchSignals::default();
    tokio::select! {
        _ = continuous::watch(&mut store, inputs, || StdDuration::from_millis(50), &signals, &mut report) => {}
        _ = until("a sync after the failure", || {
            let s = status.lock().unwrap();
            s.last_new_contacts.is_some() && s.error.is_none()
        }) => {}
    }
    assert_eq!(
        *errors.lock().unwrap(),
        vec![ErrorCode::KeychainEntryMissing]
    );
}

#[test]
fn settings_are_kept_per_integration_and_checked() {
    let cache = Cache::new();
    let store = Store::open(&cache.paths).unwrap();
    assert_eq!(
        continuous::settings(&store, "a").unwrap(),
        SyncSettings {
            paused: false,
            every_minutes: continuous::DEFAULT_EVERY_MINUTES
        }
    );
    let paused = SyncSettings {
        paused: true,
        every_minutes: 15,
    };
    continuous::save_settings(&store, "a", paused).unwrap();
    assert_eq!(continuous::settings(&store, "a").unwrap(), paused);
    assert_eq!(
        continuous::settings(&Store::open(&cache.paths).unwrap(), "a").unwrap(),
        paused
    );
    assert_eq!(
        SyncStatus::stored(&store, "a").unwrap().state,
        SyncState::Paused
    );
    assert!(!continuous::settings(&store, "b").unwrap().paused);
    for minutes in [0, 1441] {
        let err = continuous::save_settings(
            &store,
            "a",
            SyncSettings {
                paused: false,
                every_minutes: minutes,
            },
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidSyncInterval);
    }
    assert_eq!(
        continuous::settings(&store, "a").unwrap(),
        paused,
        "a refused change changes nothing"
    );
}
