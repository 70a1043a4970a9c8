//! Request counters per account and endpoint, read through the control API.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct AccountCounters {
    pub requests: u64,
    pub by_endpoint: BTreeMap<String, u64>,
    pub by_status: BTreeMap<u16, u64>,
    pub credits_used: u64,
    pub rate_limited: u64,
    pub faults_injected: u64,
}

#[derive(Debug, Default)]
pub struct Counters {
    inner: Mutex<BTreeMap<String, AccountCounters>>,
}

impl Counters {
    pub fn with<R>(&self, domain: &str, f: impl FnOnce(&mut AccountCounters) -> R) -> R {
        let mut map = self.inner.lock().expect("counters lock");
        f(map.entry(domain.to_string()).or_default())
    }

    pub fn snapshot(&self) -> BTreeMap<String, AccountCounters> {
        self.inner.lock().expect("counters lock").clone()
    }

    pub fn reset(&self) {
        self.inner.lock().expect("counters lock").clear();
    }
}

/// `GET /api/v2/tickets/42/conversations` → `GET /api/v2/tickets/{id}/conversations`.
pub fn endpoint_key(method: &str, path: &str) -> String {
    let norm: Vec<&str> = path
        .split('/')
        .map(|seg| {
            let is_id = !seg.is_empty()
                && (seg.chars().all(|c| c.is_ascii_digit())
                    || (seg.len() >= 32 && seg.chars().all(|c| c.is_ascii_hexdigit() || c == '-')));
            if is_id {
                "{id}"
            } else {
                seg
            }
        })
        .collect();
    format!("{method} {}", norm.join("/"))
}
