//! Helpers of the importer tests (`import.rs`, `import_slow.rs`): the simulator, a cache in a
//! temporary folder, and the expected result computed by the engine from the ground truth.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::import::{self, ImportTarget, SinceArg};
use idesk_core::integrations::Product;
use idesk_core::paths::AppPaths;
use idesk_core::{Secret, Store};
use idesk_rules::{
    Conversation, FreshdeskCatalog, FreshdeskDeriver, Group, Ticket, TicketSourceChoice,
};
use idesk_sim::{AccountSpec, Persona, Plan, SimConfig, SimHandle};
use serde_json::Value;
use std::collections::BTreeSet;

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
    idesk_sim::start(SimConfig {
        time_scale: SCALE,
        accounts: Some(accounts),
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
    let (mut store, target, key, client) = parts(sim, cache, product, domain);
    import::run_import(
        &mut store,
        &target,
        key,
        client,
        SinceArg::Instant(since),
        &mut |_| {},
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

/// What the engine makes of the simulator's ground truth for a backfill from `since`, and the
/// exact minimum of API credits (freshworks-api.md) to import it.
pub async fn freshdesk_expected(sim: &SimHandle, domain: &str, since: DateTime<Utc>) -> Expected {
    freshdesk_expected_as_of(sim, domain, since, None).await
}

/// As [`freshdesk_expected`], for the account as it was at `as_of` (live activity).
pub async fn freshdesk_expected_as_of(
    sim: &SimHandle,
    domain: &str,
    since: DateTime<Utc>,
    as_of: Option<DateTime<Utc>>,
) -> Expected {
    let as_of = as_of.map_or(String::new(), |t| {
        format!(
            "&as_of={}",
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    });
    let summary = control(
        sim,
        reqwest::Method::GET,
        &format!("/_sim/accounts/{domain}/truth"),
        None,
    )
    .await;
    let groups: Vec<Group> = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["deleted"].as_bool().unwrap())
        .map(|g| Group {
            id: g["id"].as_u64().unwrap(),
            name: g["name"].as_str().unwrap().into(),
        })
        .collect();
    let sources: Vec<TicketSourceChoice> = summary["source_choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| TicketSourceChoice {
            code: s["code"].as_i64().unwrap(),
            name: s["name"].as_str().unwrap().into(),
        })
        .collect();
    let mut tickets = Vec::new();
    let mut conversations = Vec::new();
    let mut per_pass: [Vec<i64>; 3] = Default::default();
    let mut conversation_calls = 0u64;
    let mut offset = 0;
    loop {
        let page = control(
            sim,
            reqwest::Method::GET,
            &format!("/_sim/accounts/{domain}/truth/tickets?offset={offset}&limit=5000{as_of}"),
            None,
        )
        .await;
        let items = page["tickets"].as_array().unwrap();
        for t in items {
            let pass = match t["state"].as_str().unwrap() {
                "live" => 0,
                "spam" => 1,
                "deleted" => 2,
                // trashed, archived and purged tickets are in no list.
                _ => continue,
            };
            let updated = time(&t["updated_at"]);
            if updated < since {
                continue;
            }
            per_pass[pass].push(updated.timestamp());
            let ticket = Ticket {
                id: t["id"].as_u64().unwrap(),
                group_id: t["group_id"].as_u64(),
                source: t["source"].as_i64().unwrap(),
                spam: t["spam"].as_bool().unwrap(),
                deleted: t["deleted"].as_bool().unwrap(),
                created_at: time(&t["created_at"]),
                updated_at: updated,
            };
            let convs = t["conversations"].as_array().unwrap();
            if ticket.updated_at != ticket.created_at {
                conversation_calls += (convs.len() as u64).div_ceil(100).max(1);
            }
            for c in convs {
                conversations.push(Conversation {
                    id: c["id"].as_u64().unwrap(),
                    ticket_id: ticket.id,
                    incoming: c["incoming"].as_bool().unwrap(),
                    private: c["private"].as_bool().unwrap(),
                    source: c["source"].as_i64().unwrap(),
                    created_at: time(&c["created_at"]),
                });
            }
            tickets.push(ticket);
        }
        offset += 5000;
        if offset >= page["total"].as_u64().unwrap() as usize {
            break;
        }
    }
    let mut deriver = FreshdeskDeriver::new(FreshdeskCatalog::new(&groups, &sources));
    let contacts: Vec<_> = deriver
        .derive_initial(&tickets, &conversations)
        .filter(|c| c.at >= since)
        .collect();
    let expected = contacts
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                deriver.queues().name(c.queue).to_string(),
                c.at.timestamp(),
            )
        })
        .collect();
    let passes = [0, 1, 2].map(|i| per_pass[i].len() as u64);
    let list_pages: u64 = per_pass.into_iter().map(list_pages).sum();
    Expected {
        contacts: expected,
        // groups (one page here), ticket_fields, account.
        minimum_credits: list_pages + conversation_calls + 3,
        listed_per_pass: passes,
    }
}

/// What an import must end with, and the exact minimum of credits to get there.
pub struct Expected {
    pub contacts: ContactSet,
    pub minimum_credits: u64,
    /// Tickets in the default, spam and deleted lists since the window's start.
    pub listed_per_pass: [u64; 3],
}

/// Pages of 100 needed to list tickets with these `updated_at`s in ascending order, restarting
/// after page 300 from the last `updated_at` seen (its tickets are listed again).
pub fn list_pages(mut updated: Vec<i64>) -> u64 {
    updated.sort_unstable();
    let (mut start, mut pages) = (0usize, 0u64);
    loop {
        let rest = updated.len() - start;
        if rest <= 30_000 {
            return pages + (rest as u64).div_ceil(100).max(1);
        }
        pages += 300;
        let last = updated[start + 29_999];
        start = updated.partition_point(|&u| u < last);
    }
}

pub async fn credits_used(sim: &SimHandle, domain: &str) -> (u64, u64) {
    let stats = control(sim, reqwest::Method::GET, "/_sim/stats", None).await;
    let a = &stats["accounts"][domain];
    (
        a["credits_used"].as_u64().unwrap_or(0),
        a["rate_limited"].as_u64().unwrap_or(0),
    )
}
