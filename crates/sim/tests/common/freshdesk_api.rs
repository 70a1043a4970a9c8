//! Helpers of the Freshdesk API v2 conformance tests (`freshdesk*.rs`).

use super::*;
use serde_json::Value;

pub const V: &str = "/api/v2";

pub async fn truth_tickets(s: &idesk_sim::SimHandle, domain: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = control(
            s,
            "GET",
            &format!("/_sim/accounts/{domain}/truth/tickets?offset={offset}&limit=5000"),
            None,
        )
        .await;
        let items = page["tickets"].as_array().unwrap().clone();
        if items.is_empty() {
            break;
        }
        offset += items.len();
        out.extend(items);
    }
    out
}

pub fn ids(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_u64().unwrap())
        .collect()
}
