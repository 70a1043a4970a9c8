//! Turning "no usable answer" into check results: timeouts, DNS, TLS, 429 and 5xx each their own.

use super::{CheckId, CheckResult};
use crate::freshworks::client::{ApiResponse, Auth, FreshworksClient, TransportError};

/// The host check's result when the request did not get a response.
pub(super) fn unreachable(host: &str, e: &TransportError) -> CheckResult {
    match e {
        TransportError::Dns(_) => CheckResult::failed(
            CheckId::Host,
            "dns_failed",
            format!("{host} could not be found (DNS). Check the spelling of the domain and your network connection."),
        ),
        TransportError::Connect(d) => CheckResult::failed(
            CheckId::Host,
            "connect_failed",
            format!("could not connect to {host} ({d}). Check your network, proxy or firewall."),
        ),
        TransportError::Tls(d) => CheckResult::failed(
            CheckId::Host,
            "tls_failed",
            format!("the secure connection to {host} failed ({d}). A proxy or firewall may be intercepting HTTPS."),
        ),
        TransportError::Timeout => CheckResult::unverified(
            CheckId::Host,
            "timeout",
            format!("{host} did not answer in time. Try again; if it persists, check your network."),
        ),
        // Resets and other interruptions mid-answer are usually transient: try again, not "wrong".
        TransportError::Other(d) => CheckResult::unverified(
            CheckId::Host,
            "request_failed",
            format!("the connection to {host} broke off ({d}). Try again; if it persists, check your network."),
        ),
    }
}

/// A response that says "try later" rather than yes or no: 429, 5xx, and JSON cut short.
pub(super) fn try_later(check: CheckId, resp: &ApiResponse) -> Option<CheckResult> {
    if resp.says_json() && !resp.body.is_empty() && resp.json().is_none() {
        return Some(CheckResult::unverified(
            check,
            "malformed_response",
            "Freshworks sent an incomplete answer (the JSON was cut short). Try again in a moment.",
        ));
    }
    match resp.status {
        429 => {
            let wait = resp.header_u64("retry-after").map(|s| format!(" Wait {s} s and")).unwrap_or_default();
            Some(CheckResult::unverified(
                check,
                "rate_limited",
                format!("Freshworks limited the number of requests (429).{wait} try again; other tools using the same account share the limit."),
            ))
        }
        500..=599 => Some(CheckResult::unverified(
            check,
            "server_error",
            format!("Freshworks answered with a server error ({}). This is usually temporary: try again in a few minutes.", resp.status),
        )),
        _ => None,
    }
}

/// A follow-up request of a check (after host and key passed): its response, or the result that
/// says it could not be checked now (no answer, 429, 5xx, cut-off JSON).
pub(super) async fn follow_up(
    client: &FreshworksClient,
    host: &str,
    path: &str,
    auth: &Auth,
    check: CheckId,
) -> Result<ApiResponse, CheckResult> {
    let resp = client.get(host, path, auth).await.map_err(|e| {
        CheckResult::unverified(
            check,
            "request_failed",
            format!(
                "{path} could not be read: {}",
                unreachable(host, &e).message
            ),
        )
    })?;
    match try_later(check, &resp) {
        Some(later) => Err(later),
        None => Ok(resp),
    }
}
