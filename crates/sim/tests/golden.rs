//! The generated data is a pure function of (seed, accounts, anchor): the import tests compare
//! against the ground truth and the benchmarks depend on its sizes, so a change of the
//! generator's output must be deliberate. This test hashes everything a fixed seed and anchor
//! produce (ground truth of every account, and the API's catalog and ticket pages) and compares
//! it with the hash recorded when the output last changed on purpose.

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use idesk_sim::{start, Persona, SimConfig, SimHandle};

/// FNV-1a (64 bit): stable across Rust releases, unlike `DefaultHasher`. With
/// `IDESK_SIM_GOLDEN_DUMP=<dir>` every part is also written there, to compare two builds.
struct Fnv(u64, usize);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325, 0)
    }

    fn add(&mut self, label: &str, bytes: &[u8]) {
        if let Ok(dir) = std::env::var("IDESK_SIM_GOLDEN_DUMP") {
            self.1 += 1;
            let name = format!("{dir}/{:04}.txt", self.1);
            std::fs::write(name, [label.as_bytes(), b"\n", bytes].concat()).unwrap();
        }
        for b in label
            .bytes()
            .chain([0])
            .chain(bytes.iter().copied())
            .chain([0])
        {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

async fn get_control(s: &SimHandle, path: &str) -> String {
    let r = send(s, "GET", "127.0.0.1", path, None, None).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.body
}

/// Changed on purpose only together with the generator; the test prints the new value.
const EXPECTED: u64 = 0x799b_674e_a41d_3003;

#[tokio::test]
async fn generated_data_is_unchanged_for_a_fixed_seed_and_anchor() {
    let s = start(SimConfig {
        seed: 42,
        size: 1_500,
        time_scale: 600.0,
        anchor: Some(Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()),
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let mut h = Fnv::new();
    h.add(
        "accounts",
        serde_json::to_string(s.accounts()).unwrap().as_bytes(),
    );
    for a in s.accounts().to_vec() {
        let d = &a.domain;
        let summary = get_control(&s, &format!("/_sim/accounts/{d}/truth")).await;
        h.add(d, summary.as_bytes());
        let freshdesk = a.product == idesk_sim::Product::Freshdesk;
        if freshdesk {
            let t = get_control(&s, &format!("/_sim/accounts/{d}/truth/tickets.ndjson")).await;
            h.add("tickets", t.as_bytes());
            let past = "2026-04-01T00:00:00Z";
            let t = get_control(
                &s,
                &format!("/_sim/accounts/{d}/truth/tickets?limit=5000&as_of={past}"),
            )
            .await;
            h.add("tickets as of", t.as_bytes());
        } else {
            let c = get_control(&s, &format!("/_sim/accounts/{d}/truth/chats.ndjson")).await;
            h.add("chats", c.as_bytes());
            let r = get_control(
                &s,
                &format!(
                    "/_sim/accounts/{d}/truth/resolutions?from=2025-01-01T00:00:00Z&to=2026-07-01T00:00:00Z"
                ),
            )
            .await;
            h.add("resolutions", r.as_bytes());
        }
        if a.plan == idesk_sim::Plan::Free || a.suspended {
            continue;
        }
        let paths: Vec<String> = if freshdesk {
            let mut p: Vec<String> = [
                "/api/v2/agents/me",
                "/api/v2/account",
                "/api/v2/groups",
                "/api/v2/roles",
                "/api/v2/ticket_fields",
                "/api/v2/tickets/7?include=conversations,stats,requester",
            ]
            .map(String::from)
            .to_vec();
            for page in 1..=3 {
                p.push(format!("/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=100&include=stats,description&page={page}"));
            }
            p
        } else {
            [
                "/v2/accounts/configuration",
                "/v2/agents?items_per_page=50",
                "/v2/groups",
                "/v2/roles",
            ]
            .map(String::from)
            .to_vec()
        };
        for path in paths {
            let r = if freshdesk {
                fd(&s, d, Persona::AccountAdmin, &path).await
            } else {
                fc(&s, d, "GET", &path, None).await
            };
            h.add(&format!("{path} {}", r.status), r.body.as_bytes());
        }
    }
    assert_eq!(
        h.0, EXPECTED,
        "the generated data changed: {:#x} (update EXPECTED only for a deliberate change)",
        h.0
    );
}
