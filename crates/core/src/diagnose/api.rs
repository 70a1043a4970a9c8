//! `api`: one timed call (the groups list, which `queue_drift` needs anyway) and the rate-limit
//! budget it reports: how much of it other apps on the same help desk use.

use super::{LinkId, LinkResult};
use crate::freshworks::{Auth, FreshworksClient};
use crate::integrations::{Integration, Product};
use crate::secret::Secret;
use serde_json::Value;
use std::time::{Duration, Instant};

/// An answer slower than this is a warning: the sync's pages would crawl.
pub(super) const SLOW_ANSWER: Duration = Duration::from_secs(5);
/// Others using at least this share of the per-minute budget leave the sync too little.
const OTHERS_SHARE_WARNING: f64 = 0.5;

/// The api link, and the groups the help desk lists now (when it answered).
pub(super) struct Probe {
    pub link: LinkResult,
    pub groups: Option<Vec<(String, String)>>,
}

pub(super) async fn probe(
    client: &FreshworksClient,
    integration: &Integration,
    key: &Secret,
    calls_before: u64,
) -> Probe {
    let c = LinkId::Api;
    let (path, auth) = match integration.product {
        Product::Freshdesk => (
            "/api/v2/groups?per_page=100",
            Auth::FreshdeskKey(key.clone()),
        ),
        Product::Freshchat => (
            "/v2/groups?page=1&items_per_page=50",
            Auth::Bearer(key.clone()),
        ),
    };
    let started = Instant::now();
    let answer = client.get(&integration.domain, path, &auth).await;
    let elapsed = started.elapsed();
    let ms = elapsed.as_millis() as u64;
    let resp = match answer {
        Ok(r) => r,
        Err(e) => {
            return Probe {
                link: LinkResult::failed(
                    c,
                    "api_unreachable",
                    format!("the help desk's API did not answer ({e:?})"),
                    "Check the network, proxy or firewall, and the help desk's status page; try again in a few minutes.",
                )
                .with("response_ms", ms),
                groups: None,
            }
        }
    };
    let total = resp.header_u64("x-ratelimit-total");
    let remaining = resp.header_u64("x-ratelimit-remaining");
    let link = match resp.status {
        429 => LinkResult::failed(
            c,
            "budget_exhausted",
            "the help desk refuses calls now (429): the per-minute API budget is used up, by other apps on the same help desk",
            "Find the other apps or scripts that use this help desk's API (Freshdesk: Admin > Apps) and reduce their calls, or raise the API budget with Freshworks.",
        )
        .with("retry_after_s", resp.header_u64("retry-after").map(Value::from).unwrap_or(Value::Null)),
        200..=299 => budget_link(total, remaining, calls_before + 1, elapsed),
        s @ 500..=599 => LinkResult::failed(
            c,
            "api_error",
            format!("the help desk's API answers with a server error (HTTP {s})"),
            "This is usually temporary: try again in a few minutes and check the help desk's status page.",
        )
        .with("status", s),
        s => LinkResult::warning(
            c,
            "api_unexpected",
            format!("the help desk's API answered the groups list with HTTP {s}"),
            "Run the diagnosis again; if it persists, check the links above.",
        )
        .with("status", s),
    }
    .with("response_ms", ms);
    let groups = (resp.status == 200)
        .then(|| resp.json())
        .flatten()
        .map(|body| groups_of(integration.product, &body));
    Probe { link, groups }
}

fn budget_link(
    total: Option<u64>,
    remaining: Option<u64>,
    own_calls: u64,
    elapsed: Duration,
) -> LinkResult {
    let c = LinkId::Api;
    let (Some(total), Some(remaining)) = (total, remaining) else {
        return slow_or(
            elapsed,
            LinkResult::passed(c, "api_ok", "the API answers in time"),
        );
    };
    // The calls of this diagnosis are in the window too; whatever else is used is someone else's
    // (or a sync of this app that ran within the last minute).
    let others = total.saturating_sub(remaining).saturating_sub(own_calls);
    let link = if total > 0 && others as f64 >= total as f64 * OTHERS_SHARE_WARNING {
        LinkResult::warning(
            c,
            "budget_used_by_others",
            format!("other apps on this help desk use about {others} of the {total} API calls per minute; {remaining} are left for the sync"),
            "Find the other apps or scripts that use this help desk's API (Freshdesk: Admin > Apps) and reduce their calls, or raise the API budget with Freshworks.",
        )
    } else {
        LinkResult::passed(
            c,
            "api_ok",
            format!("the API answers in time; {remaining} of {total} calls per minute are left"),
        )
    };
    slow_or(elapsed, link)
        .with("rate_limit_total", total)
        .with("rate_limit_remaining", remaining)
        .with("used_by_others", others)
        .with("used_by_this_diagnosis", own_calls)
}

fn slow_or(elapsed: Duration, link: LinkResult) -> LinkResult {
    if elapsed >= SLOW_ANSWER && link.outcome == super::LinkOutcome::Passed {
        let evidence = link.evidence.clone();
        let mut slow = LinkResult::warning(
            LinkId::Api,
            "api_slow",
            format!("the API took {} ms to answer", elapsed.as_millis()),
            "Check the network and the help desk's status page; a slow API delays every sync.",
        );
        slow.evidence = evidence;
        return slow;
    }
    link
}

fn groups_of(product: Product, body: &Value) -> Vec<(String, String)> {
    let list = match product {
        Product::Freshdesk => body.as_array(),
        Product::Freshchat => body["groups"].as_array(),
    };
    list.into_iter()
        .flatten()
        .filter_map(|g| {
            let id = match &g["id"] {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                _ => return None,
            };
            Some((id, g["name"].as_str()?.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::LinkOutcome;

    #[test]
    fn others_using_most_of_the_budget_is_a_warning() {
        let fine = budget_link(Some(700), Some(690), 4, Duration::from_millis(20));
        assert_eq!(fine.outcome, LinkOutcome::Passed);
        assert_eq!(fine.evidence["used_by_others"], 6);
        let eaten = budget_link(Some(700), Some(66), 4, Duration::from_millis(20));
        assert_eq!(
            (eaten.outcome, eaten.code.as_str()),
            (LinkOutcome::Warning, "budget_used_by_others")
        );
        assert_eq!(eaten.evidence["used_by_others"], 630);
        let slow = budget_link(Some(700), Some(690), 4, SLOW_ANSWER);
        assert_eq!(slow.code, "api_slow");
    }
}
