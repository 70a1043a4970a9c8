//! Gathers the [`Facts`] of an integration from the store, and keeps the transitions that give
//! `since`.

use super::freshness::{self, History};
use super::rules::{Facts, Import, Verdict};
use super::store;
use crate::error::CoreResult;
use crate::import::{continuous, dates, queues};
use crate::integrations::Integration;
use crate::Store;
use chrono::{DateTime, Days};

pub struct Gathered {
    pub facts: Facts,
    pub contacts_today: u64,
}

fn timestamp(rfc3339: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|t| t.timestamp())
}

pub fn gather(store: &Store, integration: &Integration, now: i64) -> CoreResult<Gathered> {
    let conn = store.conn();
    let db = |e| store.map_err(e);
    let iid = integration.id.as_str();
    let row = store::import_row(conn, iid).map_err(db)?;
    let import = row.as_ref().map(|r| Import {
        started_at: timestamp(&r.started_at).unwrap_or(now),
        done: r.covered_from.is_some(),
        progress: r.bookmark.map(|(upto, done)| {
            let span = (r.until - r.since).max(1) as f64;
            let share = if done {
                1.0
            } else {
                ((upto - r.since) as f64 / span).clamp(0.0, 1.0)
            };
            (share, upto)
        }),
    });
    let last_completed = row
        .as_ref()
        .and_then(|r| r.last_completed_at.as_deref())
        .and_then(timestamp);
    let runs = store::runs(conn, iid, last_completed).map_err(db)?;
    let settings = continuous::settings(store, iid)?;
    let newest_contact = store::newest_contact(conn, iid).map_err(db)?;
    // Freshdesk: the account's zone; Freshchat: the computer's; UTC when neither is known yet.
    let zone = queues::default_zone(store, iid, integration.product).unwrap_or(chrono_tz::UTC);

    let freshness = match (
        newest_contact,
        runs.last_success,
        row.as_ref().and_then(|r| r.covered_from),
    ) {
        (Some(newest), Some(synced), Some(covered_from)) if synced > newest => {
            let from = covered_from.max(newest - freshness::HISTORY_DAYS * 86_400);
            let history = History {
                from,
                to: newest,
                hourly: store::hourly_contacts(conn, iid, from, newest).map_err(db)?,
            };
            freshness::judge(&history, newest, synced, zone)
        }
        _ => None,
    };

    let today = DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .with_timezone(&zone)
        .date_naive();
    let day_start = dates::midnight(today, zone).timestamp();
    let day_end = dates::midnight(today + Days::new(1), zone).timestamp();
    let contacts_today = store::contacts_between(conn, iid, day_start, day_end).map_err(db)?;

    Ok(Gathered {
        facts: Facts {
            product: integration.product,
            created_at: timestamp(&integration.created_at).unwrap_or(now),
            checks: integration.checks.clone(),
            checked_at: timestamp(&integration.checked_at),
            import,
            paused: settings.paused,
            every_minutes: settings.every_minutes,
            runs,
            freshness,
            newest_contact,
            rate: store::last_rate(conn, iid).map_err(db)?,
            now,
        },
        contacts_today,
    })
}

/// When the integration entered its current state: from the stored transitions, recording one
/// when the state or its reason changed (at the evidence's time when known, never before the
/// previous transition nor after now).
pub fn since(store: &Store, iid: &str, verdict: &Verdict, now: i64) -> CoreResult<i64> {
    let conn = store.conn();
    let db = |e| store.map_err(e);
    let state = verdict.state.as_str();
    let reason = verdict.reason.as_ref().map(|(code, _)| code.as_str());
    let history = store::transitions(conn, iid, 100).map_err(db)?;
    let changed = history
        .first()
        .is_none_or(|(s, r, _)| s != state || r.as_deref() != reason);
    let mut since = None;
    if changed {
        let floor = history.first().map_or(i64::MIN, |(_, _, at)| *at);
        let at = verdict
            .since_hint
            .unwrap_or(now)
            .clamp(floor, now.max(floor));
        store::insert_transition(conn, iid, state, reason, at).map_err(db)?;
        since = Some(at);
    }
    // The state may have been entered earlier with another reason.
    for (s, _, at) in &history {
        if s != state {
            break;
        }
        since = Some(*at);
    }
    Ok(since.unwrap_or(now))
}
