//! Rate-budget utilisation benchmark (issue 6): the full initial import of an Enterprise
//! Freshdesk account of 20,000 tickets from the in-process simulator, with the time scale, against
//! the budget-bound minimum (credits needed ÷ budget). Target: ≥ 90 % utilisation with no more
//! than one 429 per 10,000 calls. Run with `cargo bench -p idesk-core --bench utilisation`.
//!
//! The time scale is [`SCALE`] (a simulated minute lasts 60/SCALE real seconds, in the simulator
//! and, through `IDESK_TIME_SCALE`, in the importer); `IDESK_BENCH_SCALE=N` overrides it.
//! `IDESK_BENCH_LATENCY_MS=M` delays every API call by M ms in the simulator (network latency;
//! M ms at scale N stands for N × M ms against the real service).

#[path = "../tests/support/import.rs"]
mod shared;

use chrono::{Duration as Days, TimeZone, Utc};
use idesk_core::import::{self, ImportTarget, Phase, SinceArg};
use idesk_core::integrations::Product;
use idesk_core::{Secret, Store};
use idesk_sim::{Persona, SimConfig};
use serde_json::Value;
use shared::{add_fault, control, freshdesk_expected, Cache};
use std::time::Instant;

/// Tickets of the Enterprise account (`--size`).
const SIZE: u64 = 20_000;
/// A simulated minute lasts 60/SCALE = 4 real seconds: the ~15 budget minutes of this import take
/// about a minute of real time.
const SCALE: f64 = 15.0;
const DOMAIN: &str = "acme.freshdesk.com";
/// Enterprise: credits and ticket-list calls per minute (docs/freshworks-api.md).
const BUDGET: f64 = 700.0;
const LIST_BUDGET: f64 = 200.0;

fn main() {
    let scale = env_number("IDESK_BENCH_SCALE")
        .filter(|v| *v > 0.0)
        .unwrap_or(SCALE);
    let latency_ms = env_number("IDESK_BENCH_LATENCY_MS").map_or(0, |v| v.max(0.0) as u64);
    // The importer learns the scale only from this variable (set before any thread starts).
    std::env::set_var(
        idesk_core::freshworks::pacer::TIME_SCALE_ENV,
        scale.to_string(),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(bench(scale, latency_ms));
}

fn env_number(name: &str) -> Option<f64> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

async fn bench(scale: f64, latency_ms: u64) {
    let minute_s = 60.0 / scale;
    // A fixed anchor: the same data on every run. The window covers the whole 200-day history;
    // archived tickets (closed, inactive for ~120 days) are not in the list, as on Freshdesk.
    let anchor = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let since = anchor - Days::days(210);
    let sim = idesk_sim::start(SimConfig {
        size: SIZE,
        time_scale: scale,
        anchor: Some(anchor),
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let expected = freshdesk_expected(&sim, DOMAIN, since).await;
    let listed: u64 = expected.listed_per_pass.iter().sum();
    control(&sim, reqwest::Method::POST, "/_sim/stats/reset", None).await;
    if latency_ms > 0 {
        // Every API call waits this long in the simulator before it is served (network latency).
        let rule = serde_json::json!({"kind": "slow", "domain": DOMAIN, "delay_ms": latency_ms});
        add_fault(&sim, rule).await;
    }

    let cache = Cache::new();
    let mut store = Store::open(&cache.paths).unwrap();
    let target = ImportTarget {
        integration_id: "bench".into(),
        product: Product::Freshdesk,
        domain: DOMAIN.into(),
    };
    let key = Secret::new(sim.key(DOMAIN, Persona::AccountAdmin).unwrap());
    let client = idesk_core::freshworks::FreshworksClient::new(Some(sim.url())).unwrap();
    // When each phase last reported (pages, tickets): where the wall time went.
    let mut phases: Vec<(Phase, Instant)> = Vec::new();
    let t = Instant::now();
    let summary = import::run_import(
        &mut store,
        &target,
        key,
        client,
        SinceArg::Instant(since),
        &mut |p| {
            let label = match p.phase {
                Phase::Tickets(_) => Phase::Tickets("all"),
                other => other,
            };
            match phases.last_mut() {
                Some((last, at)) if *last == label => *at = Instant::now(),
                _ => phases.push((label, Instant::now())),
            }
        },
    )
    .await
    .unwrap();
    let wall = t.elapsed().as_secs_f64();
    let mut from = t;
    let timeline: Vec<String> = phases
        .iter()
        .filter(|(p, _)| *p != Phase::Done)
        .map(|(p, at)| {
            let text = format!("{p} {:.1} s", at.duration_since(from).as_secs_f64());
            from = *at;
            text
        })
        .collect();

    let stats = control(&sim, reqwest::Method::GET, "/_sim/stats", None).await;
    let a = &stats["accounts"][DOMAIN];
    let num = |v: &Value| v.as_u64().unwrap_or(0);
    let credits = num(&a["credits_used"]);
    let refused = num(&a["rate_limited"]);
    let requests = num(&a["requests"]);
    let list_calls = num(&a["by_endpoint"]["GET /api/v2/tickets"]);
    let conversation_calls = num(&a["by_endpoint"]["GET /api/v2/tickets/{id}/conversations"]);

    let got = cache.contacts("bench");
    assert_eq!(got, expected.contacts, "the import must equal the engine");

    let credit_bound = credits as f64 / BUDGET * minute_s;
    let list_bound = list_calls as f64 / LIST_BUDGET * minute_s;
    let bound = credit_bound.max(list_bound);
    // A sliding window lets the first minute's budget go out at once: the strict floor.
    let strict = (credits as f64 - BUDGET).max(0.0) / BUDGET * minute_s;
    let per_10k = refused as f64 * 10_000.0 / requests.max(1) as f64;
    let utilisation = bound / wall * 100.0;

    println!(
        "utilisation: Enterprise Freshdesk, {SIZE} tickets (seed 42), time scale {scale} (a minute = {minute_s:.1} s), budget {BUDGET} credits / {LIST_BUDGET} ticket-list calls per minute"
    );
    if latency_ms > 0 {
        println!(
            "  added latency {latency_ms} ms per call (like {:.0} ms at real time)",
            latency_ms as f64 * scale
        );
    }
    println!(
        "  listed {listed} tickets {:?} (default/spam/deleted), {} contacts",
        expected.listed_per_pass,
        got.len()
    );
    println!(
        "  server: {credits} credits, {requests} calls ({list_calls} ticket-list, {conversation_calls} conversations), {refused} x 429 ({per_10k:.2} per 10,000 calls; target <= 1)"
    );
    println!(
        "  credits: exact minimum {} ({:.3}/ticket), used {credits} ({:.3}/ticket, {:.3} x minimum; target <= 1.05)",
        expected.minimum_credits,
        expected.minimum_credits as f64 / listed as f64,
        credits as f64 / listed as f64,
        credits as f64 / expected.minimum_credits as f64
    );
    println!(
        "  bound: credits {credit_bound:.1} s ({:.2} simulated min), ticket-list {list_bound:.1} s ({:.0} % of the credit bound) -> {} binds",
        credit_bound / minute_s,
        list_bound / credit_bound * 100.0,
        if list_bound > credit_bound { "the ticket-list sub-limit" } else { "the credit budget" }
    );
    println!(
        "  wall time {wall:.1} s ({:.2} simulated min); utilisation {utilisation:.1} % (target >= 90 %); against the strict floor (first minute's budget at once, {strict:.1} s): {:.1} %",
        wall / minute_s,
        strict / wall * 100.0
    );
    println!(
        "  import's view (PacerStats): {} calls, {} credits, {} refused; {} listings, {} new contacts",
        summary.api.calls,
        summary.api.credits,
        summary.api.refused,
        summary.records,
        summary.new_contacts
    );
    println!(
        "  phases (until each one's last report): {}",
        timeline.join(", ")
    );
    sim.shutdown().await;
}
