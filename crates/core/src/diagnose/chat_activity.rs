//! `source_activity` for Freshchat: one small `Conversation-Resolved` raw report for the time since
//! the cache's newest resolution (at most the last day): resolutions in it that are older than a
//! sync period are ones the sync should have brought.

use super::activity::{judge_changes, Changes};
use super::sync::SyncRecord;
use super::{LinkId, LinkResult};
use crate::error::CoreResult;
use crate::freshworks::pacer::minute_from_env;
use crate::freshworks::{Auth, FreshworksClient};
use crate::import::report_file::{read_report, ReportLimits};
use crate::integrations::Integration;
use crate::secret::Secret;
use crate::store::Store;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

/// The report covers at most this much (the link is a quick look, not a re-import).
const MAX_WINDOW_HOURS: i64 = 24;
const MAX_POLLS: u32 = 20;

pub(super) async fn link(
    store: &Store,
    client: &FreshworksClient,
    integration: &Integration,
    token: &Secret,
    record: &SyncRecord,
) -> CoreResult<LinkResult> {
    let c = LinkId::SourceActivity;
    let newest: Option<i64> = store
        .conn()
        .query_row(
            "SELECT MAX(resolved_ms) FROM import_chat_resolutions WHERE integration_id = ?1",
            [&integration.id],
            |r| r.get(0),
        )
        .map_err(|e| store.map_err(e))?;
    let now = Utc::now();
    let floor = now - chrono::Duration::hours(MAX_WINDOW_HOURS);
    let since = newest
        .and_then(|ms| DateTime::from_timestamp_millis(ms + 1))
        .or(record.last_completed_at)
        .map_or(floor, |t| t.max(floor));
    let rows = match resolved_between(client, integration, token, since, now).await {
        Ok(rows) => rows,
        Err(why) => {
            return Ok(LinkResult::skipped(
                c,
                "not_checked_api",
                format!("the report could not be made now ({why})"),
            ))
        }
    };
    let cut = newest.unwrap_or(i64::MIN);
    let changed: Vec<DateTime<Utc>> = rows
        .into_iter()
        .filter(|t| t.timestamp_millis() > cut)
        .collect();
    let grace = record.settings.period() + minute_from_env();
    Ok(judge_changes(
        since,
        &changed,
        false,
        grace,
        now,
        Changes::Chats,
    ))
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The resolution times of a `Conversation-Resolved` report for `[from, to)`.
async fn resolved_between(
    client: &FreshworksClient,
    integration: &Integration,
    token: &Secret,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, String> {
    let host = integration.domain.as_str();
    let auth = &Auth::Bearer(token.clone());
    let body = json!({"start": stamp(from), "end": stamp(to), "event": "Conversation-Resolved", "format": "csv"});
    let created = client
        .post_json(host, "/v2/reports/raw", auth, &body)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let job = created
        .json()
        .filter(|_| (200..300).contains(&created.status))
        .ok_or(format!("HTTP {}", created.status))?;
    let id = job["id"].as_str().ok_or("no job id")?.to_string();
    let delay = minute_from_env() / 240;
    for _ in 0..MAX_POLLS {
        tokio::time::sleep(delay).await;
        let polled = client
            .get(host, &format!("/v2/reports/raw/{id}"), auth)
            .await
            .map_err(|e| format!("{e:?}"))?;
        let status = polled.json().unwrap_or(Value::Null);
        match status["status"].as_str().unwrap_or_default() {
            "COMPLETED" => {
                let link = status["links"]
                    .as_array()
                    .and_then(|l| l.iter().find_map(|l| l["href"].as_str()))
                    .or(status["links"]["href"].as_str())
                    .ok_or("no file link")?;
                let limits = ReportLimits::default();
                let file = client
                    .download(link, limits.compressed)
                    .await
                    .map_err(|e| format!("{e:?}"))?;
                let rows = read_report(&file.body, &limits)
                    .map_err(|e| e.message)?
                    .map_err(|e| e.message)?;
                return Ok(rows.into_iter().map(|r| r.resolved_at).collect());
            }
            "FAILED" | "ERROR" | "CANCELLED" => return Err("the report failed".into()),
            _ => {}
        }
    }
    Err("the report did not complete in time".into())
}
