//! `idesk explain NAME --ticket ID [--format text|json]` (docs/cli.md, "Explain"): why one
//! Freshdesk ticket became N contacts in M queues, from the cache or fetched live.

use super::{open_store, runtime};
use crate::output::{Failure, Format};
use idesk_core::explain::{self, ContactRule, NotCountedWhy, TicketTimeline, TimelineOrigin};
use idesk_core::freshworks::FreshworksClient;
use serde::Serialize;
use std::collections::BTreeSet;

pub fn run(name: &str, ticket: u64, format: Format) -> Result<(), Failure> {
    let fail = |e| Failure::new(e, format);
    let store = open_store(format)?;
    let id = store.find_integration_by_name(name).map_err(fail)?.id;
    let client = FreshworksClient::from_env().map_err(fail)?;
    let timeline = runtime()
        .block_on(explain::explain_ticket(&store, &client, &id, ticket))
        .map_err(fail)?;
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string(&Output::of(&timeline)).expect("a timeline serializes")
        ),
        Format::Text => print_text(&timeline),
    }
    Ok(())
}

/// Exactly the fields of docs/cli.md, in its order.
#[derive(Serialize)]
struct Output<'a> {
    ticket: u64,
    origin: TimelineOrigin,
    contacts: Vec<Contact<'a>>,
    not_counted: Vec<NotCounted<'a>>,
}

#[derive(Serialize)]
struct Contact<'a> {
    kind: &'a str,
    at: &'a str,
    queue: &'a str,
    rule: ContactRule,
    decisions: &'a [String],
    interval_start: &'a str,
    stored: bool,
}

#[derive(Serialize)]
struct NotCounted<'a> {
    conversation: Option<u64>,
    at: &'a str,
    why: NotCountedWhy,
}

impl<'a> Output<'a> {
    fn of(t: &'a TicketTimeline) -> Self {
        let contacts = t
            .entries
            .iter()
            .filter_map(|e| {
                let c = e.counted.as_ref()?;
                Some(Contact {
                    kind: &c.kind,
                    at: &e.at,
                    queue: &c.queue,
                    rule: c.rule,
                    decisions: &c.decisions,
                    interval_start: &c.interval_start,
                    stored: c.stored,
                })
            })
            .collect();
        let not_counted = t
            .entries
            .iter()
            .filter_map(|e| {
                Some(NotCounted {
                    conversation: e.conversation,
                    at: &e.at,
                    why: e.not_counted?,
                })
            })
            .collect();
        Output {
            ticket: t.ticket,
            origin: t.origin,
            contacts,
            not_counted,
        }
    }
}

fn id_text<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A header, one line per entry, and the sum: N contacts in M queues.
fn print_text(t: &TicketTimeline) {
    let origin = match t.origin {
        TimelineOrigin::Cache => "from the cache",
        TimelineOrigin::Live => "fetched live",
    };
    let mut state = String::new();
    if t.spam {
        state.push_str(", spam");
    }
    if t.deleted {
        state.push_str(", deleted");
    }
    println!(
        "{} ticket {} ({origin}): group {}, source {}{state}; {}-minute intervals in {}",
        t.integration, t.ticket, t.group, t.source, t.interval_minutes, t.time_zone
    );
    for e in &t.entries {
        let what = match e.conversation {
            None => "ticket created".to_string(),
            Some(id) => format!("conversation {id}"),
        };
        match (&e.counted, e.not_counted) {
            (Some(c), _) => {
                let decisions = match c.decisions.is_empty() {
                    true => String::new(),
                    false => format!(", decisions: {}", c.decisions.join(", ")),
                };
                let stored = if c.stored {
                    "in the cache"
                } else {
                    "not in the cache"
                };
                println!(
                    "{}  {what:<26} {} contact in {:?} (rule {}{decisions}), interval {}, {stored}",
                    e.at,
                    c.kind,
                    c.queue,
                    id_text(&c.rule),
                    c.interval_start
                );
            }
            (None, Some(why)) => println!("{}  {what:<26} not counted: {}", e.at, id_text(&why)),
            (None, None) => {}
        }
    }
    let counted: Vec<_> = t
        .entries
        .iter()
        .filter_map(|e| e.counted.as_ref())
        .collect();
    let queues: BTreeSet<&str> = counted.iter().map(|c| c.queue.as_str()).collect();
    let skipped = t.entries.iter().filter(|e| e.not_counted.is_some()).count();
    println!(
        "{} contact(s) in {} queue(s); {skipped} conversation(s) not counted",
        counted.len(),
        queues.len()
    );
}
