//! The demo's starting point against the real in-process simulator, a real SQLite store and the
//! Secret Service keychain (run inside a D-Bus session with an unlocked gnome-keyring).

use idesk_core::demo::{self, DemoAccount, DemoProgress, DemoStep, DemoTracker};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::{self, QueueQuery};
use idesk_core::integrations::service;
use idesk_core::integrations::{Integration, Product};
use idesk_core::keychain::{self, SecretKind};
use idesk_core::paths::AppPaths;
use idesk_core::{preview, ErrorCode, Secret, Store};
use idesk_sim::{Persona, SimConfig, SimHandle};
use std::sync::Mutex;

fn accounts(sim: &SimHandle) -> Vec<DemoAccount> {
    serde_json::from_value(serde_json::to_value(sim.accounts()).unwrap()).unwrap()
}

/// Wipes what a previous start left and seeds again, as the app does; returns the progress seen.
async fn start(real: &AppPaths, sim: &SimHandle) -> Vec<DemoProgress> {
    demo::wipe(real).unwrap();
    let paths = demo::demo_paths(real);
    let store = Mutex::new(Store::open(&paths).unwrap());
    let client = FreshworksClient::new(Some(sim.url())).unwrap();
    let seen = Mutex::new(Vec::new());
    let sink = |p: DemoProgress| seen.lock().unwrap().push(p);
    let tracker = DemoTracker::new(&sink);
    tracker.finish(DemoStep::Simulator, None);
    demo::seed(&store, &paths, &client, &accounts(sim), &tracker)
        .await
        .unwrap();
    seen.into_inner().unwrap()
}

fn integrations(real: &AppPaths) -> Vec<Integration> {
    Store::open(&demo::demo_paths(real))
        .unwrap()
        .list_integrations()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_starts_with_both_integrations_imported_and_reset_returns_there() {
    let dir = tempfile::tempdir().unwrap();
    let real = AppPaths::in_dir(dir.path().to_path_buf());
    let sim = idesk_sim::start(SimConfig {
        activity: true,
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let began = chrono::Utc::now();
    let seen = start(&real, &sim).await;

    let last = seen.last().unwrap();
    assert_eq!((last.step, last.done), (DemoStep::Ready, last.total));
    let mut list = integrations(&real);
    list.sort_by_key(|i| i.product.as_str());
    let products: Vec<_> = list.iter().map(|i| i.product).collect();
    assert_eq!(products, [Product::Freshchat, Product::Freshdesk]);
    assert_eq!(list[0].domain, "acme.freshchat.com");
    assert_eq!(list[1].domain, "acme.freshdesk.com");
    let store = Store::open(&demo::demo_paths(&real)).unwrap();
    let window_start = (began.date_naive() - chrono::Days::new(demo::SEED_DAYS))
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp();
    for integration in &list {
        // Set up like a real one: checks stored, key in the keychain, not in the store.
        assert!(!integration.checks.is_empty(), "{}", integration.name);
        let key = keychain::load(&integration.id, SecretKind::ApiKey).unwrap();
        let expected = sim.key(&integration.domain, Persona::AccountAdmin).unwrap();
        assert_eq!(key.expose(), expected);
        assert_ne!(integration.key_mask, expected);
        let contacts = import::contacts(&store, &integration.id).unwrap();
        assert!(!contacts.is_empty(), "{} has no contacts", integration.name);
        // The queue preview's default query (the last 7 days) has queues with counts, and the
        // imported days are covered up to about when the import ran.
        let query = QueueQuery {
            from: None,
            to: None,
            interval_minutes: 15,
            time_zone: None,
        };
        let report = preview::queue_report(&store, integration, &query, None).unwrap();
        assert!(
            report.queues.iter().any(|q| q.total > 0),
            "{}",
            integration.name
        );
        let instant = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().timestamp();
        let from = instant(&report.coverage[0].from);
        let to = instant(&report.coverage.last().unwrap().to);
        assert!(
            from <= window_start,
            "{}: coverage starts at {from}",
            integration.name
        );
        assert!(
            to >= began.timestamp() - 60,
            "{}: coverage ends at {to}",
            integration.name
        );
    }
    drop(store);

    // The presenter adds an integration of their own in the demo.
    let paths = demo::demo_paths(&real);
    let store = Mutex::new(Store::open(&paths).unwrap());
    let client = FreshworksClient::new(Some(sim.url())).unwrap();
    let pro_key = sim
        .key("acme-pro.freshdesk.com", Persona::AccountAdmin)
        .unwrap();
    let added = service::add(
        &store,
        &client,
        Product::Freshdesk,
        "Presenter's desk",
        "acme-pro.freshdesk.com",
        Secret::new(pro_key.to_string()),
    )
    .await
    .unwrap()
    .into_result()
    .unwrap()
    .integration
    .unwrap();
    drop(store);
    assert_eq!(integrations(&real).len(), 3);

    // Reset: the same starting point again, nothing of the presenter's left (keys included).
    let old: Vec<String> = integrations(&real).into_iter().map(|i| i.id).collect();
    start(&real, &sim).await;
    for id in &old {
        let gone = keychain::load(id, SecretKind::ApiKey).unwrap_err();
        assert_eq!(gone.code, ErrorCode::KeychainEntryMissing, "{id}");
    }
    let mut again = integrations(&real);
    again.sort_by_key(|i| i.product.as_str());
    let names = |l: &[Integration]| l.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&again), names(&list));
    assert!(again.iter().all(|i| i.id != added.id));
    let store = Store::open(&paths).unwrap();
    for integration in &again {
        assert!(!import::contacts(&store, &integration.id)
            .unwrap()
            .is_empty());
    }

    // Leaving for good: nothing of the demo stays in the keychain.
    drop(store);
    demo::wipe(&real).unwrap();
    assert!(!paths.data_dir.exists());
    for integration in &again {
        let gone = keychain::load(&integration.id, SecretKind::ApiKey).unwrap_err();
        assert_eq!(gone.code, ErrorCode::KeychainEntryMissing);
    }
}
