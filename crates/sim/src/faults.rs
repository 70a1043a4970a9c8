//! Fault injection switched at run time through the control API. Rules are deterministic:
//! a rule fires on every `every`-th matching request, at most `count` times.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// 429 with `Retry-After` (`retry_after` seconds, default 30), not charged.
    RateLimit,
    /// 500 with Freshdesk's JSON body.
    ServerError,
    /// 502 with an HTML body.
    BadGateway,
    /// 503 with an HTML body.
    ServiceUnavailable,
    /// 504 with an HTML body.
    GatewayTimeout,
    /// The connection is dropped after the status line and part of the body.
    ConnectionReset,
    /// The response is delayed by `delay_ms`, then served normally.
    Slow,
    /// The JSON body is cut in half (status 200, valid framing).
    TruncatedJson,
    /// Revokes `persona`'s key of the matched account; the request then fails with 401.
    RevokeKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultRule {
    pub kind: FaultKind,
    /// Full host (`acme.freshdesk.com`); all accounts when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Only requests whose path contains this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_contains: Option<String>,
    /// Fire on every n-th matching request (default 1 = each).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<u64>,
    /// Fire at most this many times (default: unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FaultStatus {
    #[serde(flatten)]
    pub rule: FaultRule,
    pub matched: u64,
    pub fired: u64,
}

#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<FaultStatus>>,
}

impl Faults {
    pub fn set(&self, rules: Vec<FaultRule>) {
        *self.rules.lock().expect("faults lock") = rules
            .into_iter()
            .map(|rule| FaultStatus {
                rule,
                matched: 0,
                fired: 0,
            })
            .collect();
    }

    pub fn add(&self, rule: FaultRule) {
        self.rules.lock().expect("faults lock").push(FaultStatus {
            rule,
            matched: 0,
            fired: 0,
        });
    }

    pub fn list(&self) -> Vec<FaultStatus> {
        self.rules.lock().expect("faults lock").clone()
    }

    /// The rules that fire for this request: at most one `Slow` plus at most one other.
    pub fn check(&self, domain: &str, path: &str) -> Vec<FaultRule> {
        let mut fired = Vec::new();
        let mut have_slow = false;
        let mut have_other = false;
        for st in self.rules.lock().expect("faults lock").iter_mut() {
            let r = &st.rule;
            if r.domain
                .as_deref()
                .is_some_and(|d| !d.eq_ignore_ascii_case(domain))
                || r.path_contains
                    .as_deref()
                    .is_some_and(|p| !path.contains(p))
            {
                continue;
            }
            let slow = r.kind == FaultKind::Slow;
            if (slow && have_slow) || (!slow && have_other) {
                continue;
            }
            st.matched += 1;
            let every = r.every.unwrap_or(1).max(1);
            if st.matched % every == 0 && r.count.is_none_or(|c| st.fired < c) {
                st.fired += 1;
                if slow {
                    have_slow = true;
                } else {
                    have_other = true;
                }
                fired.push(r.clone());
            }
        }
        fired
    }
}

/// The HTML an edge proxy serves on 502/503/504.
pub fn html_page(status: u16) -> String {
    let title = match status {
        502 => "502 Bad Gateway",
        503 => "503 Service Temporarily Unavailable",
        _ => "504 Gateway Time-out",
    };
    format!("<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n")
}
