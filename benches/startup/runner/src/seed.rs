//! The data folder the app starts on: one Freshdesk integration, saved as the setup form saves it
//! (checks against the simulator, key in the keychain), and 100,000 cached contacts written with
//! the importer's own insert, its initial import marked complete.

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

pub struct Seeded {
    pub paths: AppPaths,
    pub integration_id: String,
    /// Kept running: the app's sync loop talks to it (`IDESK_FRESHWORKS_URL`).
    pub sim: idesk_sim::SimHandle,
}

pub async fn seed(data_dir: &std::path::Path, contacts: u64) -> Seeded {
    let sim = idesk_sim::start(idesk_sim::SimConfig {
        accounts: Some(vec![idesk_sim::AccountSpec {
            product: idesk_sim::Product::Freshdesk,
            subdomain: "acme".into(),
            plan: idesk_sim::Plan::Enterprise,
            suspended: false,
            size: 50,
            timezone: "Eastern Time (US & Canada)".into(),
            token_lacks_reports_scope: false,
            calls_per_minute: None,
            ticket_list_per_minute: None,
        }]),
        ..idesk_sim::SimConfig::demo()
    })
    .await
    .expect("the simulator starts");
    let domain = sim.accounts()[0].domain.clone();
    let key = sim
        .key(&domain, idesk_sim::Persona::AccountAdmin)
        .expect("an admin key")
        .to_string();

    let paths = AppPaths::in_dir(data_dir.to_path_buf());
    let store = Mutex::new(Store::open(&paths).expect("the store opens"));
    let client = FreshworksClient::new(Some(sim.url())).expect("a client");
    let key = clean_api_key(&key).expect("a clean key");
    let saved = service::add(&store, &client, Product::Freshdesk, "Acme", &domain, key)
        .await
        .and_then(|attempt| attempt.into_result())
        .expect("the integration is saved (run inside an unlocked keyring session)");
    let integration = saved.integration.expect("the checks allow saving");
    drop(store);

    write_contacts(&paths, &integration.id, contacts);
    Seeded {
        paths,
        integration_id: integration.id,
        sim,
    }
}

/// One transaction, as the importer commits; a cheap deterministic spread over queues and days.
fn write_contacts(paths: &AppPaths, iid: &str, contacts: u64) {
    let conn = rusqlite::Connection::open(paths.database()).expect("the database opens");
    let tx = conn.unchecked_transaction().expect("a transaction");
    let end = Utc::now();
    let start = end - Duration::days(DAYS);
    let span = (end - start).num_seconds() as u64;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..contacts {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let queue = (x % QUEUES) * (x % 3) / 2;
        let at = start + Duration::seconds(((x >> 20) % span) as i64);
        let contact = Contact {
            id: ContactId::Ticket(i + 1),
            kind: ContactKind::Ticket,
            queue: QueueId(0),
            at,
        };
        cache::insert_contact(&tx, iid, &contact, &format!("Group {queue} email Tickets"))
            .expect("a contact is written");
    }
    let run = cache::start_run(&tx, iid, start.timestamp(), end.timestamp()).expect("a run");
    cache::complete_run(&tx, iid, &run).expect("the run completes");
    tx.commit().expect("the contacts are committed");
}

/// Removes the integration's key from the keychain (the seeded folder itself is a temporary one).
pub fn forget_key(seeded: &Seeded) {
    use idesk_core::keychain::{self, SecretKind};
    if let Err(e) = keychain::delete(&seeded.integration_id, SecretKind::ApiKey) {
        eprintln!(
            "note: the benchmark's key stays in the keychain: {}",
            e.message
        );
    }
}
