//! Freshdesk backfill: catalog (groups, ticket fields, account), the ticket list in three passes
//! (default, spam, deleted), each page read from the last `updated_at` seen (see
//! [`next_bookmark`]), then the conversations of every ticket whose `updated_at` differs from its
//! `created_at` (freshworks-api.md, "Which tickets need a conversations call": stats cannot skip
//! any of them).
//!
//! Page numbers only count pages within one second; past page 300 of one second, or past an
//! earlier page-limit 400 ("You cannot access tickets beyond the 300th page"), the tickets of
//! that second cannot all be reached and the run stops with `import_tie_too_large`.

use super::cache::{self, Bookmark, ConversationsState, Run};
use super::progress::{eta, Phase, Progress};
use super::{
    access_denied, dates, default_since, plan_run, unexpected, Ctx, Mode, RunPlan, SinceArg,
};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::resilient::{paging_runaway, snippet, Fetched, Fetcher, MAX_PAGES_PER_PASS};
use chrono::{DateTime, Utc};
use idesk_rules::{
    freshdesk_time_zone, Conversation, FreshdeskDeriver, Ticket, TicketSourceChoice,
};
use serde::Deserialize;
use serde_json::Value;
use std::time::Instant;
use tokio::task::JoinSet;

/// Freshdesk answers 400 beyond this page (a run lowers its limit when a 400 comes earlier).
const LAST_PAGE: u64 = 300;
const PER_PAGE: u64 = 100;
/// Ticket passes, each with its own bookmark.
const PASSES: [(&str, &str); 3] = [("default", ""), ("spam", "spam"), ("deleted", "deleted")];
/// Conversation reads in flight at once: enough to use the budget with up to about a second of
/// round-trip time (700 credits a minute need 12 calls a second); the pacer counts the calls in
/// flight, so more of them never exceed the budget.
const CONVERSATION_WORKERS: usize = 16;

/// A listed ticket: what the rules read plus the status.
#[derive(Debug, Deserialize)]
struct ListedTicket {
    #[serde(flatten)]
    ticket: Ticket,
    #[serde(default)]
    status: i64,
}

pub(crate) async fn import(ctx: &mut Ctx<'_>, mode: Mode) -> CoreResult<()> {
    let stored_zone = ctx.db(cache::time_zone(ctx.store.conn(), &ctx.iid))?;
    let stored_tz = stored_zone
        .as_deref()
        .and_then(|z| freshdesk_time_zone(z).ok());
    let run = match plan_run(ctx, mode, |s| resolve_since(s, stored_tz))? {
        RunPlan::Resume(run) => {
            ctx.summary.resumed = true;
            run
        }
        RunPlan::Start(since) => start(ctx, since).await?,
    };
    ctx.summary.since = cache::utc(run.since);
    ctx.summary.until = cache::utc(run.until);
    if run.since < run.until - super::FRESHDESK_ARCHIVE_DAYS * 86_400 {
        ctx.summary.warnings.push(format!(
            "Freshdesk archives closed tickets after about {} days: they leave the ticket list, so history before {} is incomplete.",
            super::FRESHDESK_ARCHIVE_DAYS,
            cache::utc(run.until - super::FRESHDESK_ARCHIVE_DAYS * 86_400).format("%Y-%m-%d")
        ));
    }
    let catalog = ctx.db(cache::freshdesk_catalog(ctx.store.conn(), &ctx.iid))?;
    let mut deriver = FreshdeskDeriver::new(catalog);
    for (pass, filter) in PASSES {
        list_pass(ctx, &run, &mut deriver, pass, filter).await?;
    }
    conversations(ctx, &run, &mut deriver).await?;
    ctx.complete(&run)
}

fn resolve_since(since: SinceArg, zone: Option<chrono_tz::Tz>) -> CoreResult<DateTime<Utc>> {
    // Before the first catalog read the account's zone is unknown: days are UTC then.
    Ok(dates::resolve(since, zone.unwrap_or(chrono_tz::UTC))
        .unwrap_or_else(|| default_since(Utc::now())))
}

/// A new run: read the catalog, then record it together with the run's window.
async fn start(ctx: &mut Ctx<'_>, since: SinceArg) -> CoreResult<Run> {
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

impl Ctx<'_> {
    fn fetcher_host(&self) -> String {
        self.fetcher.host().to_string()
    }
}

async fn read_groups(fetcher: &Fetcher, host: &str) -> CoreResult<Vec<(String, String)>> {
    read_groups_within(fetcher, host, MAX_PAGES_PER_PASS).await
}

/// The groups, following `Link: next` until it ends or a page is empty; more than `max_pages`
/// pages is `paging_runaway`.
async fn read_groups_within(
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

async fn read_sources(fetcher: &Fetcher, host: &str) -> CoreResult<Vec<TicketSourceChoice>> {
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
async fn read_time_zone(fetcher: &Fetcher) -> CoreResult<Option<String>> {
    let f = fetcher.get("/api/v2/account", false).await?;
    if !f.ok() {
        return Ok(None);
    }
    Ok(f.body
        .get("timezone")
        .and_then(Value::as_str)
        .map(str::to_string))
}

fn required<'a>(host: &str, what: &str, f: &'a Fetched) -> CoreResult<&'a Value> {
    match f.status {
        200..=299 => Ok(&f.body),
        403 => Err(access_denied(host, what, &f.body)),
        status => Err(unexpected(
            &format!("{host} answered {what} with HTTP {status}"),
            f.body.to_string(),
        )),
    }
}

/// `updated_since` spelled so that it survives a query string (`+` would read as a space).
fn encode_time(t: i64) -> String {
    let text = cache::utc(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn list_path(filter: &str, bookmark: &Bookmark) -> String {
    let filter = if filter.is_empty() {
        String::new()
    } else {
        format!("filter={filter}&")
    };
    format!(
        "/api/v2/tickets?{filter}updated_since={}&order_by=updated_at&order_type=asc&per_page={PER_PAGE}&page={}",
        encode_time(bookmark.updated_since),
        bookmark.next_page
    )
}

/// Whether a 400 on a ticket-list page is Freshdesk's page limit (`field: page`,
/// `code: invalid_value`, "You cannot access tickets beyond the 300th page...") and nothing else.
fn is_page_limit(body: &Value) -> bool {
    let Some(errors) = body.get("errors").and_then(Value::as_array) else {
        return false;
    };
    !errors.is_empty()
        && errors.iter().all(|e| {
            let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
            text("field") == "page"
                && (text("code") == "invalid_value"
                    || text("message").to_ascii_lowercase().contains("beyond"))
        })
}

/// The tickets of a ticket-list answer (any status but 2xx is an error).
fn listed_tickets(host: &str, pass: &str, f: &Fetched) -> CoreResult<Vec<ListedTicket>> {
    let body = required(host, &format!("the ticket list ({pass})"), f)?;
    Vec::<ListedTicket>::deserialize(body).map_err(|e| {
        unexpected(
            &format!("{host} sent a ticket list that cannot be read"),
            format!("{e}: {}", snippet(body.to_string().as_bytes())),
        )
    })
}

/// A page of the ticket list: each ticket with its status (for the property tests).
#[doc(hidden)]
pub fn parse_ticket_page(body: &Value) -> Result<Vec<(Ticket, i64)>, serde_json::Error> {
    Vec::<ListedTicket>::deserialize(body)
        .map(|list| list.into_iter().map(|l| (l.ticket, l.status)).collect())
}

async fn list_pass(
    ctx: &mut Ctx<'_>,
    run: &Run,
    deriver: &mut FreshdeskDeriver,
    pass: &'static str,
    filter: &str,
) -> CoreResult<()> {
    let mut bookmark = ctx
        .db(cache::bookmark(ctx.store.conn(), &ctx.iid, pass))?
        .unwrap_or(Bookmark {
            updated_since: run.since,
            next_page: 1,
            done: false,
        });
    let host = ctx.fetcher_host();
    let mut pages = 0u64;
    while !bookmark.done {
        let f = ctx.fetcher.get(&list_path(filter, &bookmark), true).await?;
        if f.status == 400 && bookmark.next_page > 1 && is_page_limit(&f.body) {
            // Pages go on by number only within one second: the server's limit came first.
            return Err(tie_too_large(
                bookmark.updated_since,
                bookmark.next_page - 1,
            ));
        }
        let listed = listed_tickets(&host, pass, &f)?;
        let next = next_bookmark(&bookmark, &listed, f.next.is_some())?;
        let iid = ctx.iid.clone();
        let since = run.since;
        ctx.summary.records += listed.len() as u64;
        let added = ctx.tx(|tx| {
            let mut added = 0u64;
            for l in &listed {
                added += store_ticket(tx, &iid, deriver, &l.ticket, l.status, since)?;
            }
            cache::set_bookmark(tx, &iid, pass, &next)?;
            Ok(added)
        })?;
        ctx.summary.new_contacts += added;
        bookmark = next;
        pages += 1;
        ctx.report(Progress {
            phase: Phase::Tickets(pass),
            done: pages,
            total: None,
            eta: None,
        });
    }
    Ok(())
}

/// Where the pass goes after this page. The list is read from the last `updated_at` seen, not by
/// page number: a ticket updated while the list is read moves to its end, and with page numbers
/// every later ticket would move up one place, so one would slide onto a page already read and
/// never be listed. Tickets of that second are listed again and de-duplicated by id. Only a page
/// that lies wholly in one second goes on by page number, up to page 300; done at the end.
fn next_bookmark(current: &Bookmark, listed: &[ListedTicket], more: bool) -> CoreResult<Bookmark> {
    let Some(last) = listed.last().filter(|_| more) else {
        return Ok(Bookmark {
            done: true,
            next_page: current.next_page + 1,
            ..*current
        });
    };
    let last_at = last.ticket.updated_at.timestamp();
    if last_at > current.updated_since {
        return Ok(Bookmark {
            updated_since: last_at,
            next_page: 1,
            done: false,
        });
    }
    if current.next_page < LAST_PAGE {
        return Ok(Bookmark {
            next_page: current.next_page + 1,
            ..*current
        });
    }
    Err(tie_too_large(last_at, LAST_PAGE))
}

/// More tickets share the update time `at` than `pages` pages of the list can hold.
fn tie_too_large(at: i64, pages: u64) -> CoreError {
    CoreError::new(
        ErrorCode::ImportTieTooLarge,
        format!(
            "{} or more tickets share the update time {}: Freshdesk's paging ({pages} pages of {PER_PAGE}) cannot get past them. Ask Freshdesk support to export these tickets.",
            pages * PER_PAGE,
            cache::utc(at).to_rfc3339()
        ),
    )
}

/// Stores one listed ticket; its contact (and, for a ticket whose conversations are stored and
/// unchanged, its replies) are named now. Returns the contacts added.
fn store_ticket(
    tx: &rusqlite::Transaction<'_>,
    iid: &str,
    deriver: &mut FreshdeskDeriver,
    ticket: &Ticket,
    status: i64,
    since: i64,
) -> rusqlite::Result<u64> {
    let state = cache::upsert_ticket(tx, iid, ticket, status)?;
    let mut added = 0;
    if ticket.created_at.timestamp() >= since {
        let contact = deriver.ticket_contact(ticket);
        let queue = deriver.queues().name(contact.queue).to_string();
        added += cache::insert_contact(tx, iid, &contact, &queue)? as u64;
    }
    if state == ConversationsState::Done {
        // Read by an earlier run and unchanged since: a new window may admit more of its replies.
        let stored = cache::ticket(tx, iid, ticket.id)?.unwrap_or_else(|| ticket.clone());
        for c in cache::stored_conversations(tx, iid, ticket.id)? {
            added += insert_reply(tx, iid, deriver, &stored, &c, since)?;
        }
    }
    Ok(added)
}

fn insert_reply(
    tx: &rusqlite::Transaction<'_>,
    iid: &str,
    deriver: &mut FreshdeskDeriver,
    ticket: &Ticket,
    conversation: &Conversation,
    since: i64,
) -> rusqlite::Result<u64> {
    if conversation.created_at.timestamp() < since {
        return Ok(0);
    }
    let Some(contact) = deriver.reply_contact(Some(ticket), conversation) else {
        return Ok(0);
    };
    let queue = deriver.queues().name(contact.queue).to_string();
    Ok(cache::insert_contact(tx, iid, &contact, &queue)? as u64)
}

enum ConversationsOutcome {
    Read(Vec<Conversation>),
    /// 403 (queued for permanent deletion) or 404 (purged).
    Skipped(u16),
}

async fn read_conversations(fetcher: Fetcher, ticket_id: u64) -> CoreResult<ConversationsOutcome> {
    read_conversations_within(&fetcher, ticket_id, MAX_PAGES_PER_PASS).await
}

/// The conversations of one ticket, following `Link: next` until it ends or a page is empty;
/// more than `max_pages` pages is `paging_runaway`.
async fn read_conversations_within(
    fetcher: &Fetcher,
    ticket_id: u64,
    max_pages: u32,
) -> CoreResult<ConversationsOutcome> {
    let mut all = Vec::new();
    let mut path = Some(format!(
        "/api/v2/tickets/{ticket_id}/conversations?per_page={PER_PAGE}"
    ));
    let mut pages = 0u32;
    while let Some(p) = path.take() {
        if pages >= max_pages {
            return Err(paging_runaway(
                fetcher.host(),
                &format!("the conversations of ticket {ticket_id}"),
                pages,
            ));
        }
        pages += 1;
        let f = fetcher.get(&p, false).await?;
        match f.status {
            200..=299 => {}
            403 | 404 => return Ok(ConversationsOutcome::Skipped(f.status)),
            status => {
                return Err(unexpected(
                    &format!(
                        "{} answered the conversations of ticket {ticket_id} with HTTP {status}",
                        fetcher.host()
                    ),
                    f.body.to_string(),
                ))
            }
        }
        let page = parse_conversations(&f.body).map_err(|e| {
            unexpected(
                &format!("the conversations of ticket {ticket_id} cannot be read"),
                e,
            )
        })?;
        let empty = page.is_empty();
        all.extend(page);
        path = f.next.filter(|_| !empty);
    }
    Ok(ConversationsOutcome::Read(all))
}

/// A page of `GET /tickets/{id}/conversations`.
#[doc(hidden)]
pub fn parse_conversations(body: &Value) -> Result<Vec<Conversation>, serde_json::Error> {
    Vec::<Conversation>::deserialize(body)
}

/// Reads the conversations of every pending ticket, several at a time; each ticket's
/// conversations, reply contacts and "done" mark commit together.
async fn conversations(
    ctx: &mut Ctx<'_>,
    run: &Run,
    deriver: &mut FreshdeskDeriver,
) -> CoreResult<()> {
    let total = ctx.db(cache::count_pending(ctx.store.conn(), &ctx.iid))?;
    let started = Instant::now();
    let mut done = 0u64;
    let mut after_id = 0u64;
    let mut queue: std::collections::VecDeque<Ticket> = Default::default();
    let mut workers: JoinSet<(Ticket, CoreResult<ConversationsOutcome>)> = JoinSet::new();
    let iid = ctx.iid.clone();
    loop {
        if queue.is_empty() {
            let batch = ctx.db(cache::pending_tickets(
                ctx.store.conn(),
                &iid,
                after_id,
                256,
            ))?;
            if let Some(last) = batch.last() {
                after_id = last.id;
            }
            queue.extend(batch);
        }
        while workers.len() < CONVERSATION_WORKERS {
            let Some(ticket) = queue.pop_front() else {
                break;
            };
            let fetcher = ctx.fetcher.clone();
            workers.spawn(async move {
                let outcome = read_conversations(fetcher, ticket.id).await;
                (ticket, outcome)
            });
        }
        let Some(joined) = workers.join_next().await else {
            break;
        };
        let (ticket, outcome) = joined.map_err(|e| {
            CoreError::new(
                ErrorCode::Internal,
                format!("a conversation reader failed: {e}"),
            )
        })?;
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => {
                workers.abort_all();
                return Err(e);
            }
        };
        let since = run.since;
        let added = ctx.tx(|tx| {
            // The ticket as stored now (a later listing may have changed it).
            let current = cache::ticket(tx, &iid, ticket.id)?.unwrap_or(ticket.clone());
            match &outcome {
                ConversationsOutcome::Read(list) => {
                    cache::save_conversations(tx, &iid, list)?;
                    let mut added = 0;
                    for c in list {
                        added += insert_reply(tx, &iid, deriver, &current, c, since)?;
                    }
                    cache::set_conversations_state(tx, &iid, ticket.id, ConversationsState::Done)?;
                    Ok(added)
                }
                ConversationsOutcome::Skipped(_) => {
                    cache::set_conversations_state(
                        tx,
                        &iid,
                        ticket.id,
                        ConversationsState::Skipped,
                    )?;
                    Ok(0)
                }
            }
        })?;
        if let ConversationsOutcome::Skipped(status) = outcome {
            ctx.summary.skipped_tickets += 1;
            tracing::info!(ticket = ticket.id, status, "conversations skipped");
        }
        ctx.summary.new_contacts += added;
        done += 1;
        let per_call = ctx.fetcher.with_pacer(|p| p.time_for(1));
        ctx.report(Progress {
            phase: Phase::Conversations,
            done,
            total: Some(total),
            eta: eta(
                started.elapsed(),
                done,
                total.saturating_sub(done),
                per_call,
            ),
        });
    }
    if ctx.summary.skipped_tickets > 0 {
        ctx.summary.warnings.push(format!(
            "{} ticket(s) were being deleted or already purged (403/404): their replies could not be read",
            ctx.summary.skipped_tickets
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updated_since_is_percent_encoded() {
        let t = "2026-03-01T10:15:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(encode_time(t.timestamp()), "2026-03-01T10%3A15%3A00Z");
    }

    fn listed(updated: i64) -> ListedTicket {
        ListedTicket {
            ticket: Ticket {
                id: 1,
                group_id: None,
                source: 1,
                spam: false,
                deleted: false,
                created_at: cache::utc(updated),
                updated_at: cache::utc(updated),
            },
            status: 2,
        }
    }

    #[test]
    fn pages_go_on_from_the_last_update_and_by_number_only_within_one_second() {
        let page = |updated_since, next_page| Bookmark {
            updated_since,
            next_page,
            done: false,
        };
        let at = |b: Bookmark| (b.updated_since, b.next_page, b.done);
        // A page ending later than it started: page 1 again from its last update time.
        let next = next_bookmark(&page(100, 1), &[listed(120), listed(150)], true);
        assert_eq!(at(next.unwrap()), (150, 1, false));
        // A page wholly in one second: the next page of that second.
        let next = next_bookmark(&page(100, 3), &[listed(100)], true);
        assert_eq!(at(next.unwrap()), (100, 4, false));
        // Page 300 leaving that second goes on; one still in it cannot get past the tie.
        let next = next_bookmark(&page(100, 300), &[listed(150)], true);
        assert_eq!(at(next.unwrap()), (150, 1, false));
        let err = next_bookmark(&page(100, 300), &[listed(100)], true).unwrap_err();
        assert_eq!(err.code, ErrorCode::ImportTieTooLarge);
        // No next page: done.
        let last = next_bookmark(&page(100, 7), &[listed(150)], false).unwrap();
        assert!(last.done);
    }

    #[test]
    fn only_the_page_limit_400_is_recognised() {
        let limit = serde_json::json!({"description": "Validation failed", "errors": [{"field": "page", "message": "You cannot access tickets beyond the 300th page. Please provide a smaller page number.", "code": "invalid_value"}]});
        assert!(is_page_limit(&limit));
        let date = serde_json::json!({"description": "Validation failed", "errors": [{"field": "updated_since", "message": "It should be a valid date", "code": "invalid_value"}]});
        assert!(!is_page_limit(&date));
        let page_type = serde_json::json!({"description": "Validation failed", "errors": [{"field": "page", "message": "It should be a Positive Integer", "code": "datatype_mismatch"}]});
        assert!(!is_page_limit(&page_type));
        let both = serde_json::json!({"errors": [limit["errors"][0], date["errors"][0]]});
        assert!(!is_page_limit(&both));
        assert!(!is_page_limit(&serde_json::Value::Null));
    }

    use crate::freshworks::Auth;
    use crate::import::test_server::{fetcher, Answer, TestServer};
    use std::time::Duration;

    const HOST: &str = "acme.freshdesk.com";
    /// Long enough for the page cap at local speed; the code before the cap never ended.
    const PATIENCE: Duration = Duration::from_secs(120);

    fn endless(body: serde_json::Value) -> impl Fn(&str, usize) -> Answer {
        move |_, n| {
            Answer::json(body.clone()).header(
                "Link",
                &format!(
                    "<https://{HOST}/api/v2/x?per_page=100&page={}>; rel=\"next\"",
                    n + 1
                ),
            )
        }
    }

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

    #[tokio::test]
    async fn an_empty_page_ends_the_paging_even_with_a_next_link() {
        let server = TestServer::start(endless(serde_json::json!([]))).await;
        let f = fetcher(&server, HOST, Auth::FreshdeskKey);
        let groups = tokio::time::timeout(PATIENCE, read_groups(&f, HOST))
            .await
            .expect("the groups read never ended")
            .unwrap();
        assert!(groups.is_empty());
        assert_eq!(server.requests(), 1);
        let conversations = tokio::time::timeout(PATIENCE, read_conversations(f, 7))
            .await
            .expect("the conversations read never ended")
            .unwrap();
        assert!(matches!(conversations, ConversationsOutcome::Read(ref c) if c.is_empty()));
        assert_eq!(server.requests(), 2);
    }

    #[tokio::test]
    async fn endless_conversation_pages_stop_with_paging_runaway() {
        let reply = serde_json::json!([{"id": 5, "ticket_id": 7, "incoming": false, "private": false, "source": 0, "created_at": "2026-03-01T10:00:00Z", "user_id": 1}]);
        let server = TestServer::start(endless(reply)).await;
        let f = fetcher(&server, HOST, Auth::FreshdeskKey);
        let err = tokio::time::timeout(PATIENCE, read_conversations_within(&f, 7, 4))
            .await
            .expect("the conversations read never ended")
            .err()
            .expect("an endless read is an error");
        assert_eq!(err.code, ErrorCode::PagingRunaway);
        assert_eq!(server.requests(), 4);
    }
}
