//! The slow importer test (its own file so the quick suite stays quick): a help desk whose
//! default pass is longer than 300 pages, read from one `updated_at` to the next, through a bulk
//! campaign's ~1,500 tickets that share one `updated_at` second (paged by number inside it).

#[path = "support/import.rs"]
mod shared;

use chrono::{DateTime, Utc};
use idesk_core::integrations::Product;
use idesk_sim::SimHandle;
use shared::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_than_300_pages_with_ties_equal_the_engine_at_the_credit_minimum() {
    let domain = "big.freshdesk.com";
    let sim = sim(vec![spec(idesk_sim::Product::Freshdesk, "big", 90_000)]).await;
    let cache = Cache::new();
    let since = since_putting_page_300_inside_a_tie(&sim, domain).await;
    let summary = run(&sim, &cache, Product::Freshdesk, domain, since)
        .await
        .unwrap();
    let expected = freshdesk_expected(&sim, domain, since).await;
    assert!(
        expected.listed_per_pass[0] > 30_000,
        "the default pass is longer than 300 pages: {:?}",
        expected.listed_per_pass
    );
    let got = cache.contacts(&format!("id-{domain}"));
    assert_eq!(got.len(), expected.contacts.len(), "contact count");
    assert_eq!(got, expected.contacts);
    let (credits, refused) = credits_used(&sim, domain).await;
    eprintln!(
        "big: {credits} credits used, {refused} refused, exact minimum {}, {} listings for {:?} tickets, {} contacts",
        expected.minimum_credits,
        summary.records,
        expected.listed_per_pass,
        got.len()
    );
    assert!(
        summary.records > expected.listed_per_pass.iter().sum::<u64>(),
        "each page lists the last second of the one before again"
    );
    assert!((credits + refused) as f64 <= expected.minimum_credits as f64 * 1.05);
}

/// A window start such that the 30,000th ticket of the default pass falls in the middle of a
/// campaign's tie (where page 300 would end): paging through the tie must neither skip nor double
/// any of its tickets.
async fn since_putting_page_300_inside_a_tie(sim: &SimHandle, domain: &str) -> DateTime<Utc> {
    let mut updated = Vec::new();
    let mut offset = 0;
    loop {
        let page = control(
            sim,
            reqwest::Method::GET,
            &format!("/_sim/accounts/{domain}/truth/tickets?offset={offset}&limit=5000"),
            None,
        )
        .await;
        for t in page["tickets"].as_array().unwrap() {
            if t["state"] == "live" {
                updated.push(time(&t["updated_at"]).timestamp());
            }
        }
        offset += 5000;
        if offset >= page["total"].as_u64().unwrap() as usize {
            break;
        }
    }
    updated.sort_unstable();
    let mut end = updated.len();
    while end > 0 {
        let start = updated.partition_point(|&u| u < updated[end - 1]);
        let middle = (start + end) / 2;
        if end - start >= 300 && middle >= 30_000 {
            let first = updated[middle - 29_999];
            let listed_from = updated.partition_point(|&u| u < first);
            if listed_from + 29_999 > start + 100 {
                return DateTime::from_timestamp(first, 0).unwrap();
            }
        }
        end = start;
    }
    panic!(
        "no tie of 300 tickets with 30,000 live tickets before it ({} live)",
        updated.len()
    );
}
