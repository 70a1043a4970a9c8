//! `idesk status [NAME] [--format text|json]` (docs/cli.md, "Health"): what each integration is doing,
//! since when, and why. It reports: the exit code is 0 whatever the states.

use super::open_store;
use crate::output::{Failure, Format};
use idesk_core::integrations::Product;
use idesk_core::status::{self, IntegrationHealth, Note, RateLimit, Reason, State};
use serde::Serialize;
use std::io::Write;

pub fn run(name: Option<&str>, format: Format) -> Result<(), Failure> {
    let fail = |e| Failure::new(e, format);
    let store = open_store(format)?;
    let list = match name {
        Some(name) => {
            let integration = store.find_integration_by_name(name).map_err(fail)?;
            vec![status::health_of(&store, &integration).map_err(fail)?]
        }
        None => status::health(&store).map_err(fail)?,
    };
    let out = match format {
        Format::Json => {
            let output = Output {
                integrations: list.iter().map(entry).collect(),
            };
            format!("{}\n", serde_json::to_string(&output).unwrap_or_default())
        }
        Format::Text => table(&list),
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

/// `{"integrations": [...]}`.
#[derive(Serialize)]
struct Output<'a> {
    integrations: Vec<Entry<'a>>,
}

/// Exactly the fields of docs/cli.md, in its order (the core's reason, rate limit and notes
/// serialize as docs/cli.md names them).
#[derive(Serialize)]
struct Entry<'a> {
    name: &'a str,
    product: Product,
    state: State,
    reason: &'a Option<Reason>,
    since: &'a Option<String>,
    last_check: &'a Option<String>,
    last_sync: &'a Option<String>,
    last_data: &'a Option<String>,
    contacts_today: u64,
    rate_limit: &'a Option<RateLimit>,
    notes: &'a [Note],
}

fn entry(h: &IntegrationHealth) -> Entry<'_> {
    Entry {
        name: &h.name,
        product: h.product,
        state: h.state,
        reason: &h.reason,
        since: &h.since,
        last_check: &h.last_check,
        last_sync: &h.last_sync,
        last_data: &h.last_data,
        contacts_today: h.contacts_today,
        rate_limit: &h.rate_limit,
        notes: &h.notes,
    }
}

fn table(list: &[IntegrationHealth]) -> String {
    if list.is_empty() {
        return "no integrations (add one with `idesk integrations add`)\n".to_string();
    }
    let dash = || "-".to_string();
    let rows: Vec<[String; 8]> = list
        .iter()
        .map(|h| {
            [
                h.name.clone(),
                h.product.as_str().to_string(),
                h.state.as_str().to_string(),
                h.since.clone().unwrap_or_else(dash),
                h.last_sync.clone().unwrap_or_else(dash),
                h.last_data.clone().unwrap_or_else(dash),
                h.contacts_today.to_string(),
                h.rate_limit
                    .as_ref()
                    .map_or_else(dash, |r| format!("{}/{}", r.remaining, r.total)),
            ]
        })
        .collect();
    let header = [
        "NAME",
        "PRODUCT",
        "STATE",
        "SINCE",
        "LAST SYNC",
        "LAST DATA",
        "TODAY",
        "RATE LIMIT",
    ];
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(&header.map(String::from));
    for (row, h) in rows.iter().zip(list) {
        out.push_str(&line(row));
        if let Some(reason) = &h.reason {
            out.push_str(&format!(
                "    {}: {}\n    fix: {}\n",
                reason.code.as_str(),
                reason.message,
                reason.fix
            ));
        }
        for note in &h.notes {
            out.push_str(&format!("    note ({}): {}\n", note.code, note.message));
        }
    }
    out
}
