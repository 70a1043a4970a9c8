//! Integration status (issue 12): what each integration is doing, since when, and why, computed
//! from what the store knows, so that the app's dashboard and `idesk status` agree and a restart
//! changes nothing.
//!
//! - [`health`], [`health_of`]: the status of every integration, or of one.
//! - [`record_run`]: every import and sync reports its end here (from `import::run`), and
//!   [`record_failure`] a sync loop that could not start or run.
//! - [`RateMeter`]: fed by the pacer with every response's rate-limit headers.
//! - [`rate_history`], [`transitions`]: the dashboard's chart and "last changes".
//!
//! The rules are in [`rules`]; "data late" in [`freshness`].

mod facts;
pub mod freshness;
mod model;
mod rate;
mod reasons;
pub mod rules;
#[cfg(test)]
mod rules_tests;
mod store;
#[cfg(test)]
mod store_tests;

pub use model::{IntegrationHealth, Note, RateLimit, RateMinute, Reason, ReasonCode, State};
pub use rate::{MinuteSample, RateMeter};
pub use reasons::reason;

use crate::error::{CoreError, CoreResult};
use crate::integrations::Integration;
use crate::Store;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Which run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The initial import (`idesk import`, the Data page's import).
    Import,
    /// A continuous-stage sync.
    Sync,
}

/// The status of every integration, in the order of the integrations list.
pub fn health(store: &Store) -> CoreResult<Vec<IntegrationHealth>> {
    store
        .list_integrations()?
        .iter()
        .map(|i| health_of(store, i))
        .collect()
}

/// The status of one integration, now. Records a transition when the state or its reason
/// changed, so that `since` survives restarts.
pub fn health_of(store: &Store, integration: &Integration) -> CoreResult<IntegrationHealth> {
    health_at(store, integration, Utc::now())
}

pub(crate) fn health_at(
    store: &Store,
    integration: &Integration,
    now: DateTime<Utc>,
) -> CoreResult<IntegrationHealth> {
    Ok(evaluate_at(store, integration, now)?.0)
}

/// What the app's dashboard card shows: the status as `idesk status` prints it, plus the last
/// hour's credits and the running import's share (0 to 1) for its progress bar.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StatusCard {
    #[serde(flatten)]
    #[ts(flatten)]
    pub health: IntegrationHealth,
    pub credits_last_hour: Vec<RateMinute>,
    pub import_progress: Option<f64>,
}

/// The dashboard card of one integration (records a transition like [`health_of`]).
pub fn card_of(store: &Store, integration: &Integration) -> CoreResult<StatusCard> {
    let (health, import_progress) = evaluate_at(store, integration, Utc::now())?;
    Ok(StatusCard {
        credits_last_hour: rate_history(store, &integration.id)?,
        import_progress,
        health,
    })
}

/// Every integration's dashboard card, as `{"integrations": [...]}` like `idesk status`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StatusReport {
    pub integrations: Vec<StatusCard>,
}

/// The dashboard cards of every integration, in the order of the integrations list.
pub fn cards(store: &Store) -> CoreResult<StatusReport> {
    let integrations = store
        .list_integrations()?
        .iter()
        .map(|i| card_of(store, i))
        .collect::<CoreResult<_>>()?;
    Ok(StatusReport { integrations })
}

/// The status now, and the running import's share of its window when one runs.
fn evaluate_at(
    store: &Store,
    integration: &Integration,
    now: DateTime<Utc>,
) -> CoreResult<(IntegrationHealth, Option<f64>)> {
    let gathered = facts::gather(store, integration, now.timestamp())?;
    let verdict = rules::evaluate(&gathered.facts);
    let since = facts::since(store, &integration.id, &verdict, now.timestamp())?;
    let rfc = |at: i64| {
        DateTime::from_timestamp(at, 0).map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
    };
    let health = IntegrationHealth {
        id: integration.id.clone(),
        name: integration.name.clone(),
        product: integration.product,
        state: verdict.state,
        reason: verdict
            .reason
            .map(|(code, detail)| reason(code, detail.as_deref())),
        since: rfc(since),
        last_check: Some(integration.checked_at.clone()),
        last_sync: gathered.facts.runs.last_success.and_then(rfc),
        last_data: gathered.facts.newest_contact.and_then(rfc),
        contacts_today: gathered.contacts_today,
        rate_limit: gathered.facts.rate.and_then(|r| {
            Some(RateLimit {
                remaining: r.remaining,
                total: r.total,
                at: rfc(r.at)?,
            })
        }),
        notes: verdict.notes,
    };
    let progress = match health.state {
        State::Importing => gathered
            .facts
            .import
            .and_then(|i| i.progress)
            .map(|(share, _)| share.clamp(0.0, 1.0)),
        _ => None,
    };
    Ok((health, progress))
}

/// Records the end of a run: success (with the contacts it added) or its error. Called by every
/// import and sync; a failure to record is logged, never fails the run.
pub fn record_run(
    store: &Store,
    integration_id: &str,
    stage: Stage,
    outcome: Result<u64, &CoreError>,
) {
    let at = Utc::now().timestamp();
    let (failure, added) = match outcome {
        Ok(added) => (None, Some(added)),
        Err(e) => (Some((e.code.as_str(), e.message.as_str())), None),
    };
    if let Err(e) = store::insert_run(
        store.conn(),
        integration_id,
        stage == Stage::Import,
        at,
        failure,
        added,
    ) {
        tracing::warn!(integration = %integration_id, "the run's outcome was not recorded: {e}");
    }
}

/// Records that a sync could not run (its loop could not start, or its inputs could not be
/// read: the key missing from the keychain, ...), as a failed sync.
pub fn record_failure(store: &Store, integration_id: &str, error: &CoreError) {
    record_run(store, integration_id, Stage::Sync, Err(error));
}

/// Stores the rate-limit minutes a run saw. Logged, never fails the run.
pub fn record_rate(store: &Store, integration_id: &str, meter: &RateMeter) {
    if let Err(e) = store::insert_rate_minutes(store.conn(), integration_id, meter.samples()) {
        tracing::warn!(integration = %integration_id, "rate-limit samples were not recorded: {e}");
    }
}

/// Credits per minute over the last hour, ours and the other apps', oldest first (minutes
/// without a response are absent).
pub fn rate_history(store: &Store, integration_id: &str) -> CoreResult<Vec<RateMinute>> {
    let from = Utc::now().timestamp().div_euclid(60) - 60;
    let minutes =
        store::rate_minutes(store.conn(), integration_id, from).map_err(|e| store.map_err(e))?;
    Ok(minutes
        .into_iter()
        .map(|m| RateMinute {
            at: DateTime::from_timestamp(m.minute * 60, 0)
                .unwrap_or_default()
                .to_rfc3339_opts(SecondsFormat::Secs, true),
            ours: m.ours,
            others: m.used.saturating_sub(m.ours),
            total: m.total,
        })
        .collect())
}

/// One recorded state change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthTransition")]
pub struct Transition {
    pub state: State,
    pub reason: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// The last `limit` state changes of an integration, newest first.
pub fn transitions(store: &Store, integration_id: &str, limit: u32) -> CoreResult<Vec<Transition>> {
    let rows =
        store::transitions(store.conn(), integration_id, limit).map_err(|e| store.map_err(e))?;
    Ok(rows
        .into_iter()
        .filter_map(|(state, reason, at)| {
            Some(Transition {
                state: State::parse(&state)?,
                reason,
                at: DateTime::from_timestamp(at, 0)?.to_rfc3339_opts(SecondsFormat::Secs, true),
            })
        })
        .collect())
}
