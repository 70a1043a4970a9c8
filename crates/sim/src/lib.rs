//! Freshworks simulator (issue 4): Freshdesk API v2 and Freshchat API v2 for the demo account,
//! integration tests and benchmarks. No Tauri.
//!
//! Start it in-process with [`start`] or from the command line with `idesk sim` ([`cli::serve`]).
//! Requests pick their account by `Host` (`<sub>.freshdesk.com`, `<sub>.freshchat.com`); the
//! control API lives under `/_sim/` on any host (`control/`; every route is documented in the
//! crate's README.md).

// Handlers return ready-made error responses as their `Err`; boxing them buys nothing here.
#![allow(clippy::result_large_err)]

mod accounts;
mod activity;
mod chats;
pub mod cli;
mod control;
mod counters;
pub mod faults;
mod freshchat;
mod freshdesk;
mod groups;
mod http;
pub mod model;
mod ratelimit;
mod rng;
mod server;
mod store;
mod ticket;
mod timeline;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;

pub use accounts::{AccountInfo, AccountSpec};
pub use faults::{FaultKind, FaultRule};
pub use model::{Persona, Plan, Product};

/// Largest ticket (or chat) count of one account.
pub const MAX_SIZE: u64 = 1_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("port {0} is already in use")]
    PortInUse(u16),
    #[error("could not listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("invalid simulator settings: {0}")]
    InvalidConfig(String),
    #[error("the simulator failed: {0}")]
    Io(#[from] std::io::Error),
}

impl SimError {
    /// Stable error code printed by the CLI as `error[<code>]`.
    pub fn code(&self) -> &'static str {
        match self {
            SimError::PortInUse(_) => "port_in_use",
            SimError::Bind { .. } => "bind_failed",
            SimError::InvalidConfig(_) => "invalid_sim_config",
            SimError::Io(_) => "sim_io",
        }
    }
}

/// Settings of one simulator instance.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// 0 = any free port on 127.0.0.1.
    pub port: u16,
    pub seed: u64,
    /// Tickets (chats) of each product's main Enterprise account.
    pub size: u64,
    /// A simulated minute lasts 60 / `time_scale` real seconds (rate limits, report links).
    pub time_scale: f64,
    /// The instant history ends at; data is a function of (seed, accounts, anchor).
    /// Default: now, to the second.
    pub anchor: Option<DateTime<Utc>>,
    /// Subdomain prefix of the default accounts (`acme` → `acme.freshdesk.com`, `acme-pro...`).
    pub prefix: String,
    /// Replaces the default account set.
    pub accounts: Option<Vec<AccountSpec>>,
    /// Keep creating tickets, replies and resolutions on the Enterprise accounts.
    pub activity: bool,
    /// The last Freshdesk ticket-list page served (Freshdesk: 300); the next answers 400.
    /// Lower it to meet the limit with a small account.
    pub max_ticket_page: u64,
}

impl SimConfig {
    /// Small and quick to start: the app's demo account.
    pub fn demo() -> SimConfig {
        SimConfig {
            port: 0,
            seed: 42,
            size: 2_000,
            time_scale: 1.0,
            anchor: None,
            prefix: "acme".to_string(),
            accounts: None,
            activity: false,
            max_ticket_page: freshdesk::MAX_TICKET_PAGE,
        }
    }
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig::demo()
    }
}

/// The first stdout line of `idesk sim`, and what [`SimHandle::banner`] returns.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Banner {
    pub url: String,
    pub accounts: Vec<AccountInfo>,
}

/// A running simulator. Dropping it stops the server.
pub struct SimHandle {
    url: String,
    banner: Banner,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    activity: Option<tokio::task::JoinHandle<()>>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn accounts(&self) -> &[AccountInfo] {
        &self.banner.accounts
    }

    pub fn banner(&self) -> &Banner {
        &self.banner
    }

    /// The account with this full host name.
    pub fn account(&self, domain: &str) -> Option<&AccountInfo> {
        self.banner.accounts.iter().find(|a| a.domain == domain)
    }

    /// The key of `persona` on account `domain`.
    pub fn key(&self, domain: &str, persona: Persona) -> Option<&str> {
        self.account(domain)?
            .keys
            .get(persona.name())
            .map(String::as_str)
    }

    /// Stops accepting connections and waits (up to 5 s) for open requests.
    pub async fn shutdown(mut self) {
        if let Some(a) = self.activity.take() {
            a.abort();
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(a) = self.activity.take() {
            a.abort();
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

fn validate(config: &SimConfig) -> Result<(), SimError> {
    if !(config.time_scale.is_finite() && config.time_scale > 0.0) {
        return Err(SimError::InvalidConfig(
            "time scale must be a positive number".into(),
        ));
    }
    let sizes = config
        .accounts
        .as_ref()
        .map_or(vec![config.size], |a| a.iter().map(|s| s.size).collect());
    if config.max_ticket_page == 0 {
        return Err(SimError::InvalidConfig(
            "the maximum ticket page must be at least 1".into(),
        ));
    }
    if sizes.iter().any(|s| *s == 0 || *s > MAX_SIZE) {
        return Err(SimError::InvalidConfig(format!(
            "sizes must be between 1 and {MAX_SIZE}"
        )));
    }
    Ok(())
}

/// Binds 127.0.0.1, generates the accounts' indexes and serves in the background.
pub async fn start(config: SimConfig) -> Result<SimHandle, SimError> {
    validate(&config)?;
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            return Err(SimError::PortInUse(config.port))
        }
        Err(e) => {
            return Err(SimError::Bind {
                port: config.port,
                source: e,
            })
        }
    };
    let addr = listener.local_addr()?;
    let url = format!("http://127.0.0.1:{}", addr.port());
    let anchor = config.anchor.unwrap_or_else(Utc::now).timestamp();
    let specs = config
        .accounts
        .clone()
        .unwrap_or_else(|| accounts::default_specs(&config.prefix, config.size));
    let seed = config.seed;
    let max_ticket_page = config.max_ticket_page;
    let built = tokio::task::spawn_blocking(move || {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, spec)| {
                let mut account = accounts::Account::build(spec, i as u64 + 1, seed, anchor);
                account.max_ticket_page = max_ticket_page;
                account
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| SimError::Io(std::io::Error::other(e.to_string())))?;
    let app = Arc::new(server::App::new(
        built,
        config.time_scale,
        url.clone(),
        seed,
        anchor,
    ));
    let banner = Banner {
        url: url.clone(),
        accounts: app.accounts.iter().map(|a| a.info()).collect(),
    };
    let activity = config.activity.then(|| activity::spawn(app.clone()));
    let router = axum::Router::new().fallback(server::handle).with_state(app);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let serve = axum::serve(listener, router).with_graceful_shutdown(async {
            let _ = rx.await;
        });
        if let Err(e) = serve.await {
            tracing::error!("simulator stopped: {e}");
        }
    });
    Ok(SimHandle {
        url,
        banner,
        shutdown: Some(tx),
        task: Some(task),
        activity,
    })
}
