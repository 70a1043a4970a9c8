//! The HTTP client for Freshdesk and Freshchat.
//!
//! Production code only ever talks HTTPS to the validated Freshworks host, trusting the
//! operating system's root certificates (so company TLS-inspecting proxies work), with redirects
//! off. For tests and the demo, `IDESK_FRESHWORKS_URL=http://127.0.0.1:PORT` sends every request
//! to that loopback address while keeping the real host name in the `Host` header; anything but
//! `http`, a loopback IP literal and a port is refused (see [`super::targets`]), so a key can
//! never be routed to another machine.

use super::targets::{parse_override, public_https_link, routed_link};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::secret::Secret;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use std::sync::Once;
use std::time::Duration;

pub use super::targets::FRESHWORKS_URL_ENV;

/// Longest wait for a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest silence while reading an answer.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest an API call may take in all.
pub const API_CALL_TIMEOUT: Duration = Duration::from_secs(60);
/// Longest a report download may take in all (a file of up to hundreds of MiB).
pub const REPORT_DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// The time limits of every call (tests use short ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub read: Duration,
    pub api_call: Duration,
    pub download: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: CONNECT_TIMEOUT,
            read: READ_TIMEOUT,
            api_call: API_CALL_TIMEOUT,
            download: REPORT_DOWNLOAD_TIMEOUT,
        }
    }
}

/// The credential of one account and how it is sent. Owned (a [`Secret`] is a cheap shared
/// handle), so a long-lived sender keeps it; a call borrows it as `&Auth`.
#[derive(Clone)]
pub enum Auth {
    /// Freshdesk: Basic auth with the key as user name and `X` as password.
    FreshdeskKey(Secret),
    /// Freshchat: `Authorization: Bearer <token>`.
    Bearer(Secret),
}

/// Why no HTTP response arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    Dns(String),
    Connect(String),
    Tls(String),
    Timeout,
    Other(String),
}

/// Why a download brought no file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadError {
    Transport(TransportError),
    /// The link is not one the client follows (the rule it breaks).
    Refused(String),
    /// The body is longer than the limit (in bytes).
    TooLarge(u64),
}

#[derive(Debug)]
pub struct ApiResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl ApiResponse {
    /// The `Content-Type` says JSON (whether or not the body parses).
    pub fn says_json(&self) -> bool {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
    }

    /// The body as JSON when the server says JSON and it parses (a portal page is HTML).
    pub fn json(&self) -> Option<serde_json::Value> {
        if !self.says_json() {
            return None;
        }
        serde_json::from_slice(&self.body).ok()
    }

    /// A numeric header; a value that is not a whole non-negative number is ignored (logged).
    pub fn header_u64(&self, name: &str) -> Option<u64> {
        let value = self.headers.get(name)?;
        let parsed = value.to_str().ok().and_then(|v| v.trim().parse().ok());
        if parsed.is_none() {
            tracing::warn!(header = name, value = ?value, "ignoring a header that is not a whole number");
        }
        parsed
    }
}

#[derive(Clone)]
pub struct FreshworksClient {
    http: reqwest::Client,
    /// `Some(base)` when routed to a loopback simulator.
    loopback: Option<String>,
    timeouts: Timeouts,
}

static OVERRIDE_LOGGED: Once = Once::new();

/// The override from the environment, if set (an empty value counts as unset).
fn override_from_env() -> Option<String> {
    std::env::var(FRESHWORKS_URL_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// The line to show when `IDESK_FRESHWORKS_URL` is set and valid: every Freshworks request goes
/// to that loopback address instead.
pub fn override_notice() -> Option<String> {
    let base = parse_override(&override_from_env()?).ok()?;
    Some(format!(
        "note: {FRESHWORKS_URL_ENV} is set: every Freshworks request goes to {base} instead of Freshworks (tests and the demo only)"
    ))
}

impl FreshworksClient {
    /// Reads `IDESK_FRESHWORKS_URL`; without it, real HTTPS. An active override is logged once.
    pub fn from_env() -> CoreResult<Self> {
        let routed = override_from_env();
        let client = Self::new(routed.as_deref())?;
        if let Some(base) = &client.loopback {
            OVERRIDE_LOGGED.call_once(|| {
                tracing::warn!(base = %base, "{FRESHWORKS_URL_ENV} is set: every Freshworks request goes to this loopback address");
            });
        }
        Ok(client)
    }

    /// `loopback`: an `http://127.0.0.1:PORT` (or `[::1]`) base URL, or `None` for HTTPS.
    pub fn new(loopback: Option<&str>) -> CoreResult<Self> {
        Self::with_timeouts(loopback, Timeouts::default())
    }

    /// [`Self::new`] with other time limits.
    pub fn with_timeouts(loopback: Option<&str>, timeouts: Timeouts) -> CoreResult<Self> {
        let loopback = loopback.map(parse_override).transpose()?;
        let http = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .read_timeout(timeouts.read)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("IntegrationDesk/", env!("CARGO_PKG_VERSION")))
            .https_only(loopback.is_none())
            .build()
            .map_err(|e| {
                CoreError::new(
                    ErrorCode::Internal,
                    format!("cannot build the HTTP client: {e}"),
                )
            })?;
        Ok(Self {
            http,
            loopback,
            timeouts,
        })
    }

    fn url(&self, host: &str, path_and_query: &str) -> String {
        match &self.loopback {
            Some(base) => format!("{base}{path_and_query}"),
            None => format!("https://{host}{path_and_query}"),
        }
    }

    pub async fn get(
        &self,
        host: &str,
        path_and_query: &str,
        auth: &Auth,
    ) -> Result<ApiResponse, TransportError> {
        self.send(self.http.get(self.url(host, path_and_query)), host, auth)
            .await
    }

    pub async fn post_json(
        &self,
        host: &str,
        path: &str,
        auth: &Auth,
        body: &serde_json::Value,
    ) -> Result<ApiResponse, TransportError> {
        self.send(self.http.post(self.url(host, path)).json(body), host, auth)
            .await
    }

    /// Where [`Self::download`] sends a request for `url`, and the `Host` to keep: HTTPS to a
    /// public host name (a Freshchat report link points to a storage service). When routed to a
    /// simulator, every link stays on this machine: loopback links as they are, Freshworks HTTPS
    /// links through the routed address with their real host name; anything else is refused.
    pub fn download_target(&self, url: &str) -> Option<(String, Option<String>)> {
        self.check_download_target(url).ok()
    }

    /// [`Self::download_target`], or the rule the link breaks.
    pub fn check_download_target(&self, url: &str) -> Result<(String, Option<String>), String> {
        match &self.loopback {
            None => public_https_link(url).map(|u| (u, None)),
            Some(base) => routed_link(base, url).ok_or_else(|| {
                "routed to a simulator, only links on this machine or to Freshworks are followed"
                    .to_string()
            }),
        }
    }

    /// Fetches an absolute URL without any credentials (a pre-signed report link), reading at
    /// most `max_bytes` of body.
    pub async fn download(&self, url: &str, max_bytes: u64) -> Result<ApiResponse, DownloadError> {
        let (target, host) = self
            .check_download_target(url)
            .map_err(DownloadError::Refused)?;
        let req = self.http.get(target).timeout(self.timeouts.download);
        let req = match host {
            Some(h) => req.header(HOST, h),
            None => req,
        };
        let mut resp = req
            .send()
            .await
            .map_err(|e| DownloadError::Transport(classify(e)))?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let announced = headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if announced.is_some_and(|n| n > max_bytes) {
            return Err(DownloadError::TooLarge(max_bytes));
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| DownloadError::Transport(classify(e)))?
        {
            if body.len() as u64 + chunk.len() as u64 > max_bytes {
                return Err(DownloadError::TooLarge(max_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(ApiResponse {
            status,
            headers,
            body,
        })
    }

    async fn send(
        &self,
        req: reqwest::RequestBuilder,
        host: &str,
        auth: &Auth,
    ) -> Result<ApiResponse, TransportError> {
        let req = authorize(req.timeout(self.timeouts.api_call), auth)?;
        let req = if self.loopback.is_some() {
            req.header(HOST, host)
        } else {
            req
        };
        read(req).await
    }
}

/// Adds the credential as a sensitive header (kept out of debug output and HTTP/2 tables).
fn authorize(
    req: reqwest::RequestBuilder,
    auth: &Auth,
) -> Result<reqwest::RequestBuilder, TransportError> {
    match auth {
        Auth::FreshdeskKey(key) => Ok(req.basic_auth(key.expose(), Some("X"))),
        Auth::Bearer(token) => {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
                    TransportError::Other(
                        "the API key holds characters that cannot be sent in a header".into(),
                    )
                })?;
            value.set_sensitive(true);
            Ok(req.header(AUTHORIZATION, value))
        }
    }
}

/// Sends a request and reads its whole answer.
async fn read(req: reqwest::RequestBuilder) -> Result<ApiResponse, TransportError> {
    let resp = req.send().await.map_err(classify)?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.bytes().await.map_err(classify)?.to_vec();
    Ok(ApiResponse {
        status,
        headers,
        body,
    })
}

/// Sorts a reqwest failure into what the user can act on. The text never holds the key: reqwest
/// errors name the URL, which has no credentials in it.
fn classify(e: reqwest::Error) -> TransportError {
    if e.is_timeout() {
        return TransportError::Timeout;
    }
    let mut chain = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    let lower = chain.to_ascii_lowercase();
    if lower.contains("dns error")
        || lower.contains("failed to lookup address")
        || lower.contains("name or service not known")
    {
        TransportError::Dns(chain)
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        TransportError::Tls(chain)
    } else if lower.contains("timed out") {
        TransportError::Timeout
    } else if e.is_connect() {
        TransportError::Connect(chain)
    } else {
        TransportError::Other(chain)
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
