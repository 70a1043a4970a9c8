//! The catalog a new run reads first: groups, ticket fields (sources) and the account's zone.

use super::super::cache::{self, Run};
use super::super::progress::{Phase, Progress};
use super::super::{dates, default_since, Ctx, SinceArg};
use super::api::{required, PER_PAGE};
use crate::error::CoreResult;
use crate::freshworks::resilient::{paging_runaway, Fetcher, MAX_PAGES_PER_PASS};
use chrono::Utc;
use idesk_rules::{freshdesk_time_zone, TicketSourceChoice};
use serde_json::Value;

/// A new run: read the catalog, then record it together with the run's window.
pub(super) async fn start(ctx: &mut Ctx<'_>, since: SinceArg) -> CoreResult<Run> {
    ctx.report(Progress {
        phase: Phase::Catalog,
        done: 0,
        total: Some(3),
        eta: None,
    });
    let host = ctx.fetcher_host();
    let groups = read_groups(&ctx.fetcher, &host).await?;
    let sources = read_sources(&ctx.fetcher, &host).await?;
    let zone_name = read_time_zone(&ctx.fetcher).await?;
    let zone = match zone_name.as_deref().map(freshdesk_time_zone) {
        Some(Ok(tz)) => Some(tz),
        Some(Err(e)) => {
            ctx.summary.warnings.push(format!(
                "the account's time zone {:?} is unknown ({e}); pass --tz to `idesk queues`",
                zone_name.as_deref().unwrap_or_default()
            ));
            None
        }
        None => {
            ctx.summary.warnings.push(
                "the account's time zone could not be read (GET /account refused); pass --tz to `idesk queues`".into(),
            );
            None
        }
    };
    let now = Utc::now();
    let since_at = match since {
        SinceArg::Default => default_since(now),
        other => dates::resolve(other, zone.unwrap_or(chrono_tz::UTC)).unwrap_or(now),
    };
    let iid = ctx.iid.clone();
    ctx.tx(|tx| {
        cache::replace_groups(tx, &iid, &groups)?;
        cache::replace_sources(tx, &iid, &sources)?;
        if zone_name.is_some() {
            cache::set_time_zone(tx, &iid, zone_name.as_deref())?;
        }
        cache::start_run(tx, &iid, since_at.timestamp(), now.timestamp())
    })
}

pub(crate) async fn read_groups(
    fetcher: &Fetcher,
    host: &str,
) -> CoreResult<Vec<(String, String)>> {
    read_groups_within(fetcher, host, MAX_PAGES_PER_PASS).await
}

/// The groups, following `Link: next` until it ends or a page is empty; more than `max_pages`
/// pages is `paging_runaway`.
pub(super) async fn read_groups_within(
    fetcher: &Fetcher,
    host: &str,
    max_pages: u32,
) -> CoreResult<Vec<(String, String)>> {
    let mut groups = Vec::new();
    let mut path = Some(format!("/api/v2/groups?per_page={PER_PAGE}"));
    let mut pages = 0u32;
    while let Some(p) = path.take() {
        if pages >= max_pages {
            return Err(paging_runaway(host, "groups", pages));
        }
        pages += 1;
        let f = fetcher.get(&p, false).await?;
        let list = required(host, "the groups list (GET /groups)", &f)?;
        let listed = list.as_array().map_or(&[][..], Vec::as_slice);
        for g in listed {
            if let (Some(id), Some(name)) = (g.get("id").and_then(Value::as_u64), g.get("name")) {
                groups.push((
                    id.to_string(),
                    name.as_str().unwrap_or_default().to_string(),
                ));
            }
        }
        let empty = listed.is_empty();
        path = f.next.filter(|_| !empty);
    }
    Ok(groups)
}

pub(crate) async fn read_sources(
    fetcher: &Fetcher,
    host: &str,
) -> CoreResult<Vec<TicketSourceChoice>> {
    let f = fetcher.get("/api/v2/ticket_fields", false).await?;
    let fields = required(host, "the ticket fields (GET /ticket_fields)", &f)?;
    let choices = fields
        .as_array()
        .into_iter()
        .flatten()
        .find(|field| field.get("type").and_then(Value::as_str) == Some("default_source"))
        .and_then(|field| field.get("choices"))
        .and_then(Value::as_object);
    Ok(choices
        .into_iter()
        .flatten()
        .filter_map(|(name, code)| {
            Some(TicketSourceChoice {
                code: code.as_i64()?,
                name: name.clone(),
            })
        })
        .collect())
}

/// The account's Rails zone name; `None` when `/account` is refused (it may be limited to
/// Account Administrators).
pub(crate) async fn read_time_zone(fetcher: &Fetcher) -> CoreResult<Option<String>> {
    let f = fetcher.get("/api/v2/account", false).await?;
    if !f.ok() {
        return Ok(None);
    }
    Ok(f.body
        .get("timezone")
        .and_then(Value::as_str)
        .map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{endless, HOST, PATIENCE};
    use super::*;
    use crate::error::ErrorCode;
    use crate::freshworks::Auth;
    use crate::import::test_server::{fetcher, TestServer};

    #[tokio::test]
    async fn an_endless_link_next_on_groups_stops_with_paging_runaway() {
        let server = TestServer::start(endless(serde_json::json!([{"id": 1, "name": "A"}]))).await;
        let f = fetcher(&server, HOST, Auth::FreshdeskKey);
        let err = tokio::time::timeout(PATIENCE, read_groups(&f, HOST))
            .await
            .expect("the groups read never ended")
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::PagingRunaway);
        assert_eq!(server.requests(), MAX_PAGES_PER_PASS as usize);
        let small = TestServer::start(endless(serde_json::json!([{"id": 1, "name": "A"}]))).await;
        let f = fetcher(&small, HOST, Auth::FreshdeskKey);
        let err = read_groups_within(&f, HOST, 3).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::PagingRunaway);
        assert_eq!(small.requests(), 3);
    }
}
