//! The importer (issue 6): fills the local cache from Freshdesk and Freshchat, names contacts
//! with `idesk-rules`, and answers the queue report from the cache.
//!
//! - [`run_import`]: the initial import (backfill) of one integration; resumes a killed run from
//!   its bookmarks ([`cache`]), so a run killed at any moment and started again ends with the
//!   counts of an uninterrupted one.
//! - [`queue_report`]: the queue report of `idesk queues` and the app's preview, from the cache
//!   (what a range means: [`QueueQuery`]).
//! - [`dates`]: the CLI's `DATE` and the default windows.
//! - [`cache`]: the cache tables, one module per table group.

mod block_report;
pub mod cache;
pub mod continuous;
pub mod dates;
mod freshchat;
#[doc(hidden)]
pub mod freshdesk;
pub mod progress;
mod queue_query;
pub mod queues;
#[doc(hidden)]
pub mod report_file;
#[cfg(test)]
pub(crate) mod test_server;

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::pacer::{self, Pacer, PacerStats};
use crate::freshworks::resilient::Fetcher;
use crate::freshworks::Auth;
use crate::freshworks::FreshworksClient;
use crate::integrations::{Integration, Product};
use crate::secret::Secret;
use crate::status;
use crate::store::Store;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
pub use progress::{Phase, Progress};
pub use queue_query::{queue_report, CheckedQuery, QueueQuery, ReportWindow, DEFAULT_DAYS};

/// Default backfill window.
pub const DEFAULT_WINDOW_DAYS: i64 = 90;
/// Freshdesk archives closed tickets inactive for about this long; they leave the ticket list.
pub const FRESHDESK_ARCHIVE_DAYS: i64 = 120;
/// A sync lists from where the last run started, this much earlier: server and computer clocks
/// may differ, and re-listing a ticket that did not change costs nothing but its page.
pub const SYNC_OVERLAP_SECS: i64 = 600;
/// Budget assumed before Freshdesk's first rate-limit headers arrive: the smallest plan's (trial).
pub(crate) const FRESHDESK_ASSUMED_BUDGET: u32 = 50;

/// What to import from.
#[derive(Debug, Clone)]
pub struct ImportTarget {
    pub integration_id: String,
    pub product: Product,
    /// The full API host, e.g. `acme.freshdesk.com`.
    pub domain: String,
}

impl Integration {
    /// What an import or sync of this integration reads from.
    pub fn import_target(&self) -> ImportTarget {
        ImportTarget {
            integration_id: self.id.clone(),
            product: self.product,
            domain: self.domain.clone(),
        }
    }
}

/// The backfill window's start as the user gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceArg {
    /// Not given: resume a run in progress, else [`DEFAULT_WINDOW_DAYS`] before now.
    Default,
    /// A day: midnight in the account's zone (Freshdesk) or the computer's (Freshchat).
    Date(chrono::NaiveDate),
    Instant(DateTime<Utc>),
}

/// What a finished run did.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// Whether this run continued one that was interrupted.
    pub resumed: bool,
    /// Ticket listings read (a ticket on two restarted pages counts twice) or report rows.
    pub records: u64,
    /// Contacts added to the cache by this run (known identities are not counted again).
    pub new_contacts: u64,
    /// Tickets whose conversations answered 403/404 (queued for deletion or purged).
    pub skipped_tickets: u64,
    /// Calls, credits and 429s of this run.
    pub api: PacerStats,
    pub warnings: Vec<String>,
}

/// The state one run carries through its phases.
pub(crate) struct Ctx<'a> {
    pub store: &'a mut Store,
    pub iid: String,
    pub fetcher: Fetcher,
    pub progress: &'a mut (dyn FnMut(&Progress) + Send),
    pub summary: ImportSummary,
}

impl Ctx<'_> {
    pub fn db<T>(&self, r: rusqlite::Result<T>) -> CoreResult<T> {
        r.map_err(|e| self.store.map_err(e))
    }

    /// Runs `f` in one transaction: the data and the bookmark that records it commit together.
    pub fn tx<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> CoreResult<T> {
        let result = (|| {
            // IMMEDIATE: takes the write lock first, waiting (busy timeout) while another run
            // writes. A deferred transaction that reads first (the conversations' commit reads
            // the stored ticket) cannot wait for the lock once it holds a read snapshot: SQLite
            // answers SQLITE_BUSY at once, and every Freshdesk import failed with "database is
            // locked" when several integrations ran together (issue 17, tests/twenty.rs).
            let tx = self
                .store
                .conn_mut()
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        result.map_err(|e| self.store.map_err(e))
    }

    pub fn report(&mut self, progress: Progress) {
        (self.progress)(&progress);
    }

    /// Marks the run complete (in the store) and reports the end.
    pub fn complete(&mut self, run: &cache::Run) -> CoreResult<()> {
        let iid = self.iid.clone();
        self.tx(|tx| cache::complete_run(tx, &iid, run))?;
        self.report(Progress {
            phase: Phase::Done,
            done: self.summary.records,
            total: None,
            eta: None,
        });
        Ok(())
    }
}

/// Imports (or resumes importing) one integration's backfill window into the cache.
///
/// A run in progress is resumed as it was unless `since` names another window; a completed run is
/// followed by a new one. Nothing is lost or doubled by stopping at any point: every page, ticket
/// or report day is committed together with its bookmark.
pub async fn run_import(
    store: &mut Store,
    target: &ImportTarget,
    secret: Secret,
    client: FreshworksClient,
    since: SinceArg,
    progress: &mut (dyn FnMut(&Progress) + Send),
) -> CoreResult<ImportSummary> {
    run(
        store,
        target,
        secret,
        client,
        Mode::Initial(since),
        progress,
    )
    .await
}

/// One continuous-stage sync: everything changed since the last run (or the rest of an
/// interrupted run). Contacts already imported keep their names; new ones are named from the
/// state they are first seen in.
pub async fn run_sync(
    store: &mut Store,
    target: &ImportTarget,
    secret: Secret,
    client: FreshworksClient,
    progress: &mut (dyn FnMut(&Progress) + Send),
) -> CoreResult<ImportSummary> {
    run(store, target, secret, client, Mode::Sync, progress).await
}

async fn run(
    store: &mut Store,
    target: &ImportTarget,
    secret: Secret,
    client: FreshworksClient,
    mode: Mode,
    progress: &mut (dyn FnMut(&Progress) + Send),
) -> CoreResult<ImportSummary> {
    let minute = pacer::minute_from_env();
    let (auth, budget) = match target.product {
        Product::Freshdesk => (Auth::FreshdeskKey(secret), Some(FRESHDESK_ASSUMED_BUDGET)),
        Product::Freshchat => (Auth::Bearer(secret), None),
    };
    let fetcher = Fetcher::new(client, &target.domain, auth, Pacer::new(minute, budget));
    let mut ctx = Ctx {
        store,
        iid: target.integration_id.clone(),
        fetcher,
        progress,
        summary: ImportSummary::default(),
    };
    let outcome = match target.product {
        Product::Freshdesk => freshdesk::import(&mut ctx, mode).await,
        Product::Freshchat => freshchat::import(&mut ctx, mode).await,
    };
    ctx.summary.api = ctx.fetcher.with_pacer(|p| p.stats);
    // The integration's status reads how every run ended and the rate-limit headers it saw.
    let stage = match mode {
        Mode::Initial(_) => status::Stage::Import,
        Mode::Sync => status::Stage::Sync,
    };
    ctx.fetcher
        .with_pacer(|p| status::record_rate(&*ctx.store, &ctx.iid, &p.rate));
    let new_contacts = ctx.summary.new_contacts;
    status::record_run(
        &*ctx.store,
        &ctx.iid,
        stage,
        outcome.as_ref().map(|_| new_contacts),
    );
    outcome?;
    Ok(ctx.summary)
}

/// Which stage a run belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The initial import (backfill) from this start.
    Initial(SinceArg),
    /// The continuous stage: from where the last run ended.
    Sync,
}

/// What a run does: continue the interrupted one, or start a new window from here.
pub(crate) enum RunPlan {
    Resume(cache::Run),
    Start(SinceArg),
}

/// Decides the run. An interrupted run is resumed as it was, unless an initial import names
/// another window; a sync starts where the last completed run ended, minus [`SYNC_OVERLAP_SECS`].
/// `resolve` turns the user's `since` into an instant.
pub(crate) fn plan_run(
    ctx: &mut Ctx<'_>,
    mode: Mode,
    resolve: impl FnOnce(SinceArg) -> CoreResult<DateTime<Utc>>,
) -> CoreResult<RunPlan> {
    let existing = ctx.db(cache::run(ctx.store.conn(), &ctx.iid))?;
    match mode {
        Mode::Initial(since) => match existing.filter(|r| !r.completed) {
            Some(run) if since == SinceArg::Default || resolve(since)?.timestamp() == run.since => {
                Ok(RunPlan::Resume(run))
            }
            _ => Ok(RunPlan::Start(since)),
        },
        Mode::Sync => match existing {
            None => Err(CoreError::new(
                ErrorCode::NotImported,
                "nothing was imported for this integration yet: run `idesk import` first",
            )),
            Some(run) if !run.completed => Ok(RunPlan::Resume(run)),
            Some(run) => Ok(RunPlan::Start(SinceArg::Instant(cache::utc(
                run.until - SYNC_OVERLAP_SECS,
            )))),
        },
    }
}

pub(crate) fn default_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - ChronoDuration::days(DEFAULT_WINDOW_DAYS)
}

pub(crate) fn unexpected(what: &str, detail: impl std::fmt::Display) -> CoreError {
    CoreError::new(
        ErrorCode::ImportUnexpectedResponse,
        format!("{what}: {detail}"),
    )
}

/// The error for a 403 on a call the run needs.
pub(crate) fn access_denied(host: &str, what: &str, body: &serde_json::Value) -> CoreError {
    let code = body
        .get("code")
        .or_else(|| body.get("status"))
        .and_then(|c| c.as_str())
        .unwrap_or("access_denied");
    let reason = match code {
        "account_suspended" => "the account is suspended",
        "require_feature" => "the plan does not include this (plan changed?)",
        _ => "the key's agent lost the role or scope the import needs",
    };
    CoreError::new(
        ErrorCode::ImportAccessDenied,
        format!("{host} refused {what} (403 {code}): {reason}. Fix it and run the import again; it continues where it stopped."),
    )
}

/// Every contact imported for an integration (drill-down, tests).
pub fn contacts(store: &Store, integration_id: &str) -> CoreResult<Vec<cache::StoredContact>> {
    cache::contacts_between(store.conn(), integration_id, i64::MIN, i64::MAX)
        .map_err(|e| store.map_err(e))
}
