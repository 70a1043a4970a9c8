//! Freshchat backfill: groups, then one `Conversation-Resolved` raw-report job per UTC day
//! `[D 00:00Z, D+1 00:00Z)` (the first and last clipped to the window), serialized, polled and
//! downloaded at once; each day's rows, contacts, coverage and bookmark commit together. A report
//! file cut short in transit (its ZIP cannot be read) is downloaded again.

use super::cache::{self, Bookmark, Run, StoredResolution};
use super::progress::{eta, Phase, Progress};
use super::report_file::{read_report, ReportLimits};
use super::{
    access_denied, dates, default_since, plan_run, unexpected, Ctx, Mode, RunPlan, SinceArg,
};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::resilient::Fetcher;
use crate::freshworks::resilient::{paging_runaway, MAX_PAGES_PER_PASS};
use chrono::{DateTime, SecondsFormat, Utc};
use idesk_rules::{ChatResolution, FreshchatDeriver};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const PASS: &str = "resolved";
const DAY: i64 = 86_400;
const ITEMS_PER_PAGE: u32 = 50;
/// Polls of one report job before giving up.
const MAX_POLLS: u32 = 120;
/// Downloads of one report file whose ZIP cannot be read (cut short in transit) before giving up.
const DOWNLOAD_ATTEMPTS: u32 = 5;
/// Report jobs for one day whose file link the storage refuses (expired) before giving up.
const JOB_ATTEMPTS: u32 = 3;

pub(crate) async fn import(ctx: &mut Ctx<'_>, mode: Mode) -> CoreResult<()> {
    let zone = dates::local_zone().unwrap_or(chrono_tz::UTC);
    let resolve = |s: SinceArg| -> CoreResult<DateTime<Utc>> {
        Ok(dates::resolve(s, zone).unwrap_or_else(|| default_since(Utc::now())))
    };
    let run = match plan_run(ctx, mode, resolve)? {
        RunPlan::Resume(run) => {
            ctx.summary.resumed = true;
            run
        }
        RunPlan::Start(since) => start(ctx, resolve(since)?).await?,
    };
    ctx.summary.since = cache::utc(run.since);
    ctx.summary.until = cache::utc(run.until);
    let catalog = ctx.db(cache::freshchat_catalog(ctx.store.conn(), &ctx.iid))?;
    let mut deriver = FreshchatDeriver::new(catalog);
    let mut bookmark = ctx
        .db(cache::bookmark(ctx.store.conn(), &ctx.iid, PASS))?
        .unwrap_or(Bookmark {
            updated_since: run.since,
            next_page: 0,
            done: false,
        });
    let total_days = days_between(run.since, run.until);
    let started = Instant::now();
    let mut days_this_run = 0u64;
    let poll_delay = crate::freshworks::pacer::minute_from_env() / 240;
    while bookmark.updated_since < run.until {
        let start = bookmark.updated_since;
        let end = ((start.div_euclid(DAY) + 1) * DAY).min(run.until);
        let rows = report_day(&ctx.fetcher, start, end, poll_delay).await?;
        let next = Bookmark {
            updated_since: end,
            next_page: 0,
            done: end >= run.until,
        };
        let iid = ctx.iid.clone();
        ctx.summary.records += rows.len() as u64;
        let added = ctx.tx(|tx| {
            let mut added = 0u64;
            let mut batch = cache::ContactBatch::new(tx, &iid)?;
            for row in &rows {
                cache::save_resolution(
                    tx,
                    &iid,
                    &StoredResolution {
                        conversation_id: row.conversation_id.clone(),
                        resolved_ms: row.resolved_at.timestamp_millis(),
                        interaction_id: row.interaction_id.clone(),
                        group_id: row.group_id.clone(),
                        group_name: row.group_name.clone(),
                        channel_id: row.channel_id.clone(),
                    },
                )?;
                let contact = deriver.contact(&ChatResolution {
                    conversation_id: row.conversation_id.clone(),
                    group_id: row.group_id.clone(),
                    group_name: row.group_name.clone(),
                    resolved_at: row.resolved_at,
                    interaction_id: row.interaction_id.clone(),
                    spam: false,
                    deleted: false,
                });
                let queue = deriver.queues().name(contact.queue).to_string();
                added += batch.insert(&contact, &queue)? as u64;
            }
            batch.finish()?;
            cache::add_coverage(tx, &iid, start, end)?;
            cache::set_bookmark(tx, &iid, PASS, &next).map(|_| added)
        })?;
        ctx.summary.new_contacts += added;
        bookmark = next;
        days_this_run += 1;
        let done = days_between(run.since, end);
        ctx.report(Progress {
            phase: Phase::Chats,
            done,
            total: Some(total_days),
            eta: eta(
                started.elapsed(),
                days_this_run,
                total_days.saturating_sub(done),
                None,
            ),
        });
    }
    ctx.complete(&run)
}

/// Report jobs (days, the first and last possibly partial) in `[since, until)`.
fn days_between(since: i64, until: i64) -> u64 {
    if until <= since {
        return 0;
    }
    ((until - 1).div_euclid(DAY) - since.div_euclid(DAY) + 1) as u64
}

async fn start(ctx: &mut Ctx<'_>, since: DateTime<Utc>) -> CoreResult<Run> {
    ctx.report(Progress {
        phase: Phase::Catalog,
        done: 0,
        total: Some(1),
        eta: None,
    });
    let groups = read_groups(&ctx.fetcher).await?;
    let now = Utc::now().timestamp();
    let iid = ctx.iid.clone();
    ctx.tx(|tx| {
        cache::replace_groups(tx, &iid, &groups)?;
        cache::start_run(tx, &iid, since.timestamp().min(now), now)
    })
}

async fn read_groups(fetcher: &Fetcher) -> CoreResult<Vec<(String, String)>> {
    read_groups_within(fetcher, MAX_PAGES_PER_PASS).await
}

/// The groups, page by page: up to `total_pages`, ending early on an empty page; more than
/// `max_pages` pages is `paging_runaway` (a `total_pages` of 1e9 cannot make endless calls).
async fn read_groups_within(
    fetcher: &Fetcher,
    max_pages: u32,
) -> CoreResult<Vec<(String, String)>> {
    let mut groups = Vec::new();
    let mut page = 1u32;
    loop {
        let f = fetcher
            .get(
                &format!("/v2/groups?page={page}&items_per_page={ITEMS_PER_PAGE}"),
                false,
            )
            .await?;
        match f.status {
            200..=299 => {}
            403 => return Err(access_denied(fetcher.host(), "the groups list", &f.body)),
            status => {
                return Err(unexpected(
                    &format!(
                        "{} answered GET /v2/groups with HTTP {status}",
                        fetcher.host()
                    ),
                    f.body,
                ))
            }
        }
        let listed = f.body["groups"].as_array().map_or(&[][..], Vec::as_slice);
        for g in listed {
            if let (Some(id), Some(name)) = (g["id"].as_str(), g["name"].as_str()) {
                groups.push((id.to_string(), name.to_string()));
            }
        }
        let pages = f.body["pagination"]["total_pages"].as_u64().unwrap_or(1);
        if listed.is_empty() || u64::from(page) >= pages {
            return Ok(groups);
        }
        if page >= max_pages {
            return Err(paging_runaway(fetcher.host(), "groups", page));
        }
        page += 1;
    }
}

fn stamp(t: i64) -> String {
    cache::utc(t).to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The resolutions of `[start, end)`. Links expire: a file link the storage refuses (after long
/// retries, say) is replaced by a new job for the same day; rows are identified by contact, so a
/// second job cannot count anything twice.
async fn report_day(
    fetcher: &Fetcher,
    start: i64,
    end: i64,
    poll_delay: Duration,
) -> CoreResult<Vec<super::report_file::ResolvedRow>> {
    for attempt in 1..=JOB_ATTEMPTS {
        if let Some(rows) = report_job(fetcher, start, end, poll_delay).await? {
            return Ok(rows);
        }
        tracing::info!(attempt, day = %stamp(start), "the report link was refused; creating the report again");
    }
    Err(CoreError::new(
        ErrorCode::ImportReportFailed,
        format!(
            "the storage refused the file of the Conversation-Resolved report for {} {JOB_ATTEMPTS} times (the links expired before they could be downloaded)",
            stamp(start)
        ),
    ))
}

/// Creates the job for `[start, end)`, polls it and reads its file; `None` if the file link was
/// refused.
async fn report_job(
    fetcher: &Fetcher,
    start: i64,
    end: i64,
    poll_delay: Duration,
) -> CoreResult<Option<Vec<super::report_file::ResolvedRow>>> {
    let body = json!({"start": stamp(start), "end": stamp(end), "event": "Conversation-Resolved", "format": "csv"});
    let created = fetcher.post("/v2/reports/raw", &body).await?;
    match created.status {
        200..=299 => {}
        403 => {
            return Err(access_denied(
                fetcher.host(),
                "the raw report (the token may lack the reports scope)",
                &created.body,
            ))
        }
        status => {
            return Err(CoreError::new(
                ErrorCode::ImportReportFailed,
                format!(
                    "creating the Conversation-Resolved report for {} answered HTTP {status}: {}",
                    stamp(start),
                    created.body
                ),
            ))
        }
    }
    let id = created.body["id"]
        .as_str()
        .ok_or_else(|| unexpected("the report job has no id", &created.body))?
        .to_string();
    let mut delay = poll_delay;
    for _ in 0..MAX_POLLS {
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(poll_delay * 20);
        let f = fetcher.get(&format!("/v2/reports/raw/{id}"), false).await?;
        if !f.ok() {
            return Err(CoreError::new(
                ErrorCode::ImportReportFailed,
                format!("polling report {id} answered HTTP {}: {}", f.status, f.body),
            ));
        }
        match f.body["status"].as_str().unwrap_or_default() {
            "COMPLETED" => {
                let link = extraction_link(&f.body)
                    .ok_or_else(|| unexpected("the completed report has no file link", &f.body))?;
                return download_report(fetcher, &link).await;
            }
            "FAILED" | "ERROR" | "CANCELLED" => {
                return Err(CoreError::new(
                    ErrorCode::ImportReportFailed,
                    format!("Freshchat could not produce report {id}: {}", f.body),
                ))
            }
            _ => {}
        }
    }
    Err(CoreError::new(
        ErrorCode::ImportReportFailed,
        format!("report {id} did not complete after {MAX_POLLS} polls"),
    ))
}

/// Downloads the report file and reads its CSV; `None` if the link was refused. A ZIP that
/// cannot be read arrived cut short (the server answered 200 but the body ended early): it is
/// downloaded again, a few times.
async fn download_report(
    fetcher: &Fetcher,
    link: &str,
) -> CoreResult<Option<Vec<super::report_file::ResolvedRow>>> {
    let limits = ReportLimits::default();
    let mut attempt = 1;
    loop {
        let Some(zip) = fetcher.download(link, limits.compressed).await? else {
            return Ok(None);
        };
        match read_report(&zip, &limits) {
            Ok(rows) => return rows.map(Some),
            Err(e) if attempt < DOWNLOAD_ATTEMPTS => {
                tracing::info!(attempt, error = %e.message, "report file unreadable, downloading it again");
                tokio::time::sleep(Duration::from_millis(100) * attempt).await;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// The `extraction` link of a completed job (`links` as a list or a single object).
fn extraction_link(job: &Value) -> Option<String> {
    let links = &job["links"];
    let list: Vec<&Value> = match links {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![links],
        _ => vec![&job["link"]],
    };
    list.iter()
        .find(|l| l["rel"].as_str().is_none_or(|r| r == "extraction"))
        .and_then(|l| l["href"].as_str())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_utc_days_with_partial_ends() {
        assert_eq!(days_between(0, DAY), 1);
        assert_eq!(days_between(DAY / 2, DAY * 2 + 1), 3);
        assert_eq!(days_between(5, 5), 0);
    }

    #[test]
    fn the_extraction_link_is_found() {
        let job = json!({"status": "COMPLETED", "links": [{"rel": "extraction", "href": "https://s3/x.zip"}]});
        assert_eq!(extraction_link(&job).as_deref(), Some("https://s3/x.zip"));
    }

    use crate::freshworks::Auth;
    use crate::import::test_server::{fetcher, Answer, TestServer};

    const HOST: &str = "acme.freshchat.com";

    fn groups_page(groups: Value) -> impl Fn(&str, usize) -> Answer {
        move |_, _| {
            Answer::json(
                json!({"groups": groups.clone(), "pagination": {"total_pages": 1_000_000_000u64}}),
            )
        }
    }

    #[tokio::test]
    async fn a_billion_total_pages_stops_with_paging_runaway() {
        let server = TestServer::start(groups_page(json!([{"id": "g1", "name": "A"}]))).await;
        let f = fetcher(&server, HOST, Auth::Bearer);
        let err = tokio::time::timeout(Duration::from_secs(120), read_groups(&f))
            .await
            .expect("the groups read never ended")
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::PagingRunaway);
        assert_eq!(server.requests(), MAX_PAGES_PER_PASS as usize);
    }

    #[tokio::test]
    async fn an_empty_groups_page_ends_the_paging() {
        let server = TestServer::start(groups_page(json!([]))).await;
        let f = fetcher(&server, HOST, Auth::Bearer);
        let groups = tokio::time::timeout(Duration::from_secs(120), read_groups(&f))
            .await
            .expect("the groups read never ended")
            .unwrap();
        assert!(groups.is_empty());
        assert_eq!(server.requests(), 1);
    }
}
