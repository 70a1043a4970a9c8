//! How long the demo takes to be ready: from starting the in-process simulator to a queue report
//! with contacts for both integrations, as *Try the demo account* does it. Run in release mode
//! inside a D-Bus session with an unlocked Secret Service (the keys go to the real keychain):
//!
//! `cargo run --release -p idesk-core --example demo_ready`

use idesk_core::demo::{self, DemoAccount, DemoProgress, DemoTracker};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::QueueQuery;
use idesk_core::paths::AppPaths;
use idesk_core::{preview, Store};
use std::sync::Mutex;
use std::time::Instant;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let real = AppPaths::in_dir(dir.path().to_path_buf());
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    for run in 1..=runs {
        let started = Instant::now();
        let sim = idesk_sim::start(idesk_sim::SimConfig {
            activity: true,
            ..idesk_sim::SimConfig::demo()
        })
        .await
        .expect("the simulator");
        let accounts: Vec<DemoAccount> =
            serde_json::from_value(serde_json::to_value(sim.accounts()).unwrap()).unwrap();
        demo::wipe(&real).expect("wipe");
        let sim_ready = started.elapsed();
        let paths = demo::demo_paths(&real);
        let store = Mutex::new(Store::open(&paths).expect("the demo's store"));
        let client = FreshworksClient::new(Some(sim.url())).unwrap();
        let steps = Mutex::new(Vec::new());
        let sink = |p: DemoProgress| {
            steps
                .lock()
                .unwrap()
                .push((started.elapsed(), p.step, p.product))
        };
        let tracker = DemoTracker::new(&sink);
        tracker.finish(demo::DemoStep::Simulator, None);
        let seeded = demo::seed(&store, &paths, &client, &accounts, &tracker)
            .await
            .expect("seed");
        let query = QueueQuery {
            from: None,
            to: None,
            interval_minutes: 15,
            time_zone: None,
        };
        let mut contacts = Vec::new();
        for integration in &seeded {
            let store = store.lock().unwrap();
            let report =
                preview::queue_report(&store, integration, &query, None).expect("queue report");
            contacts.push(report.queues.iter().map(|q| q.total).sum::<u64>());
        }
        let total = started.elapsed();
        assert!(contacts.iter().all(|c| *c > 0), "a report without contacts");
        for (at, step, product) in steps.into_inner().unwrap() {
            println!("  {:>6.2} s  {step:?} {product:?}", at.as_secs_f64());
        }
        println!(
            "run {run}: simulator {:.2} s, ready with a queue report of {} (Freshdesk) and {} (Freshchat) contacts after {:.2} s",
            sim_ready.as_secs_f64(),
            contacts[0],
            contacts[1],
            total.as_secs_f64()
        );
        drop(store);
        sim.shutdown().await;
    }
    demo::wipe(&real).expect("wipe");
}
