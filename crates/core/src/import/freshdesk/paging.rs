//! The ticket-list passes: each page read from the last `updated_at` seen, by page number only
//! within one second, up to Freshdesk's page 300.

use super::super::cache::{self, Bookmark, Run};
use super::super::progress::{Phase, Progress};
use super::super::Ctx;
use super::api::{is_page_limit, list_path, listed_tickets, ListedTicket, PER_PAGE};
use super::persist::store_ticket;
use crate::error::{CoreError, CoreResult, ErrorCode};
use idesk_rules::FreshdeskDeriver;

/// Freshdesk answers 400 beyond this page (a run lowers its limit when a 400 comes earlier).
const LAST_PAGE: u64 = 300;

pub(super) async fn list_pass(
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
            let mut batch = cache::ContactBatch::new(tx, &iid)?;
            for l in &listed {
                added += store_ticket(tx, &mut batch, &iid, deriver, &l.ticket, l.status, since)?;
            }
            batch.finish()?;
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
pub(super) fn next_bookmark(
    current: &Bookmark,
    listed: &[ListedTicket],
    more: bool,
) -> CoreResult<Bookmark> {
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
pub(super) fn tie_too_large(at: i64, pages: u64) -> CoreError {
    CoreError::new(
        ErrorCode::ImportTieTooLarge,
        format!(
            "{} or more tickets share the update time {}: Freshdesk's paging ({pages} pages of {PER_PAGE}) cannot get past them. Ask Freshdesk support to export these tickets.",
            pages * PER_PAGE,
            cache::utc(at).to_rfc3339()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use idesk_rules::Ticket;

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
}
