//! Turns the rules' explanation into the timeline the app and the CLI show: instants as text and
//! each contact's 15-minute interval in the account's zone.

use super::types::{CountedContact, TicketTimeline, TimelineEntry, TimelineOrigin};
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use idesk_rules::{EntryOutcome, IntervalGrid, IntervalLength, Ticket, TicketExplanation};

/// The interval contacts are placed in.
pub const INTERVAL: IntervalLength = IntervalLength::Minutes15;

pub(super) struct Parts<'a> {
    pub integration: &'a str,
    pub ticket: &'a Ticket,
    pub origin: TimelineOrigin,
    pub zone: Tz,
    pub explanation: TicketExplanation,
}

pub(super) fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn build(parts: Parts<'_>) -> TicketTimeline {
    let grid = IntervalGrid::new(parts.zone, INTERVAL);
    let entries = parts
        .explanation
        .entries
        .into_iter()
        .map(|entry| {
            let (counted, not_counted) = match entry.outcome {
                EntryOutcome::Counted(c) => {
                    let start = grid.interval_of(entry.at).start;
                    let contact = CountedContact {
                        kind: c.kind.as_str().to_string(),
                        queue: c.queue,
                        rule: c.rule.into(),
                        decisions: c.decisions.iter().map(|d| d.to_string()).collect(),
                        interval_start: grid.local(start).to_rfc3339(),
                        stored: c.stored,
                    };
                    (Some(contact), None)
                }
                EntryOutcome::NotCounted(why) => (None, Some(why.into())),
            };
            TimelineEntry {
                conversation: entry.conversation,
                at: utc_text(entry.at),
                incoming: entry.incoming,
                private: entry.private,
                counted,
                not_counted,
            }
        })
        .collect();
    TicketTimeline {
        integration: parts.integration.to_string(),
        ticket: parts.ticket.id,
        origin: parts.origin,
        group: parts.explanation.group,
        source: parts.explanation.source,
        spam: parts.ticket.spam,
        deleted: parts.ticket.deleted,
        time_zone: parts.zone.name().to_string(),
        interval_minutes: INTERVAL.minutes(),
        entries,
    }
}
