//! The conversations of every ticket that needs them, read by a pool of workers sharing the
//! pacer; each ticket's conversations, reply contacts and "done" mark commit together.

use super::super::cache::{self, ConversationsState, Run};
use super::super::progress::{eta, Phase, Progress};
use super::super::{unexpected, Ctx};
use super::api::{parse_conversations, PER_PAGE};
use super::persist::insert_reply;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::resilient::{paging_runaway, Fetcher, MAX_PAGES_PER_PASS};
use idesk_rules::{Conversation, FreshdeskDeriver, Ticket};
use std::time::Instant;
use tokio::task::JoinSet;

/// Conversation reads in flight at once: enough to use the budget with up to about a second of
/// round-trip time (700 credits a minute need 12 calls a second); the pacer counts the calls in
/// flight, so more of them never exceed the budget.
const CONVERSATION_WORKERS: usize = 16;

pub(crate) enum ConversationsOutcome {
    Read(Vec<Conversation>),
    /// 403 (queued for permanent deletion) or 404 (purged).
    Skipped(u16),
}

pub(crate) async fn read_conversations(
    fetcher: Fetcher,
    ticket_id: u64,
) -> CoreResult<ConversationsOutcome> {
    read_conversations_within(&fetcher, ticket_id, MAX_PAGES_PER_PASS).await
}

/// The conversations of one ticket, following `Link: next` until it ends or a page is empty;
/// more than `max_pages` pages is `paging_runaway`.
pub(super) async fn read_conversations_within(
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

/// Reads the conversations of every pending ticket, several at a time; each ticket's
/// conversations, reply contacts and "done" mark commit together.
pub(super) async fn conversations(
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
                    let mut batch = cache::ContactBatch::new(tx, &iid)?;
                    for c in list {
                        added += insert_reply(&mut batch, deriver, &current, c, since)?;
                    }
                    batch.finish()?;
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
    use super::super::catalog::read_groups;
    use super::super::test_support::{endless, HOST, PATIENCE};
    use super::*;
    use crate::freshworks::Auth;
    use crate::import::test_server::{fetcher, TestServer};

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
