//! Diagnose "operational but no data" (F12 in docs/product.md): every link of the chain from the help desk
//! to the WFM system checked live, in the order of docs/cli.md, each with an outcome, a stable code, an
//! English message and fix (the UI translates by code: `diagnose.codes.<code>`), and evidence:
//! facts only (counts, times, names), never a secret or ticket content. The verdict is the first
//! failed link.
//!
//! The app's Tauri command is an adapter over [`diagnose`]; [`report_markdown`] makes the
//! redacted report of *Copy report* / *Save report…* and `idesk diagnose --report`.

mod account;
mod activity;
mod api;
mod chat_activity;
#[cfg(test)]
mod codes_test;
mod drift;
mod injixo;
mod report;
mod sync;
mod zone;

pub use report::{report_markdown, save_report};
pub use sync::{sync_record, SyncRecord};

use crate::error::CoreResult;
use crate::freshworks::FreshworksClient;
use crate::integrations::Product;
use crate::keychain::{self, SecretKind};
use crate::store::Store;
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

/// The links, in the order they are checked and shown (a contract: docs/cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LinkId {
    Credentials,
    Role,
    Plan,
    Api,
    Sync,
    SourceActivity,
    QueueDrift,
    TimeZone,
    InjixoKey,
}

/// Every link, in order.
pub const LINK_ORDER: [LinkId; 9] = [
    LinkId::Credentials,
    LinkId::Role,
    LinkId::Plan,
    LinkId::Api,
    LinkId::Sync,
    LinkId::SourceActivity,
    LinkId::QueueDrift,
    LinkId::TimeZone,
    LinkId::InjixoKey,
];

impl LinkId {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkId::Credentials => "credentials",
            LinkId::Role => "role",
            LinkId::Plan => "plan",
            LinkId::Api => "api",
            LinkId::Sync => "sync",
            LinkId::SourceActivity => "source_activity",
            LinkId::QueueDrift => "queue_drift",
            LinkId::TimeZone => "time_zone",
            LinkId::InjixoKey => "injixo_key",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LinkOutcome {
    Passed,
    Failed,
    Warning,
    /// Not checked: an earlier link it depends on failed, or it does not apply.
    Skipped,
}

impl LinkOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkOutcome::Passed => "passed",
            LinkOutcome::Failed => "failed",
            LinkOutcome::Warning => "warning",
            LinkOutcome::Skipped => "skipped",
        }
    }
}

/// One link's result. `fix` is `None` when it passed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "DiagnoseLink")]
pub struct LinkResult {
    pub link: LinkId,
    pub outcome: LinkOutcome,
    pub code: String,
    pub message: String,
    pub fix: Option<String>,
    /// Facts behind the outcome; the values also fill the translated message's placeholders.
    #[ts(type = "Record<string, unknown>")]
    pub evidence: Map<String, Value>,
}

impl LinkResult {
    fn new(link: LinkId, outcome: LinkOutcome, code: &str, message: impl Into<String>) -> Self {
        LinkResult {
            link,
            outcome,
            code: code.to_string(),
            message: message.into(),
            fix: None,
            evidence: Map::new(),
        }
    }
    pub(crate) fn passed(link: LinkId, code: &str, message: impl Into<String>) -> Self {
        Self::new(link, LinkOutcome::Passed, code, message)
    }
    pub(crate) fn failed(
        link: LinkId,
        code: &str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(link, LinkOutcome::Failed, code, message).with_fix(fix)
    }
    pub(crate) fn warning(
        link: LinkId,
        code: &str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(link, LinkOutcome::Warning, code, message).with_fix(fix)
    }
    pub(crate) fn skipped(link: LinkId, code: &str, message: impl Into<String>) -> Self {
        Self::new(link, LinkOutcome::Skipped, code, message)
    }
    /// Skipped because an earlier link it needs failed.
    pub(crate) fn not_checked(link: LinkId) -> Self {
        Self::skipped(
            link,
            "not_checked",
            "not checked: the help desk's API cannot be used until the links above are fixed",
        )
    }
    fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
    pub(crate) fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.evidence.insert(key.to_string(), value.into());
        self
    }
    pub fn failed_link(&self) -> bool {
        self.outcome == LinkOutcome::Failed
    }
}

/// The first failed link, with its fix.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "DiagnoseVerdict")]
pub struct Verdict {
    pub link: LinkId,
    pub code: String,
    pub message: String,
    pub fix: Option<String>,
}

/// A whole diagnosis, serialized as exactly docs/cli.md's JSON.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Diagnosis {
    /// The integration's name.
    pub integration: String,
    /// When the diagnosis ran, RFC 3339 UTC.
    pub at: String,
    pub verdict: Option<Verdict>,
    pub links: Vec<LinkResult>,
    /// For the report (not part of the JSON contract).
    #[serde(skip)]
    #[ts(skip)]
    pub product: Product,
    #[serde(skip)]
    #[ts(skip)]
    pub domain: String,
}

impl Diagnosis {
    /// The first failed link.
    pub fn verdict_of(links: &[LinkResult]) -> Option<Verdict> {
        links.iter().find(|l| l.failed_link()).map(|l| Verdict {
            link: l.link,
            code: l.code.clone(),
            message: l.message.clone(),
            fix: l.fix.clone(),
        })
    }
}

/// A diagnosis and its redacted Markdown report, as the app shows them.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DiagnosisRun {
    pub diagnosis: Diagnosis,
    pub report: String,
}

/// [`diagnose`] with its report.
pub async fn run(
    store: &Store,
    client: &FreshworksClient,
    integration_id: &str,
) -> CoreResult<DiagnosisRun> {
    let diagnosis = diagnose(store, client, integration_id).await?;
    let report = report_markdown(&diagnosis, crate::VERSION);
    Ok(DiagnosisRun { diagnosis, report })
}

/// Checks every link of one integration (by id) live. Reads the store and the keychain;
/// writes nothing. Costs at most 6 Freshdesk API credits (the connection checks' 3, the groups,
/// one ticket-list page, the account).
pub async fn diagnose(
    store: &Store,
    client: &FreshworksClient,
    integration_id: &str,
) -> CoreResult<Diagnosis> {
    let integration = store.find_integration(integration_id)?;
    let at = crate::integrations::service::now();
    let mut links = Vec::with_capacity(9);

    let api_usable = match keychain::load(&integration.id, SecretKind::ApiKey) {
        Ok(key) => {
            let checks = crate::integrations::service::run_checks(
                client,
                integration.product,
                &integration.domain,
                &key,
            )
            .await;
            let (account_links, usable) = account::links(integration.product, &checks);
            links.extend(account_links);
            usable.then_some(key)
        }
        Err(e) => {
            links.push(account::key_unavailable(&e));
            links.push(LinkResult::not_checked(LinkId::Role));
            links.push(LinkResult::not_checked(LinkId::Plan));
            None
        }
    };

    let live = match &api_usable {
        Some(key) => Some(
            api::probe(
                client,
                &integration,
                key,
                account::calls_made(integration.product),
            )
            .await,
        ),
        None => None,
    };
    links.push(match &live {
        Some(probe) => probe.link.clone(),
        None => LinkResult::not_checked(LinkId::Api),
    });

    let record = sync_record(store, &integration.id)?;
    links.push(sync::link(&record));

    let key = api_usable.as_ref();
    links.push(activity::link(store, client, &integration, key, &record).await?);
    links.push(drift::link(
        store,
        &integration,
        live.as_ref().and_then(|p| p.groups.as_deref()),
        &record,
    )?);
    links.push(zone::link(store, client, &integration, key).await?);
    links.push(injixo::link(&integration));

    tracing::info!(integration = %integration.id, failed = links.iter().filter(|l| l.failed_link()).count(), "diagnosis");
    Ok(Diagnosis {
        integration: integration.name.clone(),
        at,
        verdict: Diagnosis::verdict_of(&links),
        links,
        product: integration.product,
        domain: integration.domain.clone(),
    })
}
