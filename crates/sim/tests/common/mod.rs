//! Shared helpers: a simulator on 127.0.0.1 port 0 and plain HTTP requests with a real `Host`.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use idesk_sim::{start, Persona, SimConfig, SimHandle};
use reqwest::header::HeaderMap;

pub const FD: &str = "acme.freshdesk.com";
pub const FC: &str = "acme.freshchat.com";

pub fn anchor() -> chrono::DateTime<Utc> {
    // Recent enough that the 30-day window and the 15-month report limit see data.
    let now = Utc::now().timestamp();
    Utc.timestamp_opt(now - now.rem_euclid(86_400) - 3_600, 0)
        .unwrap()
}

pub async fn sim_with(size: u64, time_scale: f64) -> SimHandle {
    start(SimConfig {
        size,
        time_scale,
        anchor: Some(anchor()),
        ..SimConfig::demo()
    })
    .await
    .expect("simulator starts")
}

/// Big time scale so tests never wait on rate limits unless they mean to.
pub async fn sim(size: u64) -> SimHandle {
    sim_with(size, 600.0).await
}

pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

pub async fn send(
    sim: &SimHandle,
    method: &str,
    host: &str,
    path: &str,
    auth: Option<String>,
    body: Option<String>,
) -> Resp {
    let url = format!("{}{}", sim.url(), path);
    let mut rb = client()
        .request(method.parse().unwrap(), url)
        .header("host", host);
    if let Some(a) = auth {
        rb = rb.header("authorization", a);
    }
    if let Some(b) = body {
        rb = rb.header("content-type", "application/json").body(b);
    }
    let r = rb.send().await.expect("request");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let body = r.text().await.unwrap_or_default();
    Resp {
        status,
        headers,
        body,
    }
}

pub fn basic(key: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:X"))
    )
}

pub fn key(sim: &SimHandle, domain: &str, p: Persona) -> String {
    sim.key(domain, p).expect("persona key").to_string()
}

/// GET on Freshdesk with the persona's key.
pub async fn fd(sim: &SimHandle, domain: &str, p: Persona, path: &str) -> Resp {
    send(
        sim,
        "GET",
        domain,
        path,
        Some(basic(&key(sim, domain, p))),
        None,
    )
    .await
}

pub async fn fc(
    sim: &SimHandle,
    domain: &str,
    method: &str,
    path: &str,
    body: Option<String>,
) -> Resp {
    let token = key(sim, domain, Persona::AccountAdmin);
    send(
        sim,
        method,
        domain,
        path,
        Some(format!("Bearer {token}")),
        body,
    )
    .await
}

pub async fn control(
    sim: &SimHandle,
    method: &str,
    path: &str,
    body: Option<serde_json::Value>,
) -> serde_json::Value {
    send(
        sim,
        method,
        "127.0.0.1",
        path,
        None,
        body.map(|b| b.to_string()),
    )
    .await
    .json()
}

/// `POST /_sim/accounts/{domain}/{path}` with a JSON body: (status, answer).
pub async fn post(
    s: &SimHandle,
    domain: &str,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let r = send(
        s,
        "POST",
        "127.0.0.1",
        &format!("/_sim/accounts/{domain}/{path}"),
        None,
        Some(body.to_string()),
    )
    .await;
    (r.status, r.json())
}

/// To the second, as Freshworks writes times.
pub fn rfc3339(t: chrono::DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub mod freshdesk_api;

/// The cheapest authenticated Freshdesk request.
pub const ME: &str = "/api/v2/agents/me";
