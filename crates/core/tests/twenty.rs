//! Twenty integrations importing and syncing together (issue 17): fourteen Freshdesk and six
//! Freshchat accounts on one simulator, each run by its own task with its own connection to one
//! SQLite file, as the app's jobs do. Every cache must equal what the rules engine makes of the
//! ground truth, every Freshdesk import must keep to its own budget (they differ), and no import
//! may wait for another. Then all twenty sync together after new activity on every account.

#[path = "support/import.rs"]
mod shared;

use chrono::{DateTime, Duration as ChronoDuration, Utc};
use idesk_core::import::{ImportSummary, Phase, Progress};
use idesk_core::integrations::Product;
use idesk_core::CoreError;
use idesk_sim::{AccountSpec, SimHandle};
use serde_json::{json, Value};
use shared::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A simulated minute lasts 5 s: long enough for the lowered budgets to bind on a loaded machine
/// (60 credits a minute is 12 calls a second), short enough for the test to take seconds.
const TIME_SCALE: f64 = 12.0;
/// Freshdesk Enterprise's budget when the account does not lower it (crates/sim/README.md).
const ENTERPRISE_BUDGET: u32 = 700;
/// New tickets (Freshdesk) or resolved chats (Freshchat) made on each account before the syncs.
const NEW_ITEMS: usize = 2;

fn minute() -> Duration {
    Duration::from_secs_f64(60.0 / TIME_SCALE)
}

/// One of the twenty integrations.
#[derive(Clone)]
struct Account {
    product: Product,
    domain: String,
    /// Freshdesk credits per simulated minute; `None` for Freshchat (not rate limited).
    budget: Option<u32>,
    since: DateTime<Utc>,
}

impl Account {
    fn iid(&self) -> String {
        format!("id-{}", self.domain)
    }
}

/// Fourteen Freshdesk accounts with five different budgets (Enterprise's own, and lowered ones
/// with the ticket-list sub-limit Freshdesk gives that budget) and six Freshchat accounts. Each
/// Freshdesk import needs several minutes of its budget except the unlowered ones.
fn accounts() -> (Vec<AccountSpec>, Vec<Account>) {
    // (size, credits per minute, ticket-list calls per minute)
    let freshdesk: [(u64, Option<u32>, Option<u32>); 14] = [
        (800, None, None),
        (700, None, None),
        (700, Some(400), Some(100)),
        (600, Some(400), Some(100)),
        (600, Some(200), Some(20)),
        (550, Some(200), Some(20)),
        (500, Some(200), Some(20)),
        (500, Some(120), None),
        (450, Some(120), None),
        (400, Some(120), None),
        (400, Some(60), None),
        (350, Some(60), None),
        (350, Some(60), None),
        (300, Some(60), None),
    ];
    let freshchat: [u64; 6] = [900, 800, 700, 600, 500, 400];
    let now = Utc::now();
    let mut specs = Vec::new();
    let mut accounts = Vec::new();
    for (i, (size, calls, lists)) in freshdesk.into_iter().enumerate() {
        let subdomain = format!("fd{:02}", i + 1);
        let mut s = spec(idesk_sim::Product::Freshdesk, &subdomain, size);
        s.calls_per_minute = calls;
        s.ticket_list_per_minute = lists;
        specs.push(s);
        accounts.push(Account {
            product: Product::Freshdesk,
            domain: format!("{subdomain}.freshdesk.com"),
            budget: Some(calls.unwrap_or(ENTERPRISE_BUDGET)),
            since: now - ChronoDuration::days(90),
        });
    }
    for (i, size) in freshchat.into_iter().enumerate() {
        let subdomain = format!("fc{:02}", i + 1);
        specs.push(spec(idesk_sim::Product::Freshchat, &subdomain, size));
        accounts.push(Account {
            product: Product::Freshchat,
            domain: format!("{subdomain}.freshchat.com"),
            budget: None,
            // Not at midnight: the first and last report days are partial.
            since: now - ChronoDuration::days(30) - ChronoDuration::hours(5),
        });
    }
    (specs, accounts)
}

/// How one run of one integration ended, and when (from the start of all twenty).
struct Outcome {
    result: Result<ImportSummary, CoreError>,
    /// When its first page (report day, conversations) was committed.
    first_commit: Option<Duration>,
    finished: Duration,
}

impl Outcome {
    fn summary(&self) -> &ImportSummary {
        self.result.as_ref().expect("checked by all_succeeded")
    }
}

/// Fails with every run that failed (a `database is locked` among them is a store bug).
fn all_succeeded(what: &str, accounts: &[Account], outcomes: &[Outcome]) {
    let failed: Vec<String> = accounts
        .iter()
        .zip(outcomes)
        .filter_map(|(a, o)| {
            let e = o.result.as_ref().err()?;
            Some(format!(
                "{} at {:.2} s: {} ({})",
                a.domain,
                secs(o.finished),
                e.message,
                e.code.as_str()
            ))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of 20 {what} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// `credits_used` of every account as `/_sim/stats` told it, with the instants the request was
/// sent and its answer read (the counters were read in between).
struct CreditSample {
    sent: Instant,
    read: Instant,
    credits: BTreeMap<String, u64>,
}

/// Reads the simulator's counters every `every` until `stop`.
async fn sample_credits(
    sim: Arc<SimHandle>,
    every: Duration,
    stop: Arc<AtomicBool>,
) -> Vec<CreditSample> {
    let mut samples = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        let sent = Instant::now();
        let stats = control(&sim, reqwest::Method::GET, "/_sim/stats", None).await;
        let credits = stats["accounts"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(domain, a)| (domain.clone(), a["credits_used"].as_u64().unwrap_or(0)))
            .collect();
        samples.push(CreditSample {
            sent,
            read: Instant::now(),
            credits,
        });
        tokio::time::sleep(every).await;
    }
    samples
}

/// The most credits `domain` was charged between two samples at most one simulated minute apart
/// (counted from the first request's sending to the second's answer, so the counters were read
/// less than a minute apart): a lower bound of its busiest sliding minute.
fn busiest_minute(samples: &[CreditSample], domain: &str) -> u64 {
    let credits = |s: &CreditSample| s.credits.get(domain).copied().unwrap_or(0);
    let mut most = 0;
    for (i, a) in samples.iter().enumerate() {
        for b in &samples[i + 1..] {
            if b.read.duration_since(a.sent) > minute() {
                break;
            }
            most = most.max(credits(b) - credits(a));
        }
    }
    most
}

/// Runs `work` for every account at once, each in its own task (as the app's jobs do); their
/// outcomes in the order of `accounts`.
async fn all_at_once<F, Fut>(accounts: &[Account], work: F) -> Vec<Outcome>
where
    F: Fn(Account, Instant) -> Fut,
    Fut: std::future::Future<Output = Outcome> + Send + 'static,
{
    let start = Instant::now();
    let tasks: Vec<_> = accounts
        .iter()
        .map(|a| tokio::spawn(work(a.clone(), start)))
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.expect("a run panicked"));
    }
    outcomes
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_integrations_import_and_sync_together_each_exact_and_within_its_budget() {
    std::env::set_var(
        idesk_core::freshworks::pacer::TIME_SCALE_ENV,
        TIME_SCALE.to_string(),
    );
    let (specs, accounts) = accounts();
    assert_eq!(accounts.len(), 20);
    let sim = Arc::new(sim_at_scale(specs, TIME_SCALE).await);
    let cache = Arc::new(Cache::new());
    // The app opens (and migrates) the store once at start, before any job opens its own.
    drop(idesk_core::Store::open(&cache.paths).unwrap());
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = tokio::spawn(sample_credits(sim.clone(), minute() / 10, stop.clone()));

    // 1. Twenty initial imports at once, each with its own store connection: each exact, and
    // (2.) none asked for more than its budget.
    let imports = import_all(&sim, &cache, &accounts).await;
    all_succeeded("imports", &accounts, &imports);
    let mut imported = Vec::new();
    for (a, outcome) in accounts.iter().zip(&imports) {
        imported.push(check_import(&sim, &cache, a, outcome.summary()).await);
    }
    none_starved(&accounts, &imports);

    // 4. New activity on every account, then one sync of all twenty at once.
    make_activity(&sim, &accounts).await;
    let credits_before_sync = credits_of_all(&sim, &accounts).await;
    let syncs = all_at_once(&accounts, |a, start| {
        let (sim, cache) = (sim.clone(), cache.clone());
        async move {
            let result = sync(&sim, &cache, a.product, &a.domain).await;
            Outcome {
                result,
                first_commit: None,
                finished: start.elapsed(),
            }
        }
    })
    .await;
    stop.store(true, Ordering::SeqCst);
    let samples = sampler.await.unwrap();
    all_succeeded("syncs", &accounts, &syncs);
    let credits_after_sync = credits_of_all(&sim, &accounts).await;

    eprintln!("budget: credits a minute; busiest: the most credits seen in one minute; minutes: import credits / budget");
    eprintln!(
        "{:<22} {:>6} {:>8} {:>8} {:>8} {:>7} {:>8} {:>8} | {:>5} {:>7} {:>6}",
        "account",
        "budget",
        "contacts",
        "credits",
        "busiest",
        "minutes",
        "1st page",
        "done s",
        "new",
        "credits",
        "sync s"
    );
    for (((a, import), synced), before) in accounts.iter().zip(&imports).zip(&syncs).zip(&imported)
    {
        let new = check_sync(&sim, &cache, a, before, synced.summary()).await;
        // 2. Paced by its own budget: the busiest minute seen stays within it.
        let busiest = busiest_minute(&samples, &a.domain);
        if let Some(budget) = a.budget {
            assert!(
                busiest <= u64::from(budget),
                "{}: {busiest} credits in one minute, budget {budget}",
                a.domain
            );
        }
        let import_credits = credits_before_sync[&a.domain];
        // Freshchat is not rate limited: no budget, no busiest minute.
        let per_budget = |f: &dyn Fn(u32) -> String| a.budget.map_or("-".into(), f);
        eprintln!(
            "{:<22} {:>6} {:>8} {:>8} {:>8} {:>7} {:>8.2} {:>8.2} | {:>5} {:>7} {:>6.2}",
            a.domain,
            per_budget(&|b| b.to_string()),
            before.contacts.len(),
            import_credits,
            per_budget(&|_| busiest.to_string()),
            per_budget(&|b| format!("{:.1}", import_credits as f64 / f64::from(b))),
            secs(import.first_commit.unwrap()),
            secs(import.finished),
            new,
            credits_after_sync[&a.domain] - import_credits,
            secs(synced.finished),
        );
    }

    // Each is paced by its own budget, not by the smallest: an account with more budget spent
    // more in its busiest minute than the smallest budget allows.
    let smallest = accounts.iter().filter_map(|a| a.budget).min().unwrap();
    let largest = accounts
        .iter()
        .filter(|a| a.budget == Some(ENTERPRISE_BUDGET))
        .map(|a| busiest_minute(&samples, &a.domain))
        .max()
        .unwrap();
    assert!(
        largest > u64::from(smallest),
        "the Enterprise accounts spent at most {largest} credits a minute, the smallest budget is {smallest}"
    );
    eprintln!(
        "imports: first finished {:.2} s, last {:.2} s; syncs: last {:.2} s; {} counter samples",
        secs(imports.iter().map(|o| o.finished).min().unwrap()),
        secs(imports.iter().map(|o| o.finished).max().unwrap()),
        secs(syncs.iter().map(|o| o.finished).max().unwrap()),
        samples.len()
    );
}

/// The twenty initial imports at once, each noting when it first committed a page.
async fn import_all(
    sim: &Arc<SimHandle>,
    cache: &Arc<Cache>,
    accounts: &[Account],
) -> Vec<Outcome> {
    all_at_once(accounts, |a, start| {
        let (sim, cache) = (sim.clone(), cache.clone());
        async move {
            let mut first_commit = None;
            // Every phase but the catalog reports after a commit.
            let mut progress = |p: &Progress| {
                if first_commit.is_none() && p.phase != Phase::Catalog {
                    first_commit = Some(start.elapsed());
                }
            };
            let result =
                run_reporting(&sim, &cache, a.product, &a.domain, a.since, &mut progress).await;
            Outcome {
                result,
                first_commit,
                finished: start.elapsed(),
            }
        }
    })
    .await
}

/// What an import left in the cache.
struct Imported {
    contacts: ContactSet,
    since: DateTime<Utc>,
}

/// The cache holds exactly what the engine makes of the ground truth, each contact counted
/// once; the simulator never refused a call; Freshdesk spent (nearly) the minimum of credits.
async fn check_import(
    sim: &SimHandle,
    cache: &Cache,
    a: &Account,
    summary: &ImportSummary,
) -> Imported {
    let got = cache.contacts(&a.iid());
    let (expected, minimum) = match a.product {
        Product::Freshdesk => {
            let e = freshdesk_expected(sim, &a.domain, a.since).await;
            (e.contacts, Some(e.minimum_credits))
        }
        Product::Freshchat => (
            freshchat_expected(sim, &a.domain, summary.since, summary.until).await,
            None,
        ),
    };
    assert!(!expected.is_empty(), "{}: nothing to import", a.domain);
    let missing: Vec<_> = expected.difference(&got).take(5).collect();
    let extra: Vec<_> = got.difference(&expected).take(5).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{}: {} contacts, {} expected; missing {missing:?}, extra {extra:?}",
        a.domain,
        got.len(),
        expected.len()
    );
    assert_eq!(
        summary.new_contacts as usize,
        got.len(),
        "{}: every contact counted once",
        a.domain
    );
    let (credits, refused) = credits_used(sim, &a.domain).await;
    assert_eq!(refused, 0, "{}: the simulator answered 429", a.domain);
    if let Some(minimum) = minimum {
        // Paging from the last `updated_at` seen lists a page's last second again, which
        // may cost a page more than the minimum (as in tests/import.rs).
        assert!(
            credits >= minimum && credits as f64 <= minimum as f64 * 1.05,
            "{}: {credits} credits used, the exact minimum is {minimum}",
            a.domain
        );
    }
    Imported {
        contacts: got,
        since: summary.since,
    }
}

/// None starves (step 3): every import had committed its first page before the first one
/// finished. Run one after another, or held up by another's writes, the later ones would not have.
fn none_starved(accounts: &[Account], imports: &[Outcome]) {
    let first_finish = imports.iter().map(|o| o.finished).min().unwrap();
    for (a, outcome) in accounts.iter().zip(imports) {
        let first = outcome
            .first_commit
            .unwrap_or_else(|| panic!("{}: no page committed", a.domain));
        assert!(
            first < first_finish,
            "{}: first page at {:.2} s, after the first import finished ({:.2} s)",
            a.domain,
            secs(first),
            secs(first_finish)
        );
    }
}

/// [`NEW_ITEMS`] new things on every account; returns once the wall clock is past the second
/// of the last one (a sync's window ends when it starts).
async fn make_activity(sim: &SimHandle, accounts: &[Account]) {
    let mut newest = 0;
    for a in accounts {
        for _ in 0..NEW_ITEMS {
            newest = newest.max(new_activity(sim, a).await);
        }
    }
    while Utc::now().timestamp() <= newest {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// After the sync the cache equals the ground truth again, the imported contacts kept, the new
/// ones counted once; returns how many were new.
async fn check_sync(
    sim: &SimHandle,
    cache: &Cache,
    a: &Account,
    before: &Imported,
    summary: &ImportSummary,
) -> usize {
    let got = cache.contacts(&a.iid());
    let expected = match a.product {
        Product::Freshdesk => {
            freshdesk_expected(sim, &a.domain, before.since)
                .await
                .contacts
        }
        Product::Freshchat => freshchat_expected(sim, &a.domain, before.since, summary.until).await,
    };
    assert_eq!(got, expected, "{}: after the sync", a.domain);
    assert!(
        got.is_superset(&before.contacts),
        "{}: imported contacts stay",
        a.domain
    );
    let new = got.len() - before.contacts.len();
    assert!(new > 0, "{}: the new activity was not synced", a.domain);
    assert_eq!(
        summary.new_contacts as usize, new,
        "{}: every new contact counted once",
        a.domain
    );
    if a.product == Product::Freshchat {
        assert_eq!(
            new, NEW_ITEMS,
            "{}: one contact per chat resolved",
            a.domain
        );
    }
    let (_, refused) = credits_used(sim, &a.domain).await;
    assert_eq!(refused, 0, "{}: the simulator answered 429", a.domain);
    new
}

/// Makes one new thing happen on the account: a new ticket with a customer reply (Freshdesk) or
/// a chat resolved now (Freshchat). Returns the second it happened at.
async fn new_activity(sim: &SimHandle, a: &Account) -> i64 {
    let base = format!("/_sim/accounts/{}", a.domain);
    let made = match a.product {
        Product::Freshdesk => {
            let ticket = post(sim, &format!("{base}/tickets"), json!({})).await;
            let id = ticket["id"].as_u64().unwrap_or_else(|| panic!("{ticket}"));
            post(
                sim,
                &format!("{base}/tickets/{id}"),
                json!({"customer_reply": true}),
            )
            .await
        }
        Product::Freshchat => post(sim, &format!("{base}/chats"), json!({})).await,
    };
    let stamp = made
        .get("updated_at")
        .or_else(|| {
            made["resolutions"]
                .as_array()
                .and_then(|r| r.last()?.get("resolved_time"))
        })
        .unwrap_or_else(|| panic!("{}: {made}", a.domain));
    time(stamp).timestamp()
}

async fn post(sim: &SimHandle, path: &str, body: Value) -> Value {
    control(sim, reqwest::Method::POST, path, Some(body)).await
}

async fn credits_of_all(sim: &SimHandle, accounts: &[Account]) -> BTreeMap<String, u64> {
    let mut credits = BTreeMap::new();
    for a in accounts {
        credits.insert(a.domain.clone(), credits_used(sim, &a.domain).await.0);
    }
    credits
}
