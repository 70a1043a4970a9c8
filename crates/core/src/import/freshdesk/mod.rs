//! Freshdesk backfill: catalog (groups, ticket fields, account), the ticket list in three passes
//! (default, spam, deleted), each page read from the last `updated_at` seen (see
//! [`paging::next_bookmark`]), then the conversations of every ticket whose `updated_at` differs from its
//! `created_at` (docs/freshworks-api.md, "Which tickets need a conversations call": stats cannot skip
//! any of them).
//!
//! Page numbers only count pages within one second; past page 300 of one second, or past an
//! earlier page-limit 400 ("You cannot access tickets beyond the 300th page"), the tickets of
//! that second cannot all be reached and the run stops with `import_tie_too_large`.
//!
//! - [`catalog`]: a new run reads groups, ticket fields and the account's time zone.
//! - [`api`]: request paths and the JSON of answers.
//! - [`paging`]: the ticket-list passes and where each page goes on from.
//! - [`persist`]: storing a listed ticket and naming its contacts.
//! - [`conversations`]: the worker pool reading the conversations of pending tickets.

mod api;
mod catalog;
mod conversations;
mod paging;
mod persist;

pub use api::{parse_conversations, parse_ticket_page};
pub(crate) use catalog::{read_groups, read_sources, read_time_zone};
pub(crate) use conversations::{read_conversations, ConversationsOutcome};

use super::cache;
use super::{dates, default_since, plan_run, Ctx, Mode, RunPlan, SinceArg};
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use idesk_rules::{freshdesk_time_zone, FreshdeskDeriver};

/// Ticket passes, each with its own bookmark.
const PASSES: [(&str, &str); 3] = [("default", ""), ("spam", "spam"), ("deleted", "deleted")];

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
        RunPlan::Start(since) => catalog::start(ctx, since).await?,
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
        paging::list_pass(ctx, &run, &mut deriver, pass, filter).await?;
    }
    conversations::conversations(ctx, &run, &mut deriver).await?;
    ctx.complete(&run)
}

fn resolve_since(since: SinceArg, zone: Option<chrono_tz::Tz>) -> CoreResult<DateTime<Utc>> {
    // Before the first catalog read the account's zone is unknown: days are UTC then.
    Ok(dates::resolve(since, zone.unwrap_or(chrono_tz::UTC))
        .unwrap_or_else(|| default_since(Utc::now())))
}

impl Ctx<'_> {
    pub(super) fn fetcher_host(&self) -> String {
        self.fetcher.host().to_string()
    }
}

#[cfg(test)]
mod test_support {
    use crate::import::test_server::Answer;
    use std::time::Duration;

    pub const HOST: &str = "acme.freshdesk.com";
    /// Long enough for the page cap at local speed; the code before the cap never ended.
    pub const PATIENCE: Duration = Duration::from_secs(120);

    pub fn endless(body: serde_json::Value) -> impl Fn(&str, usize) -> Answer {
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
}
