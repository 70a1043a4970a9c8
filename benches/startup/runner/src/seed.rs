//! The data folder the app starts on: `integrations` Freshdesk integrations, each saved as the
//! setup form saves it (checks against the simulator, key in the keychain), and `contacts` cached
//! contacts shared out between them, written with the importer's own batch insert, each
//! integration's initial import marked complete (so its sync loop runs, as for a user).

use chrono::{Duration, Utc};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::cache;
use idesk_core::integrations::service::{self, clean_api_key};
use idesk_core::integrations::Product;
use idesk_core::paths::AppPaths;
use idesk_core::Store;
use idesk_rules::{Contact, ContactId, ContactKind, QueueId};
use std::sync::Mutex;

const QUEUES: u64 = 60;
const DAYS: i64 = 90;
/// Contacts per transaction while seeding (the importer commits a page at a time; the seed only
/// needs to be quick).
const SEED_BATCH: u64 = 10_000;

pub struct Seeded {
    pub paths: AppPaths,
    pub integration_ids: Vec<String>,
    /// Kept running: the app's sync loops talk to it (`IDESK_FRESHWORKS_URL`).
    pub sim: idesk_sim::SimHandle,
}

fn account(n: usize) -> idesk_sim::AccountSpec {
    idesk_sim::AccountSpec {
        product: idesk_sim::Product::Freshdesk,
        subdomain: format!("acme{n}"),
        plan: idesk_sim::Plan::Enterprise,
        suspended: false,
        size: 50,
        timezone: "Eastern Time (US & Canada)".into(),
        token_lacks_reports_scope: false,
        calls_per_minute: None,
        ticket_list_per_minute: None,
    }
}

pub async fn seed(data_dir: &std::path::Path, integrations: usize, contacts: u64) -> Seeded {
    let sim = idesk_sim::start(idesk_sim::SimConfig {
        accounts: Some((1..=integrations).map(account).collect()),
        ..idesk_sim::SimConfig::demo()
    })
    .await
    .expect("the simulator starts");
    let paths = AppPaths::in_dir(data_dir.to_path_buf());
    let store = Mutex::new(Store::open(&paths).expect("the store opens"));
    let client = FreshworksClient::new(Some(sim.url())).expect("a client");
    let mut integration_ids = Vec::new();
    for (n, info) in sim.accounts().iter().enumerate() {
        let key = sim
            .key(&info.domain, idesk_sim::Persona::AccountAdmin)
            .expect("an admin key");
        let key = clean_api_key(key).expect("a clean key");
        let name = format!("Acme {}", n + 1);
        let saved = service::add(
            &store,
            &client,
            Product::Freshdesk,
            &name,
            &info.domain,
            key,
        )
        .await
        .and_then(|attempt| attempt.into_result())
        .expect("the integration is saved (run inside an unlocked keyring session)");
        integration_ids.push(saved.integration.expect("the checks allow saving").id);
    }
    drop(store);

    let count = integration_ids.len() as u64;
    for (n, iid) in integration_ids.iter().enumerate() {
        // The remainder goes to the first integration.
        let share = contacts / count + if n == 0 { contacts % count } else { 0 };
        write_contacts(&paths, iid, share);
    }
    Seeded {
        paths,
        integration_ids,
        sim,
    }
}

/// A cheap deterministic spread over queues and days; the initial import marked complete.
fn write_contacts(paths: &AppPaths, iid: &str, contacts: u64) {
    let conn = rusqlite::Connection::open(paths.database()).expect("the database opens");
    let end = Utc::now();
    let start = end - Duration::days(DAYS);
    let span = (end - start).num_seconds() as u64;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut written = 0;
    while written < contacts {
        let tx = conn.unchecked_transaction().expect("a transaction");
        let mut batch = cache::ContactBatch::new(&tx, iid).expect("the integration's key");
        for i in written..contacts.min(written + SEED_BATCH) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let queue = (x % QUEUES) * (x % 3) / 2;
            let contact = Contact {
                id: ContactId::Ticket(i + 1),
                kind: ContactKind::Ticket,
                queue: QueueId(0),
                at: start + Duration::seconds(((x >> 20) % span) as i64),
            };
            let queue = format!("Group {queue} email Tickets");
            batch
                .insert(&contact, &queue)
                .expect("a contact is written");
        }
        batch.finish().expect("the counts are written");
        tx.commit().expect("the contacts are committed");
        written = contacts.min(written + SEED_BATCH);
    }
    let tx = conn.unchecked_transaction().expect("a transaction");
    let run = cache::start_run(&tx, iid, start.timestamp(), end.timestamp()).expect("a run");
    cache::complete_run(&tx, iid, &run).expect("the run completes");
    tx.commit().expect("the run is committed");
}

/// Removes the integrations' keys from the keychain (the seeded folder itself is a temporary one).
pub fn forget_keys(seeded: &Seeded) {
    use idesk_core::keychain::{self, SecretKind};
    for iid in &seeded.integration_ids {
        if let Err(e) = keychain::delete(iid, SecretKind::ApiKey) {
            eprintln!(
                "note: the benchmark's key stays in the keychain: {}",
                e.message
            );
        }
    }
}
