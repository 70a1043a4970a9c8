//! "What will my help desk create?": the queues of an integration's cached contacts with their
//! share, and the CSV a WFM admin maps into workloads. Read from the per-queue, per-day counts
//! kept with the contacts (`import_queue_days`), so a million contacts cost a few hundred rows.

use super::naming::channel_name;
use super::types::{QueueShare, QueueShares};
use crate::error::CoreResult;
use crate::import::cache;
use crate::integrations::Integration;
use crate::store::Store;
use chrono::SecondsFormat;
use idesk_rules::is_special_queue;

/// Every queue of `integration`'s cached contacts, most contacts first (then by name), with its
/// share of the total; nothing cached gives no queues and no span.
pub fn queue_shares(store: &Store, integration: &Integration) -> CoreResult<QueueShares> {
    let conn = store.conn();
    let iid = &integration.id;
    let totals = cache::queue_totals(conn, iid).map_err(|e| store.map_err(e))?;
    let span = cache::span(conn, iid).map_err(|e| store.map_err(e))?;
    let total: u64 = totals.iter().map(|(_, _, n)| n).sum();
    let mut queues: Vec<QueueShare> = totals
        .into_iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|(name, kind, contacts)| QueueShare {
            channel: channel_name(kind.channel()).to_owned(),
            contacts,
            share: contacts as f64 / total as f64,
            irrelevant: is_special_queue(&name),
            name,
        })
        .collect();
    queues.sort_by(|a, b| {
        b.contacts
            .cmp(&a.contacts)
            .then_with(|| a.name.cmp(&b.name))
    });
    let text = |at: i64| cache::utc(at).to_rfc3339_opts(SecondsFormat::Secs, true);
    Ok(QueueShares {
        integration: integration.name.clone(),
        from: span.map(|(from, _)| text(from)),
        to: span.map(|(_, to)| text(to)),
        total,
        queues,
    })
}

/// The CSV header of [`queue_shares_csv`].
pub const QUEUE_SHARES_CSV_HEADER: &str =
    "queue,channel,contacts,share_percent,irrelevant_for_scheduling";

/// [`queue_shares`] as CSV: one row per queue, the share in percent with one decimal; queue
/// names neutralised like `idesk queues --format csv` ([`crate::csv::cell`]).
pub fn queue_shares_csv(store: &Store, integration: &Integration) -> CoreResult<String> {
    Ok(shares_csv(&queue_shares(store, integration)?))
}

/// Saves [`queue_shares_csv`] as `<dir>/queues-<name>-<UTC time>.csv` (readable by the user only)
/// and answers its path.
pub fn save_queue_shares_csv(
    store: &Store,
    integration: &Integration,
    dir: &std::path::Path,
) -> CoreResult<std::path::PathBuf> {
    let csv = queue_shares_csv(store, integration)?;
    crate::saved_file::save_private_file(dir, "queues", &integration.name, "csv", &csv)
}

/// The CSV text of `shares`.
pub fn shares_csv(shares: &QueueShares) -> String {
    let mut out = format!("{QUEUE_SHARES_CSV_HEADER}\n");
    for q in &shares.queues {
        out.push_str(&format!(
            "{},{},{},{:.1},{}\n",
            crate::csv::cell(&q.name),
            q.channel,
            q.contacts,
            q.share * 100.0,
            q.irrelevant
        ));
    }
    out
}
