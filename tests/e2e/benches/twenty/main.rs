//! Issue 17, "twenty integrations syncing together": the latency of a simple IPC command in the
//! real window while twenty Freshdesk integrations import and then sync. A benchmark printing
//! figures, run by hand (not by `cargo test`, not in CI). Run it, after `npm run build` and
//! `cargo build -p integration-desk`, with:
//!
//! ```text
//! XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- bash -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p idesk-e2e --bench twenty'
//! ```
//!
//! Against a release build: `npm run build && cargo build --release -p integration-desk
//! --features custom-protocol`, then the same command with
//! `IDESK_APP_BIN=$CARGO_TARGET_DIR/release/integration-desk`. Knobs (environment):
//! `IDESK_BENCH_INTEGRATIONS` (20), `IDESK_BENCH_SIZE` (tickets per account), `IDESK_BENCH_SCALE`
//! (the time scale of the simulator and the app), `IDESK_BENCH_SYNC_EVERY` (minutes between
//! syncs), `IDESK_BENCH_IDLE_SECONDS`, `IDESK_BENCH_SYNC_SECONDS`, `IDESK_BENCH_IMPORT_LIMIT_SECONDS`;
//! `IDESK_BENCH_KEEP_DATA=1` keeps the app's data folder (its store) for a look afterwards.
//!
//! What it does: the in-process simulator serves twenty Enterprise Freshdesk accounts with live
//! activity; the app starts on a fresh data folder; the twenty integrations are added through the
//! UI (the account admin's key each); then, with the Integrations page open, a sampler in the page
//! times `list_integrations` and `integration_statuses` every ~50 ms: idle first (the baseline),
//! while the twenty initial imports run (started together with the app's own `start_import`),
//! and while the continuous syncs run after them. It prints count, p50, p95, p99 and max per phase
//! against the target (p95 <= 50 ms), the load average, and how far each integration got (its
//! import, cached contacts, credits spent per budget minute, 429s, syncs), so starvation shows.

mod figures;
mod page;
mod threads;

use chrono::{DateTime, Utc};
use fantoccini::{Client, Locator};
use figures::{load_average, Latency};
use idesk_e2e::{
    add_freshdesk_integration, click, launch_to_empty_page, screenshot, sim_get, sim_post, Driver,
};
use idesk_sim::{AccountSpec, Persona, Plan, Product, SimConfig};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use threads::ThreadSampler;

/// Enterprise: credits per minute (docs/freshworks-api.md), what each import is paced by.
const BUDGET_PER_MINUTE: f64 = 700.0;
/// How often the benchmark reads the imports' state and prints a progress line.
const REPORT_EVERY: Duration = Duration::from_secs(5);
/// Account time zones, in turn (Rails names, as Freshdesk's `/account` reports them).
const ZONES: [&str; 6] = [
    "Eastern Time (US & Canada)",
    "Berlin",
    "Pacific Time (US & Canada)",
    "London",
    "Tokyo",
    "Sydney",
];

struct Config {
    integrations: usize,
    /// Tickets of each account (200 days of history; the import reads the default 90 days).
    size: u64,
    /// A simulated minute lasts 60 / `scale` real seconds, for the simulator and the app.
    scale: f64,
    sync_every_minutes: u32,
    idle: Duration,
    syncs: Duration,
    import_limit: Duration,
}

impl Config {
    fn from_env() -> Config {
        let number = |name: &str, default: f64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v > 0.0)
                .unwrap_or(default)
        };
        let seconds = |name: &str, default: f64| Duration::from_secs_f64(number(name, default));
        Config {
            integrations: number("IDESK_BENCH_INTEGRATIONS", 20.0) as usize,
            size: number("IDESK_BENCH_SIZE", 5_000.0) as u64,
            scale: number("IDESK_BENCH_SCALE", 1.0),
            sync_every_minutes: number("IDESK_BENCH_SYNC_EVERY", 1.0) as u32,
            idle: seconds("IDESK_BENCH_IDLE_SECONDS", 10.0),
            syncs: seconds("IDESK_BENCH_SYNC_SECONDS", 90.0),
            import_limit: seconds("IDESK_BENCH_IMPORT_LIMIT_SECONDS", 900.0),
        }
    }

    /// Real seconds per simulated (budget) minute.
    fn minute_s(&self) -> f64 {
        60.0 / self.scale
    }
}

/// One integration as the benchmark follows it.
struct Desk {
    name: String,
    domain: String,
    id: String,
    /// Seconds from the imports' start to the moment its end was seen.
    import_s: Option<f64>,
}

fn main() {
    let config = Config::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(bench(config));
}

fn accounts(config: &Config) -> Vec<AccountSpec> {
    (1..=config.integrations)
        .map(|n| AccountSpec {
            product: Product::Freshdesk,
            subdomain: format!("region{n:02}"),
            plan: Plan::Enterprise,
            suspended: false,
            size: config.size,
            timezone: ZONES[n % ZONES.len()].to_string(),
            token_lacks_reports_scope: false,
            calls_per_minute: None,
            ticket_list_per_minute: None,
        })
        .collect()
}

async fn bench(config: Config) {
    println!(
        "twenty: {} Enterprise Freshdesk accounts of {} tickets, time scale {} (a budget minute lasts {:.1} s), syncs every {} minute(s); app {}",
        config.integrations,
        config.size,
        config.scale,
        config.minute_s(),
        config.sync_every_minutes,
        idesk_e2e::app_binary().display()
    );
    let sim = idesk_sim::start(SimConfig {
        time_scale: config.scale,
        activity: true,
        accounts: Some(accounts(&config)),
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let scale = config.scale.to_string();
    let driver = Driver::on_sim(data.path(), sim.url(), Some(&scale));
    let c = launch_to_empty_page(&driver).await;
    let threads = ThreadSampler::start(&idesk_e2e::app_binary());

    let mut desks = add_through_the_ui(&c, &sim, config.integrations).await;
    page::install(&c).await;
    for d in &desks {
        let args = json!({ "id": d.id, "minutes": config.sync_every_minutes });
        page::invoke(&c, "set_sync_every", args).await;
    }
    click(&c, "[data-testid=nav-integrations]").await;
    wait_rows(&c, desks.len()).await;

    // The baseline: the same page and the same commands with nothing running.
    enter(&c, &threads, "idle").await;
    page::start_sampler(&c).await;
    tokio::time::sleep(config.idle).await;

    let load_start = load_average();
    sim_post(sim.url(), "/_sim/stats/reset");
    enter(&c, &threads, "imports").await;
    let imports_started = Instant::now();
    let ids: Vec<String> = desks.iter().map(|d| d.id.clone()).collect();
    page::start_imports(&c, &ids).await;
    follow_imports(&c, &mut desks, imports_started, config.import_limit).await;
    let imports_s = imports_started.elapsed().as_secs_f64();
    let after_imports = sim_get(sim.url(), "/_sim/stats");

    enter(&c, &threads, "syncs").await;
    let syncs_from = Utc::now();
    let syncs_started = Instant::now();
    tokio::time::sleep(config.syncs / 2).await;
    // The screenshot (and the accessibility check it runs) works in the page: its samples are
    // labelled apart and left out.
    enter(&c, &threads, "screenshot").await;
    screenshot(&c, "90-twenty-integrations-syncing").await;
    enter(&c, &threads, "syncs").await;
    while syncs_started.elapsed() < config.syncs {
        progress_line(&c, imports_started, &desks).await;
        tokio::time::sleep(REPORT_EVERY.min(config.syncs.saturating_sub(syncs_started.elapsed())))
            .await;
    }
    let errors = page::stop_sampler(&c).await;
    let thread_counts = threads.finish();
    let (calls, events) = page::traffic(&c).await;
    let load_end = load_average();
    let at_end = sim_get(sim.url(), "/_sim/stats");

    let samples = page::samples(&c).await;
    println!();
    println!(
        "IPC latency in the real window, timed in the page (performance.now() around each await), a round every ~{} ms:",
        page::PAUSE_MS
    );
    let phases = [
        ("idle", "nothing running (baseline)"),
        ("imports", "twenty initial imports running"),
        ("syncs", "twenty continuous syncs running"),
    ];
    for (phase, what) in phases {
        let of = |pick: fn(&page::Sample) -> f64| {
            Latency::of(
                samples
                    .iter()
                    .filter(|s| s.phase == phase)
                    .map(pick)
                    .collect(),
            )
        };
        let seconds = phase_seconds(&samples, phase);
        let rounds = samples.iter().filter(|s| s.phase == phase).count();
        println!("  {phase} ({what}, {seconds:.0} s):");
        for (cmd, latency) in [
            ("list_integrations", of(|s| s.list_ms)),
            ("integration_statuses", of(|s| s.statuses_ms)),
        ] {
            match latency {
                Some(l) => println!("    {cmd:<21} {}", l.line()),
                None => println!("    {cmd:<21} no sample"),
            }
        }
        println!(
            "    the page's other IPC traffic: {}",
            traffic_line(&calls[phase], &events[phase], rounds, seconds)
        );
        for line in threads::lines(&thread_counts, phase) {
            println!("    {line}");
        }
    }
    let busy: Vec<f64> = samples
        .iter()
        .filter(|s| s.phase == "imports" || s.phase == "syncs")
        .map(|s| s.list_ms)
        .collect();
    if let Some(l) = Latency::of(busy) {
        println!(
            "  while all {} sync (imports + syncs), list_integrations: {}",
            desks.len(),
            l.line()
        );
    }
    if !errors.is_empty() {
        println!("  {} IPC errors, first: {}", errors.len(), errors[0]);
    }
    println!(
        "load average (1, 5, 15 min): at the imports' start {load_start}; at the end {load_end}"
    );
    println!();
    report_integrations(
        &c,
        &config,
        &desks,
        &after_imports,
        &at_end,
        imports_s,
        syncs_from,
    )
    .await;
    c.close().await.unwrap();
    drop(driver);
    if std::env::var_os("IDESK_BENCH_KEEP_DATA").is_some() {
        println!("the app's data folder is kept: {}", data.keep().display());
    }
}

/// Labels what follows as `phase`, in the page's samples and in the thread samples.
async fn enter(c: &Client, threads: &ThreadSampler, phase: &str) {
    page::set_phase(c, phase).await;
    threads.set_phase(phase);
}

/// The UI's own IPC calls per second by command (the sampler's rounds taken out) with their mean
/// time, and the import channels' messages per second.
fn traffic_line(calls: &Value, events: &Value, rounds: usize, seconds: f64) -> String {
    let seconds = seconds.max(1.0);
    let mut by_command: Vec<(String, f64, f64)> = calls
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(cmd, v)| {
            let (count, total_ms) = (v[0].as_f64()?, v[1].as_f64()?);
            let own = match cmd.as_str() {
                "list_integrations" | "integration_statuses" => count - rounds as f64,
                _ => count,
            };
            (own >= 1.0).then(|| (cmd.clone(), own / seconds, total_ms / count))
        })
        .collect();
    by_command.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut parts: Vec<String> = by_command
        .iter()
        .take(5)
        .map(|(cmd, per_s, mean)| format!("{cmd} {per_s:.1}/s (mean {mean:.0} ms)"))
        .collect();
    let messages = events.as_f64().unwrap_or_default();
    parts.push(format!(
        "import channel messages {:.0}/s",
        messages / seconds
    ));
    parts.join(", ")
}

/// Adds one integration per account through the UI (Integrations > Add > Freshdesk, the
/// connection test, Save).
async fn add_through_the_ui(c: &Client, sim: &idesk_sim::SimHandle, count: usize) -> Vec<Desk> {
    let started = Instant::now();
    let mut desks = Vec::new();
    for n in 1..=count {
        let (name, domain) = (
            format!("Region {n:02}"),
            format!("region{n:02}.freshdesk.com"),
        );
        let key = sim.key(&domain, Persona::AccountAdmin).unwrap();
        let id = add_freshdesk_integration(c, &name, &domain, key).await;
        desks.push(Desk {
            name,
            domain,
            id,
            import_s: None,
        });
    }
    println!(
        "added {count} integrations through the UI in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    desks
}

async fn wait_rows(c: &Client, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let rows = c
            .find_all(Locator::Css("[data-testid=integration-row]"))
            .await
            .unwrap();
        if rows.len() == count {
            return;
        }
        assert!(Instant::now() < deadline, "{} rows of {count}", rows.len());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Follows the imports until every one has ended (or `limit`), noting when each ended.
async fn follow_imports(c: &Client, desks: &mut [Desk], started: Instant, limit: Duration) {
    loop {
        tokio::time::sleep(REPORT_EVERY).await;
        let imports = page::imports(c).await;
        for d in desks.iter_mut() {
            if d.import_s.is_none() && !imports[&d.id]["end"].is_null() {
                d.import_s = Some(started.elapsed().as_secs_f64());
            }
        }
        progress_line(c, started, desks).await;
        if desks.iter().all(|d| d.import_s.is_some()) {
            return;
        }
        if started.elapsed() >= limit {
            println!("the imports did not all end within {limit:?}: measuring the syncs phase now");
            return;
        }
    }
}

/// One line of progress: imports ended, and the latency of the last few seconds.
async fn progress_line(c: &Client, started: Instant, desks: &[Desk]) {
    let recent: Vec<f64> = page::samples_of_last(c, REPORT_EVERY)
        .await
        .iter()
        .map(|s| s.list_ms)
        .collect();
    let ended = desks.iter().filter(|d| d.import_s.is_some()).count();
    let latency = Latency::of(recent).map_or("no sample".to_string(), |l| {
        format!(
            "n={} p50 {:.1} ms p95 {:.1} ms max {:.1} ms",
            l.count, l.p50, l.p95, l.max
        )
    });
    println!(
        "  t={:>4.0} s  imports ended {ended}/{}  list_integrations over the last {} s: {latency}  load {}",
        started.elapsed().as_secs_f64(),
        desks.len(),
        REPORT_EVERY.as_secs(),
        load_average()
    );
}

/// Seconds between the first and the last sample of `phase`.
fn phase_seconds(samples: &[page::Sample], phase: &str) -> f64 {
    let at: Vec<f64> = samples
        .iter()
        .filter(|s| s.phase == phase)
        .map(|s| s.at_ms)
        .collect();
    match (at.first(), at.last()) {
        (Some(first), Some(last)) => (last - first) / 1000.0,
        _ => 0.0,
    }
}

/// How far each integration got: its import, its cached contacts, the credits it spent per
/// budget minute in each phase (its own budget is 700), the simulator's 429s, and whether it
/// synced during the syncs phase.
async fn report_integrations(
    c: &Client,
    config: &Config,
    desks: &[Desk],
    after_imports: &Value,
    at_end: &Value,
    imports_s: f64,
    syncs_from: DateTime<Utc>,
) {
    let imports = page::imports(c).await;
    let from = (Utc::now() - chrono::Days::new(200))
        .format("%Y-%m-%d")
        .to_string();
    let credits = |stats: &Value, domain: &str| stats["accounts"][domain]["credits_used"].as_f64();
    let budget_minutes = |seconds: f64| seconds / config.minute_s();
    let syncs_s = config.syncs.as_secs_f64();
    println!(
        "per integration (imports phase {imports_s:.0} s = {:.1} budget minutes; syncs phase {syncs_s:.0} s):",
        budget_minutes(imports_s)
    );
    println!(
        "  {:<10} {:<46} {:>9} {:>8} {:>14} {:>5} {:>14} {:>7}",
        "name", "import", "ended at", "cached", "credits/min", "429s", "syncs: cr/min", "synced"
    );
    let mut ended_at = Vec::new();
    for d in desks {
        let report = page::invoke(
            c,
            "queue_report",
            json!({ "id": d.id, "from": from, "to": null, "intervalMinutes": 60, "timeZone": null, "queues": [] }),
        )
        .await;
        let cached: u64 = report["queues"]
            .as_array()
            .map(|q| q.iter().filter_map(|q| q["total"].as_u64()).sum())
            .unwrap_or_default();
        let status = page::invoke(c, "sync_status", json!({ "id": d.id })).await;
        let synced = status["lastSyncedAt"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .is_some_and(|t| t.to_utc() > syncs_from);
        let import_credits = credits(after_imports, &d.domain).unwrap_or_default();
        let sync_credits = credits(at_end, &d.domain).unwrap_or_default() - import_credits;
        let import_minutes = budget_minutes(d.import_s.unwrap_or(imports_s));
        let refused = at_end["accounts"][&d.domain]["rate_limited"]
            .as_u64()
            .unwrap_or_default();
        ended_at.extend(d.import_s);
        println!(
            "  {:<10} {:<46} {:>9} {:>8} {:>14} {:>5} {:>14} {:>7}",
            d.name,
            import_outcome(&imports[&d.id]),
            d.import_s.map_or("running".into(), |s| format!("{s:.0} s")),
            cached,
            format!(
                "{:.0} ({:.0} %)",
                import_credits / import_minutes,
                100.0 * import_credits / import_minutes / BUDGET_PER_MINUTE
            ),
            refused,
            format!("{:.0}", sync_credits / budget_minutes(syncs_s)),
            if synced { "yes" } else { "NO" },
        );
    }
    for d in desks {
        let error = &imports[&d.id]["end"]["error"];
        if !error.is_null() {
            println!("  {} failed: {error}", d.name);
        }
    }
    ended_at.sort_by(f64::total_cmp);
    if let (Some(first), Some(last)) = (ended_at.first(), ended_at.last()) {
        println!(
            "imports ended between {first:.0} s and {last:.0} s after they started ({} of {} ended)",
            ended_at.len(),
            desks.len()
        );
    }
    println!(
        "credits/min: the import's credits per budget minute of its run, as a share of the budget \
         ({BUDGET_PER_MINUTE}); the sliding window lets a run spend its first minute's credits at \
         once, so a run of a few minutes can pass 100 %"
    );
}

/// How an import ended (records, new contacts) or, while it runs, its phase and progress.
fn import_outcome(state: &Value) -> String {
    let end = &state["end"];
    let progress = &state["progress"];
    match end["event"].as_str() {
        Some("finished") => format!(
            "finished: {} records, {} new contacts",
            end["records"], end["newContacts"]
        ),
        Some("failed") => format!("FAILED: {}", end["error"]["code"]),
        Some(other) => other.to_string(),
        None if progress.is_null() => "no progress yet".into(),
        None => format!(
            "running: {} {}/{}",
            progress["phase"].as_str().unwrap_or("?"),
            progress["done"],
            progress["total"]
        ),
    }
}
