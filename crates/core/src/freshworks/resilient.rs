//! One API call as the importer needs it: paced, retried, and sorted into "use it", "the caller
//! decides" (400/403/404) or a stopping error with a clear code.
//!
//! Retried: 429 (after `Retry-After`, capped, with jitter; every sender waits), 5xx (HTML bodies
//! included), connection failures and timeouts, and a 2xx whose JSON does not parse (a truncated
//! body). Not retried: 401 (the key was revoked or reset), which stops the run.

use super::pacer::Pacer;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::client::{ApiResponse, DownloadError, TransportError};
use crate::freshworks::{Auth, FreshworksClient};
use rand::Rng;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Longest `Retry-After` honoured as given (observed 9–40 s).
const RETRY_AFTER_CAP: Duration = Duration::from_secs(120);
/// Attempts for transient failures (5xx, resets, timeouts, bad JSON) before giving up.
const TRANSIENT_ATTEMPTS: u32 = 8;
/// Consecutive 429s on one call before giving up: far beyond any storm, short of forever.
const MAX_REFUSALS: u32 = 200;
const BACKOFF_BASE: Duration = Duration::from_millis(100);
const BACKOFF_CAP: Duration = Duration::from_secs(5);
/// Pages one paged read (a list, the conversations of one ticket) may take: far beyond any real
/// account, short of a server whose `Link: next` or `total_pages` never ends.
pub const MAX_PAGES_PER_PASS: u32 = 2_000;

/// An answer the caller reads: 2xx with its JSON, or 400/403/404 with whatever body came.
#[derive(Debug)]
pub struct Fetched {
    pub status: u16,
    pub body: Value,
    /// Path and query of the `Link: <...>; rel="next"` header, if any.
    pub next: Option<String>,
}

impl Fetched {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Sends calls for one account; cheap to clone (workers share the pacer).
#[derive(Clone)]
pub struct Fetcher {
    client: FreshworksClient,
    host: String,
    auth: Auth,
    pacer: Arc<Mutex<Pacer>>,
}

enum Method<'a> {
    Get,
    Post(&'a Value),
}

impl Fetcher {
    pub fn new(client: FreshworksClient, host: &str, auth: Auth, pacer: Pacer) -> Self {
        Self {
            client,
            host: host.to_string(),
            auth,
            pacer: Arc::new(Mutex::new(pacer)),
        }
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// Runs `f` on the pacer (stats, budget).
    pub fn with_pacer<T>(&self, f: impl FnOnce(&Pacer) -> T) -> T {
        f(&self.pacer.lock().expect("pacer lock"))
    }

    pub async fn get(&self, path_and_query: &str, list: bool) -> CoreResult<Fetched> {
        self.call(path_and_query, Method::Get, list).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> CoreResult<Fetched> {
        self.call(path, Method::Post(body), false).await
    }

    async fn acquire(&self, list: bool) -> u64 {
        loop {
            let wait = {
                let mut pacer = self.pacer.lock().expect("pacer lock");
                match pacer.try_acquire(Instant::now(), 1, list) {
                    Ok(id) => return id,
                    Err(wait) => wait,
                }
            };
            tokio::time::sleep(wait).await;
        }
    }

    async fn call(&self, path: &str, method: Method<'_>, list: bool) -> CoreResult<Fetched> {
        let mut transient = 0u32;
        let mut refusals = 0u32;
        loop {
            let id = self.acquire(list).await;
            let auth = &self.auth;
            let sent = match method {
                Method::Get => self.client.get(&self.host, path, auth).await,
                Method::Post(body) => self.client.post_json(&self.host, path, auth, body).await,
            };
            let now = Instant::now();
            let resp = match sent {
                Ok(resp) => resp,
                Err(e) => {
                    // The server may have charged it: keep the reservation, stamped now.
                    self.pacer.lock().expect("pacer lock").failed(id, now);
                    transient += 1;
                    if transient >= TRANSIENT_ATTEMPTS {
                        return Err(unavailable(&self.host, path, &transport_text(&e)));
                    }
                    tokio::time::sleep(backoff(transient)).await;
                    continue;
                }
            };
            if resp.status == 429 {
                let wait = retry_after(&resp)
                    .unwrap_or_else(|| self.pacer.lock().expect("pacer lock").minute() / 4);
                self.pacer
                    .lock()
                    .expect("pacer lock")
                    .refused(id, now, jittered(wait));
                refusals += 1;
                if refusals >= MAX_REFUSALS {
                    return Err(unavailable(
                        &self.host,
                        path,
                        "it kept answering 429 (rate limit exceeded)",
                    ));
                }
                continue;
            }
            learn_from_headers(&mut self.pacer.lock().expect("pacer lock"), id, now, &resp);
            match resp.status {
                200..=299 => match resp.json() {
                    Some(body) => {
                        return Ok(Fetched {
                            status: resp.status,
                            next: link_next(&resp),
                            body,
                        })
                    }
                    None => {
                        transient += 1;
                        if transient >= TRANSIENT_ATTEMPTS {
                            return Err(CoreError::new(
                                ErrorCode::ImportUnexpectedResponse,
                                format!(
                                    "{} answered {path} with a body that is not JSON: {}",
                                    self.host,
                                    snippet(&resp.body)
                                ),
                            ));
                        }
                        tokio::time::sleep(backoff(transient)).await;
                    }
                },
                401 => {
                    return Err(CoreError::new(
                        ErrorCode::ImportKeyRejected,
                        format!(
                            "{} no longer accepts the API key (401 on {}): it was revoked or reset. Enter the new key and run the import again; it continues where it stopped.",
                            self.host,
                            strip_query(path)
                        ),
                    ))
                }
                400 | 403 | 404 => {
                    return Ok(Fetched {
                        status: resp.status,
                        body: resp.json().unwrap_or(Value::Null),
                        next: None,
                    })
                }
                500..=599 => {
                    transient += 1;
                    if transient >= TRANSIENT_ATTEMPTS {
                        return Err(unavailable(
                            &self.host,
                            path,
                            &format!("HTTP {}", resp.status),
                        ));
                    }
                    tokio::time::sleep(backoff(transient)).await;
                }
                other => {
                    return Err(CoreError::new(
                        ErrorCode::ImportUnexpectedResponse,
                        format!(
                            "{} answered {} with HTTP {other}: {}",
                            self.host,
                            strip_query(path),
                            snippet(&resp.body)
                        ),
                    ))
                }
            }
        }
    }

    /// Downloads a report link (no credentials) of at most `max_bytes`, retrying transient
    /// failures. `Ok(None)`: the storage refused the link (4xx other than 429; it may have
    /// expired).
    pub async fn download(&self, url: &str, max_bytes: u64) -> CoreResult<Option<Vec<u8>>> {
        if let Err(rule) = self.client.check_download_target(url) {
            return Err(CoreError::new(
                ErrorCode::ImportReportFailed,
                format!("the report link {url:?} was not followed: {rule}"),
            ));
        }
        let mut transient = 0u32;
        loop {
            let mut wait = None;
            let failure = match self.client.download(url, max_bytes).await {
                Ok(resp) if (200..300).contains(&resp.status) => return Ok(Some(resp.body)),
                Ok(resp) if resp.status >= 500 || resp.status == 429 => {
                    wait = retry_after(&resp).map(jittered);
                    format!("HTTP {}", resp.status)
                }
                Ok(resp) => {
                    tracing::info!(
                        status = resp.status,
                        body = %snippet(&resp.body),
                        "the report link was refused"
                    );
                    return Ok(None);
                }
                Err(DownloadError::TooLarge(limit)) => {
                    return Err(report_too_large(limit, "compressed"))
                }
                Err(DownloadError::Refused(rule)) => {
                    return Err(CoreError::new(
                        ErrorCode::ImportReportFailed,
                        format!("the report link {url:?} was not followed: {rule}"),
                    ))
                }
                Err(DownloadError::Transport(e)) => transport_text(&e),
            };
            transient += 1;
            if transient >= TRANSIENT_ATTEMPTS {
                return Err(CoreError::new(
                    ErrorCode::ImportUnavailable,
                    format!("downloading the report failed: {failure}"),
                ));
            }
            tokio::time::sleep(wait.unwrap_or_else(|| backoff(transient))).await;
        }
    }
}

/// A report file beyond a size limit (`what`: compressed or uncompressed): never read whole.
pub fn report_too_large(limit: u64, what: &str) -> CoreError {
    CoreError::new(
        ErrorCode::ReportTooLarge,
        format!("the report file is larger than {limit} bytes {what}; it was not read (a damaged or hostile file)"),
    )
}

/// A paged read that did not end after `pages` pages.
pub fn paging_runaway(host: &str, what: &str, pages: u32) -> CoreError {
    CoreError::new(
        ErrorCode::PagingRunaway,
        format!("{host} kept sending more pages of {what} after {pages} pages; the read was stopped (the server's paging does not end)"),
    )
}

/// Stamps call `id` in the pacer and lets it learn the budget from the rate-limit headers (a
/// header that is not a number is ignored).
#[doc(hidden)]
pub fn learn_from_headers(pacer: &mut Pacer, id: u64, now: Instant, resp: &ApiResponse) {
    pacer.finish(
        id,
        now,
        resp.header_u64("x-ratelimit-total"),
        resp.header_u64("x-ratelimit-remaining"),
        resp.header_u64("x-ratelimit-used-currentrequest"),
    );
}

/// The error that ends a run after the retries: what failed and that it resumes.
fn unavailable(host: &str, path: &str, what: &str) -> CoreError {
    CoreError::new(
        ErrorCode::ImportUnavailable,
        format!(
            "{host} kept failing on {} ({what}) after {TRANSIENT_ATTEMPTS} attempts; run the import again later, it continues where it stopped",
            strip_query(path)
        ),
    )
}

fn strip_query(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

fn transport_text(e: &TransportError) -> String {
    match e {
        TransportError::Dns(d) => format!("name lookup failed: {d}"),
        TransportError::Connect(d) => format!("connection failed: {d}"),
        TransportError::Tls(d) => format!("TLS failed: {d}"),
        TransportError::Timeout => "timed out".to_string(),
        TransportError::Other(d) => d.clone(),
    }
}

/// The start of a body for an error message (bodies here never hold secrets).
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.chars().take(200).collect()
}

/// `Retry-After` in seconds, capped (a value of years, or not a number, cannot stall a run).
#[doc(hidden)]
pub fn retry_after(resp: &ApiResponse) -> Option<Duration> {
    resp.header_u64("retry-after")
        .map(|s| Duration::from_secs(s).min(RETRY_AFTER_CAP))
}

/// Up to 10 % (at most 1 s) more, so waiting clients do not all return at once.
fn jittered(wait: Duration) -> Duration {
    let extra = (wait / 10).min(Duration::from_secs(1));
    if extra.is_zero() {
        return wait;
    }
    wait + extra.mul_f64(rand::thread_rng().gen_range(0.0..1.0))
}

fn backoff(attempt: u32) -> Duration {
    let exp = BACKOFF_BASE.saturating_mul(1 << attempt.saturating_sub(1).min(16));
    jittered(exp.min(BACKOFF_CAP))
}

/// `Link: <https://host/path?query>; rel="next"` → `/path?query`.
#[doc(hidden)]
pub fn link_next(resp: &ApiResponse) -> Option<String> {
    let link = resp.headers.get("link")?.to_str().ok()?;
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        if !params.contains("rel=\"next\"") && !params.contains("rel=next") {
            return None;
        }
        let url = target.trim().trim_start_matches('<').trim_end_matches('>');
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let path = &after_scheme[after_scheme.find('/')?..];
        Some(path.to_string())
    })
}

#[cfg(test)]
#[path = "resilient_tests.rs"]
mod tests;
