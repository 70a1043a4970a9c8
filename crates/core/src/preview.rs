//! The live queue preview's data for the UI (F9 in docs/product.md): the queue report, the contacts behind a count,
//! import progress events and the rule explainer, as types generated for TypeScript.

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::import::{self, cache, progress::Progress, ImportSummary, QueueQuery};
use crate::integrations::Integration;
use crate::store::Store;
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use idesk_rules::QueueReport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The `idesk queues` report, for the preview (same shape as the CLI's JSON).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewReport {
    pub interval_minutes: u32,
    pub time_zone: String,
    pub from: String,
    pub to: String,
    pub coverage: Vec<PreviewRange>,
    pub queues: Vec<PreviewQueue>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewRange {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewQueue {
    pub name: String,
    #[ts(type = "number")]
    pub total: u64,
    /// Intervals with a count; those left out are 0 inside coverage and "no data" outside.
    pub intervals: Vec<PreviewInterval>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewInterval {
    /// RFC 3339 with the zone's offset.
    pub start: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// The preview's queue report of `integration`: [`import::queue_report`] (what a range means:
/// [`QueueQuery`]), with the intervals only of the `selected` queues (all when `None`). Before
/// the first import there is nothing to show: `not_imported`.
///
/// The app's `queue_report` command is a one-line adapter over this: its arguments `from`, `to`
/// (`DATE`s: the app sends RFC 3339 instants), `interval_minutes` and `time_zone` are the fields
/// of [`QueueQuery`].
pub fn queue_report(
    store: &Store,
    integration: &Integration,
    query: &QueueQuery,
    selected: Option<&[String]>,
) -> CoreResult<PreviewReport> {
    // Before the first import there is nothing to show (and no account zone to show it in).
    if cache::run(store.conn(), &integration.id)
        .map_err(|e| store.map_err(e))?
        .is_none()
    {
        return Err(CoreError::new(
            ErrorCode::NotImported,
            "nothing was imported for this integration yet",
        ));
    }
    // The other queues' intervals are not even counted: only their totals are shown.
    let built = import::queue_report(store, integration, query, selected)?;
    Ok(PreviewReport::new(built, selected))
}

/// [`queue_report`] with the range as instants (for tests that hold `DateTime`s).
pub fn report(
    store: &Store,
    integration: &Integration,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    interval_minutes: u32,
    zone: Option<&str>,
    selected: Option<&[String]>,
) -> CoreResult<PreviewReport> {
    let text = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    let query = QueueQuery {
        from: from.map(text),
        to: to.map(text),
        interval_minutes,
        time_zone: zone.map(str::to_owned),
    };
    queue_report(store, integration, &query, selected)
}

impl PreviewReport {
    /// The report for the UI: every queue with its total; the intervals only of the `selected`
    /// queues (all when `None`), since 90 days of 15-minute intervals for hundreds of queues is
    /// far more than the chart and table show.
    pub fn new(report: QueueReport, selected: Option<&[String]>) -> Self {
        let text = |t: DateTime<FixedOffset>| t.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        PreviewReport {
            interval_minutes: report.interval_minutes,
            time_zone: report.time_zone,
            from: text(report.from),
            to: text(report.to),
            coverage: report
                .coverage
                .into_iter()
                .map(|r| PreviewRange {
                    from: text(r.from),
                    to: text(r.to),
                })
                .collect(),
            queues: report
                .queues
                .into_iter()
                .map(|q| {
                    let shown = selected.is_none_or(|names| names.contains(&q.name));
                    PreviewQueue {
                        intervals: if shown {
                            q.intervals
                                .into_iter()
                                .map(|i| PreviewInterval {
                                    start: text(i.start),
                                    count: i.count,
                                })
                                .collect()
                        } else {
                            Vec::new()
                        },
                        name: q.name,
                        total: q.total,
                    }
                })
                .collect(),
        }
    }
}

/// One contact behind a count (drill-down).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ContactRow {
    /// `ticket:<id>`, `conversation:<id>` or `chat:<id>:<time>`.
    pub contact_id: String,
    /// ticket, reply or chat.
    pub kind: String,
    pub queue: String,
    /// UTC, RFC 3339.
    pub at: String,
}

/// At most this many contacts are returned for one drill-down.
pub const MAX_DRILL_DOWN: usize = 500;

/// The contacts of `queue` with `from <= at < to`, oldest first.
pub fn contacts(
    store: &Store,
    integration_id: &str,
    queue: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<Vec<ContactRow>> {
    let mut rows: Vec<ContactRow> = cache::contacts_between(
        store.conn(),
        integration_id,
        from.timestamp(),
        to.timestamp(),
    )
    .map_err(|e| store.map_err(e))?
    .into_iter()
    .filter(|c| c.queue == queue)
    .map(|c| ContactRow {
        contact_id: c.contact_id,
        kind: c.kind.as_str().to_string(),
        queue: c.queue,
        at: cache::utc(c.at).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })
    .collect();
    rows.sort_by(|a, b| {
        a.at.cmp(&b.at)
            .then_with(|| a.contact_id.cmp(&b.contact_id))
    });
    rows.truncate(MAX_DRILL_DOWN);
    Ok(rows)
}

/// A rule the engine applies where the source documents are silent (the rule explainer).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RuleDecision {
    pub id: String,
    pub rule: String,
    pub reason: String,
    pub implemented_by: String,
}

pub fn decisions() -> Vec<RuleDecision> {
    idesk_rules::DECISIONS
        .iter()
        .map(|d| RuleDecision {
            id: d.id.into(),
            rule: d.rule.into(),
            reason: d.reason.into(),
            implemented_by: d.implemented_by.into(),
        })
        .collect()
}

/// What a running import tells the UI.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "event", rename_all = "camelCase")]
#[ts(export)]
pub enum ImportEvent {
    #[serde(rename_all = "camelCase")]
    Progress {
        /// catalog, tickets (default|spam|deleted), conversations, chat reports, done.
        phase: String,
        #[ts(type = "number")]
        done: u64,
        #[ts(type = "number | null")]
        total: Option<u64>,
        #[ts(type = "number | null")]
        eta_seconds: Option<u64>,
    },
    #[serde(rename_all = "camelCase")]
    Finished {
        #[ts(type = "number")]
        records: u64,
        #[ts(type = "number")]
        new_contacts: u64,
        warnings: Vec<String>,
    },
    Failed {
        error: CoreError,
    },
    Cancelled,
}

impl From<&Progress> for ImportEvent {
    fn from(p: &Progress) -> Self {
        ImportEvent::Progress {
            phase: p.phase.to_string(),
            done: p.done,
            total: p.total,
            eta_seconds: p.eta.map(|d| d.as_secs()),
        }
    }
}

impl From<&ImportSummary> for ImportEvent {
    fn from(s: &ImportSummary) -> Self {
        ImportEvent::Finished {
            records: s.records,
            new_contacts: s.new_contacts,
            warnings: s.warnings.clone(),
        }
    }
}
