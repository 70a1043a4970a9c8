//! The HTTP front door: picks the account from the `Host` header, counts the request,
//! applies faults, and hands it to the product (or to the control API under `/_sim/`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;

use crate::accounts::Account;
use crate::counters::{endpoint_key, Counters};
use crate::faults::{html_page, FaultKind, Faults};
use crate::freshchat::reports::ReportJob;
use crate::http::{self, QueryPairs};
use crate::model::{Persona, Product};
use crate::ratelimit::RateLimiter;

pub struct App {
    pub accounts: Vec<Arc<Account>>,
    by_domain: HashMap<String, usize>,
    pub limiters: Vec<Mutex<RateLimiter>>,
    pub time_scale: f64,
    pub faults: Faults,
    pub counters: Counters,
    pub reports: Mutex<HashMap<String, ReportJob>>,
    pub report_seq: Mutex<u64>,
    pub base_url: String,
    pub seed: u64,
    pub anchor: i64,
}

/// A parsed request as the product handlers see it.
pub struct Req {
    pub method: Method,
    pub path: String,
    pub query: QueryPairs,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl App {
    pub fn new(
        accounts: Vec<Account>,
        time_scale: f64,
        base_url: String,
        seed: u64,
        anchor: i64,
    ) -> App {
        let by_domain = accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.domain.clone(), i))
            .collect();
        let limiters = accounts
            .iter()
            .map(|a| {
                Mutex::new(RateLimiter::new(
                    a.spec
                        .calls_per_minute
                        .unwrap_or(a.spec.plan.calls_per_minute()),
                    a.spec
                        .ticket_list_per_minute
                        .or(a.spec.plan.ticket_list_per_minute()),
                    time_scale,
                ))
            })
            .collect();
        App {
            accounts: accounts.into_iter().map(Arc::new).collect(),
            by_domain,
            limiters,
            time_scale,
            faults: Faults::default(),
            counters: Counters::default(),
            reports: Mutex::new(HashMap::new()),
            report_seq: Mutex::new(0),
            base_url,
            seed,
            anchor,
        }
    }

    pub fn account_index(&self, domain: &str) -> Option<usize> {
        self.by_domain.get(&domain.to_ascii_lowercase()).copied()
    }

    /// Real duration of `simulated` time.
    pub fn scaled(&self, simulated: Duration) -> Duration {
        simulated.div_f64(self.time_scale.max(1e-6))
    }
}

pub async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let r = Req {
        method: parts.method,
        path: parts.uri.path().to_string(),
        query: QueryPairs::parse(parts.uri.query()),
        headers: parts.headers,
        body,
    };
    if r.path == "/_sim" || r.path.starts_with("/_sim/") {
        return crate::control::handle(&app, &r);
    }
    if r.path.starts_with("/_storage/") {
        // A report link: fault rules match it with the report's account as the domain.
        let account = crate::freshchat::reports::download_account(&app, &r)
            .and_then(|d| app.account_index(&d))
            .map(|i| app.accounts[i].clone());
        let truncate = match &account {
            Some(a) => match apply_faults(&app, a, &r.path).await {
                Ok(t) => t,
                Err(resp) => return resp,
            },
            None => false,
        };
        let resp = crate::freshchat::reports::download(&app, &r);
        return if truncate {
            truncate_body(resp).await
        } else {
            resp
        };
    }
    let host = http::host(&r.headers);
    let Some(idx) = app.account_index(&host) else {
        return http::empty(StatusCode::NOT_FOUND);
    };
    let account = app.accounts[idx].clone();
    let endpoint = endpoint_key(r.method.as_str(), &r.path);
    app.counters.with(&account.domain, |c| {
        c.requests += 1;
        *c.by_endpoint.entry(endpoint).or_default() += 1;
    });

    let truncate = match apply_faults(&app, &account, &r.path).await {
        Ok(t) => t,
        Err(resp) => return finish(&app, &account, resp),
    };
    let resp = match account.spec.product {
        Product::Freshdesk => crate::freshdesk::handle(&app, idx, &account, &r),
        Product::Freshchat => crate::freshchat::handle(&app, &account, &r),
    };
    let resp = if truncate {
        truncate_body(resp).await
    } else {
        resp
    };
    finish(&app, &account, resp)
}

/// Applies the fault rules that fire for this request: `Err` is the response to send instead,
/// `Ok(true)` asks for the body to be cut in half.
async fn apply_faults(app: &App, account: &Account, path: &str) -> Result<bool, Response> {
    let mut truncate = false;
    for rule in &app.faults.check(&account.domain, path) {
        if rule.kind != FaultKind::Slow && rule.kind != FaultKind::RevokeKey {
            app.counters
                .with(&account.domain, |c| c.faults_injected += 1);
        }
        match rule.kind {
            FaultKind::Slow => {
                app.counters
                    .with(&account.domain, |c| c.faults_injected += 1);
                tokio::time::sleep(Duration::from_millis(rule.delay_ms.unwrap_or(2_000))).await;
            }
            FaultKind::RevokeKey => {
                app.counters
                    .with(&account.domain, |c| c.faults_injected += 1);
                let persona = rule
                    .persona
                    .as_deref()
                    .and_then(Persona::parse)
                    .unwrap_or(Persona::AccountAdmin);
                account.set_revoked(persona, true);
            }
            FaultKind::RateLimit => {
                let mut resp = http::json(
                    StatusCode::TOO_MANY_REQUESTS,
                    &serde_json::json!({"message": "You have exceeded the limit of requests per minute"}),
                );
                http::set_header(
                    &mut resp,
                    "retry-after",
                    rule.retry_after.unwrap_or(30).to_string(),
                );
                return Err(resp);
            }
            FaultKind::ServerError => {
                return Err(http::json(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &serde_json::json!({"message": "We're sorry, but something went wrong."}),
                ))
            }
            FaultKind::BadGateway => {
                return Err(http::html(StatusCode::BAD_GATEWAY, html_page(502)))
            }
            FaultKind::ServiceUnavailable => {
                return Err(http::html(StatusCode::SERVICE_UNAVAILABLE, html_page(503)))
            }
            FaultKind::GatewayTimeout => {
                return Err(http::html(StatusCode::GATEWAY_TIMEOUT, html_page(504)))
            }
            FaultKind::ConnectionReset => return Err(connection_reset()),
            FaultKind::TruncatedJson => truncate = true,
        }
    }
    Ok(truncate)
}

fn finish(app: &App, account: &Account, resp: Response) -> Response {
    let status = resp.status().as_u16();
    app.counters.with(&account.domain, |c| {
        *c.by_status.entry(status).or_default() += 1
    });
    resp
}

/// A body that yields a few bytes and then fails, so the server aborts the connection
/// mid-response; the client sees the connection closed before the message completed.
fn connection_reset() -> Response {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![
        Ok(b"{\"id\":".to_vec()),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "simulated connection reset",
        )),
    ];
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json; charset=utf-8")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .expect("valid response")
}

async fn truncate_body(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let cut = bytes.slice(0..bytes.len() / 2);
    parts.headers.remove("content-length");
    Response::from_parts(parts, Body::from(cut))
}
