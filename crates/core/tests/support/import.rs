//! Helpers of the importer tests (`import.rs`, `import_slow.rs`, `sync_state.rs`, `twenty.rs`): the simulator,
//! a cache in a temporary folder; the expected result computed by the engine from the ground truth
//! is in `import_expected.rs`.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::{self, ImportTarget, SinceArg};
use idesk_core::integrations::Product;
use idesk_core::paths::AppPaths;
use idesk_core::{Secret, Store};
use idesk_sim::{AccountSpec, Persona, Plan, SimConfig, SimHandle};
use serde_json::Value;
use std::collections::BTreeSet;

#[path = "import_expected.rs"]
mod expected;
#[allow(unused_imports)] // not every importer test needs the expected results
pub use expected::*;

/// A rate-limit minute lasts 60/SCALE seconds here and in the simulator.
pub const SCALE: f64 = 200.0;

pub type ContactSet = BTreeSet<(String, String, i64)>;

pub fn set_scale() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::env::set_var("IDESK_TIME_SCALE", SCALE.to_string()));
}

pub fn spec(product: idesk_sim::Product, subdomain: &str, size: u64) -> AccountSpec {
    AccountSpec {
        product,
        subdomain: subdomain.into(),
        plan: Plan::Enterprise,
        suspended: false,
        size,
        timezone: "Eastern Time (US & Canada)".into(),
        token_lacks_reports_scope: false,
        calls_per_minute: None,
        ticket_list_per_minute: None,
    }
}

pub async fn sim(accounts: Vec<AccountSpec>) -> SimHandle {
    set_scale();
    sim_at_scale(accounts, SCALE).await
}

/// The simulator serving `accounts` with a minute of 60/`time_scale` seconds; the caller makes
/// the importer's pace agree (`IDESK_TIME_SCALE`).
pub async fn sim_at_scale(accounts: Vec<AccountSpec>, time_scale: f64) -> SimHandle {
    idesk_sim::start(SimConfig {
        time_scale,
        accounts: Some(accounts),
        ..SimConfig::demo()
    })
    .await
    .unwrap()
}

/// The simulator with one Enterprise account that keeps receiving live activity.
pub async fn live_sim(product: idesk_sim::Product, subdomain: &str, size: u64) -> SimHandle {
    set_scale();
    idesk_sim::start(SimConfig {
        time_scale: SCALE,
        accounts: Some(vec![spec(product, subdomain, size)]),
        activity: true,
        ..SimConfig::demo()
    })
    .await
    .unwrap()
}

pub struct Cache {
    _dir: tempfile::TempDir,
    pub paths: AppPaths,
}

impl Default for Cache {
    fn default() -> Self {
        Self::new()
    }
}

impl Cache {
    pub fn new() -> Cache {
        let dir = tempfile::tempdir().unwrap();
        let paths = AppPaths::in_dir(dir.path().join("data"));
        Cache { _dir: dir, paths }
    }

    pub fn contacts(&self, iid: &str) -> ContactSet {
        let store = Store::open(&self.paths).unwrap();
        import::contacts(&store, iid)
            .unwrap()
            .into_iter()
            .map(|c| (c.contact_id, c.queue, c.at))
            .collect()
    }
}

/// What an import or sync of `domain` on the simulator needs: a store, the target, key, client.
fn parts(
    sim: &SimHandle,
    cache: &Cache,
    product: Product,
    domain: &str,
) -> (Store, ImportTarget, Secret, FreshworksClient) {
    let target = ImportTarget {
        integration_id: format!("id-{domain}"),
        product,
        domain: domain.into(),
    };
    let key = Secret::new(sim.key(domain, Persona::AccountAdmin).unwrap());
    (
        Store::open(&cache.paths).unwrap(),
        target,
        key,
        FreshworksClient::new(Some(sim.url())).unwrap(),
    )
}

pub async fn run(
    sim: &SimHandle,
    cache: &Cache,
    product: Product,
    domain: &str,
    since: DateTime<Utc>,
) -> Result<import::ImportSummary, idesk_core::CoreError> {
    run_reporting(sim, cache, product, domain, since, &mut |_| {}).await
}

/// [`run`], telling `progress` what the importer reports.
pub async fn run_reporting(
    sim: &SimHandle,
    cache: &Cache,
    product: Product,
    domain: &str,
    since: DateTime<Utc>,
    progress: &mut (dyn FnMut(&import::Progress) + Send),
) -> Result<import::ImportSummary, idesk_core::CoreError> {
    let (mut store, target, key, client) = parts(sim, cache, product, domain);
    import::run_import(
        &mut store,
        &target,
        key,
        client,
        SinceArg::Instant(since),
        progress,
    )
    .await
}

/// One continuous-stage sync of the integration `run` imported.
pub async fn sync(
    sim: &SimHandle,
    cache: &Cache,
    product: Product,
    domain: &str,
) -> Result<import::ImportSummary, idesk_core::CoreError> {
    let (mut store, target, key, client) = parts(sim, cache, product, domain);
    import::run_sync(&mut store, &target, key, client, &mut |_| {}).await
}

/// The simulator's summary of an account: anchor, counts by state, groups (deleted too), sources.
pub async fn truth_summary(sim: &SimHandle, domain: &str) -> Value {
    control(
        sim,
        reqwest::Method::GET,
        &format!("/_sim/accounts/{domain}/truth"),
        None,
    )
    .await
}

/// Adds a fault rule to the simulator.
pub async fn add_fault(sim: &SimHandle, rule: Value) -> Value {
    control(sim, reqwest::Method::POST, "/_sim/faults", Some(rule)).await
}

/// `POST /_sim/accounts/{domain}/{action}`: `suspend`, `keys/account_admin/restore`, ...
pub async fn account_action(sim: &SimHandle, domain: &str, action: &str) -> Value {
    control(
        sim,
        reqwest::Method::POST,
        &format!("/_sim/accounts/{domain}/{action}"),
        None,
    )
    .await
}

pub async fn control(
    sim: &SimHandle,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let client = reqwest::Client::new();
    let mut req = client.request(method, format!("{}{path}", sim.url()));
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap().json().await.unwrap()
}

pub fn time(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

pub async fn credits_used(sim: &SimHandle, domain: &str) -> (u64, u64) {
    let stats = control(sim, reqwest::Method::GET, "/_sim/stats", None).await;
    let a = &stats["accounts"][domain];
    (
        a["credits_used"].as_u64().unwrap_or(0),
        a["rate_limited"].as_u64().unwrap_or(0),
    )
}
