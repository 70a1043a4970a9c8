//! The HTTP client for Freshdesk and Freshchat.
//!
//! Production code only ever talks HTTPS to the validated Freshworks host. For tests and the demo,
//! `IDESK_FRESHWORKS_URL=http://127.0.0.1:PORT` sends every request to that loopback address while
//! keeping the real host name in the `Host` header; anything but a loopback URL there is refused,
//! so a key can never be routed to another machine.

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::secret::Secret;
use reqwest::header::{HeaderMap, AUTHORIZATION, CONTENT_TYPE, HOST};
use std::time::Duration;

pub const FRESHWORKS_URL_ENV: &str = "IDESK_FRESHWORKS_URL";

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone, Copy)]
pub enum Auth<'a> {
    /// Freshdesk: Basic auth with the key as user name and `X` as password.
    FreshdeskKey(&'a Secret),
    /// Freshchat: `Authorization: Bearer <token>`.
    Bearer(&'a Secret),
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

    pub fn header_u64(&self, name: &str) -> Option<u64> {
        self.headers.get(name)?.to_str().ok()?.trim().parse().ok()
    }
}

#[derive(Clone)]
pub struct FreshworksClient {
    http: reqwest::Client,
    /// `Some(base)` when routed to a loopback simulator.
    loopback: Option<String>,
}

impl FreshworksClient {
    /// Reads `IDESK_FRESHWORKS_URL`; without it, real HTTPS.
    pub fn from_env() -> CoreResult<Self> {
        let routed = std::env::var(FRESHWORKS_URL_ENV)
            .ok()
            .filter(|v| !v.trim().is_empty());
        Self::new(routed.as_deref())
    }

    /// `loopback`: an `http://127.0.0.1:PORT` (or `localhost`, `[::1]`) base URL, or `None` for HTTPS.
    pub fn new(loopback: Option<&str>) -> CoreResult<Self> {
        let loopback = loopback.map(validate_loopback).transpose()?;
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
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
        Ok(Self { http, loopback })
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
        auth: Auth<'_>,
    ) -> Result<ApiResponse, TransportError> {
        self.send(self.http.get(self.url(host, path_and_query)), host, auth)
            .await
    }

    pub async fn post_json(
        &self,
        host: &str,
        path: &str,
        auth: Auth<'_>,
        body: &serde_json::Value,
    ) -> Result<ApiResponse, TransportError> {
        self.send(self.http.post(self.url(host, path)).json(body), host, auth)
            .await
    }

    /// Where [`Self::download`] sends a request for `url`, and the `Host` to keep: HTTPS anywhere
    /// (a Freshchat report link points to a storage service). When routed to a simulator, every
    /// link stays on this machine: loopback links as they are, Freshworks HTTPS links through the
    /// routed address with their real host name; anything else is refused.
    pub fn download_target(&self, url: &str) -> Option<(String, Option<String>)> {
        let Some(base) = &self.loopback else {
            return url.starts_with("https://").then(|| (url.to_string(), None));
        };
        let (scheme, rest) = url.split_once("://")?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.contains('@') {
            return None;
        }
        let host = if let Some(v6) = authority.strip_prefix('[') {
            v6.split(']').next().unwrap_or_default()
        } else {
            authority.rsplit_once(':').map_or(authority, |(h, _)| h)
        };
        let loopback = host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        match scheme {
            "http" if loopback => Some((url.to_string(), None)),
            "https" if is_freshworks_host(host) => {
                Some((format!("{base}{path}"), Some(authority.to_string())))
            }
            _ => None,
        }
    }

    /// Fetches an absolute URL without any credentials (a pre-signed report link).
    pub async fn download(&self, url: &str) -> Result<ApiResponse, TransportError> {
        let Some((target, host)) = self.download_target(url) else {
            return Err(TransportError::Other(format!(
                "refused to download from {url}: only HTTPS links are followed"
            )));
        };
        let req = self.http.get(target);
        let req = match host {
            Some(h) => req.header(HOST, h),
            None => req,
        };
        read(req).await
    }

    async fn send(
        &self,
        req: reqwest::RequestBuilder,
        host: &str,
        auth: Auth<'_>,
    ) -> Result<ApiResponse, TransportError> {
        let req = match auth {
            Auth::FreshdeskKey(key) => req.basic_auth(key.expose(), Some("X")),
            Auth::Bearer(token) => req.header(AUTHORIZATION, format!("Bearer {}", token.expose())),
        };
        let req = if self.loopback.is_some() {
            req.header(HOST, host)
        } else {
            req
        };
        read(req).await
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

/// Hosts of Freshworks' own domains (where a routed link may be sent to the simulator).
fn is_freshworks_host(host: &str) -> bool {
    [
        "freshchat.com",
        "freshdesk.com",
        "freshworks.com",
        "freshworksapi.com",
    ]
    .iter()
    .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

fn validate_loopback(url: &str) -> CoreResult<String> {
    let base = url.trim().trim_end_matches('/');
    let rest = base.strip_prefix("http://").ok_or_else(|| bad_route(url))?;
    let host = if let Some(v6) = rest.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        rest.rsplit_once(':').map(|(h, _)| h).unwrap_or(rest)
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !loopback || rest.contains('/') {
        return Err(bad_route(url));
    }
    Ok(base.to_string())
}

fn bad_route(url: &str) -> CoreError {
    CoreError::new(
        ErrorCode::InvalidInput,
        format!("{FRESHWORKS_URL_ENV}={url:?} must be a loopback address such as http://127.0.0.1:8080 (it is for tests and the demo)"),
    )
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
mod tests {
    use super::*;

    #[test]
    fn only_loopback_routes_are_accepted() {
        assert_eq!(
            validate_loopback("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(validate_loopback("http://localhost:1").is_ok());
        assert!(validate_loopback("http://[::1]:1").is_ok());
        for bad in [
            "https://127.0.0.1:1",
            "http://10.0.0.1:80",
            "http://evil.com",
            "http://127.0.0.1:1/x",
            "127.0.0.1:1",
        ] {
            assert_eq!(
                validate_loopback(bad).unwrap_err().code,
                ErrorCode::InvalidInput,
                "{bad}"
            );
        }
    }

    #[test]
    fn download_links_stay_on_this_machine_when_routed() {
        let routed = FreshworksClient::new(Some("http://127.0.0.1:9000")).unwrap();
        let t = |u: &str| routed.download_target(u);
        assert_eq!(
            t("http://127.0.0.1:9000/_sim/x.zip"),
            Some(("http://127.0.0.1:9000/_sim/x.zip".into(), None))
        );
        assert_eq!(
            t("http://127.0.0.1:9100/store/x.zip"),
            Some(("http://127.0.0.1:9100/store/x.zip".into(), None))
        );
        assert_eq!(
            t("http://localhost:1/x"),
            Some(("http://localhost:1/x".into(), None))
        );
        assert_eq!(
            t("https://reports.freshchat.com/x.zip?sig=1"),
            Some((
                "http://127.0.0.1:9000/x.zip?sig=1".into(),
                Some("reports.freshchat.com".into())
            ))
        );
        assert_eq!(t("https://storage.example.com/x.zip"), None);
        assert_eq!(t("http://10.0.0.1/x.zip"), None);
        assert_eq!(t("http://user@127.0.0.1/x"), None);
        let real = FreshworksClient::new(None).unwrap();
        assert_eq!(
            real.download_target("https://s3.example.com/x.zip"),
            Some(("https://s3.example.com/x.zip".into(), None))
        );
        assert_eq!(real.download_target("http://127.0.0.1/x.zip"), None);
    }

    #[tokio::test]
    async fn an_unresolvable_host_is_a_dns_error() {
        let client = FreshworksClient::new(None).unwrap();
        let key = Secret::new("k");
        let err = client
            .get(
                "idesk-test.invalid",
                "/api/v2/agents/me",
                Auth::FreshdeskKey(&key),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, TransportError::Dns(_)), "{err:?}");
    }
}
