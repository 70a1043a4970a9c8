//! Contact and queue engine (issue 3): turns Freshdesk and Freshchat data into WFM offered
//! contacts in named source queues, and counts them per queue × interval in any time zone.
//! The rules are those of `docs/domain-rules.md`; every decision there is a named
//! constant or function here (listed, with reasons, in [`DECISIONS`]). No I/O, no Tauri.
//!
//! # Flow
//!
//! 1. **Feed records** the importers read: [`Ticket`], [`Conversation`], [`Group`],
//!    [`TicketSourceChoice`] (Freshdesk); [`ChatResolution`], [`ChatGroup`] (Freshchat). All are
//!    serde types.
//! 2. **Derive contacts** with a [`FreshdeskDeriver`] (built from a [`FreshdeskCatalog`]) or a
//!    [`FreshchatDeriver`] (from a [`FreshchatCatalog`]). Each [`Contact`] has a stable
//!    [`ContactId`] (`ticket:1`, `conversation:2`, `chat:<id>:<time>`), a [`ContactKind`], a
//!    [`QueueId`] into the deriver's [`QueueTable`] and a UTC timestamp. Queue names are
//!    interned, so deriving allocates nothing per Freshdesk contact.
//!    - Initial import: [`FreshdeskDeriver::derive_initial`] names every contact from the state
//!      given (the state at import time).
//!    - Continuous stage (and repeated backfills): derive each contact from the state when it is
//!      seen and settle it through a [`NameLedger`]: the first name wins and a contact seen again
//!      is not counted again.
//!    - [`BackfillWindow`] decides which contacts a backfill takes (by their own timestamp).
//! 3. **Aggregate** with an [`Aggregator`] on an [`IntervalGrid`] (zone + [`IntervalLength`]):
//!    memory grows with queue × interval cells, not contacts. Daylight-saving days keep every
//!    contact exactly once.
//! 4. **Report** with [`QueueReport::build`], given the imported [`Coverage`]: the JSON shape of
//!    `idesk queues` (`docs/cli.md`); [`QueueReport::grid`] gives every interval with
//!    [`IntervalValue::NoData`] where nothing was imported, so "no data" is never 0.
//!
//! Time zones: [`freshdesk_time_zone`] maps Freshdesk's Rails names (every key of Rails'
//! `ActiveSupport::TimeZone::MAPPING`, [`RAILS_TIME_ZONES`]) to IANA zones;
//! [`parse_time_zone`] accepts a Rails or IANA name. Unknown names give [`UnknownTimeZone`].
//!
//! Reconcile per ticket: [`explain_ticket`] says, for a ticket and each conversation, which
//! contact it counts as (and why that name) or why it does not count.
//!
//! Sales demo: [`sandbox_queue_name`] names a queue from a group, a source and a kind.
//! The queue-naming explorer ([`name_freshdesk_queue`], [`name_freshchat_queue`]) names one by
//! deriving a contact built for the case, and says why ([`ContactRule`], decision ids);
//! [`ticket_source_options`] and [`conversation_source_options`] list the sources it offers.
//!
//! ```
//! use idesk_rules::*;
//! use chrono::{TimeZone, Utc};
//!
//! let catalog = FreshdeskCatalog::new(
//!     &[Group { id: 5, name: "CustomerService".into() }],
//!     &[],
//! );
//! let mut deriver = FreshdeskDeriver::new(catalog);
//! let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 5, 0).unwrap();
//! let ticket = Ticket {
//!     id: 1, group_id: Some(5), source: 7, spam: false, deleted: false,
//!     created_at: at, updated_at: at,
//! };
//! let contact = deriver.ticket_contact(&ticket);
//! assert_eq!(deriver.queues().name(contact.queue), "CustomerService chat Tickets");
//! assert_eq!(contact.id.to_string(), "ticket:1");
//!
//! let grid = IntervalGrid::new(chrono_tz::Europe::Berlin, IntervalLength::Minutes15);
//! let mut counts = Aggregator::new(grid);
//! counts.add_contact(&contact);
//! let start = grid.interval_of(at).start;
//! assert_eq!(grid.local(start).to_rfc3339(), "2026-03-02T10:00:00+01:00");
//! assert_eq!(counts.count(contact.queue, start), 1);
//! ```

mod aggregate;
mod contact;
mod contact_rule;
mod coverage;
mod decisions;
mod derive;
mod explain;
mod freshchat;
mod freshdesk;
mod fxhash;
mod intervals;
mod naming;
mod naming_sources;
mod queue_name;
mod queues;
mod report;
mod sandbox;
mod stage;
mod timezones;

pub use aggregate::{Aggregator, BLOCK_SECONDS};
pub use contact::{
    Contact, ContactId, InvalidContactId, NamedContact, CHAT_ID_PREFIX, CONVERSATION_ID_PREFIX,
    TICKET_ID_PREFIX,
};
pub use contact_rule::ContactRule;
pub use coverage::{interval_value, Coverage, CoverageRange, IntervalCoverage, IntervalValue};
pub use decisions::{Decision, DECISIONS};
pub use derive::{FreshchatDeriver, FreshdeskDeriver, FreshdeskSnapshot, InitialContacts};
pub use explain::{
    explain_ticket, not_counted_why, CountedEntry, EntryOutcome, ExplainContext, ExplainedEntry,
    NotCountedWhy, TicketExplanation,
};
pub use freshchat::{ChatGroup, ChatResolution, FreshchatCatalog, EVERY_RESOLUTION_IS_A_CONTACT};
pub use freshdesk::{
    conversation_is_contact, conversation_source_key, key_from_choice_name, source_choice_key,
    ticket_source_table_key, Conversation, FreshdeskCatalog, Group, Ticket, TicketSourceChoice,
    CONVERSATION_SOURCE_KEYS, FIRST_CUSTOM_SOURCE_CODE, TICKET_IS_ALWAYS_A_CONTACT,
    TICKET_SOURCE_KEYS,
};
pub use intervals::{
    Interval, IntervalGrid, IntervalLength, InvalidIntervalLength, DEFAULT_INTERVAL,
};
pub use naming::{
    name_freshchat_queue, name_freshdesk_queue, FreshchatEvent, FreshdeskEvent, GroupPick,
    QueueNaming,
};
pub use naming_sources::{
    conversation_source_decision, conversation_source_options, ticket_source_options, SourceOption,
};
pub use queue_name::{
    chat_queue_name, freshdesk_queue_name, is_special_queue, unknown_group_source_queue, Channel,
    ContactKind, GroupLabel, HandleTime, SourceKey, DELETED_GROUP_PREFIX, FRESHCHAT_CHANNEL,
    FRESHCHAT_HANDLE_TIME, FRESHDESK_CHANNEL, FRESHDESK_HANDLE_TIME, NO_GROUP, REPLIES_SUFFIX,
    SPECIAL_QUEUES_NOTE, TICKETS_SUFFIX, UNDEFINED_QUEUE, UNKNOWN_GROUP_SOURCE_REPLIES,
    UNKNOWN_GROUP_SOURCE_TICKETS, UNNAMED_SOURCE_PREFIX,
};
pub use queues::{Queue, QueueId, QueueTable};
pub use report::{GridRow, IntervalCount, QueueReport, QueueSeries, ReportRange};
pub use sandbox::{sandbox_queue_name, sandbox_queue_name_with, SandboxGroup, SandboxInput};
pub use stage::{keeps_first_name, BackfillWindow, ImportStage, NameLedger, Settled};
pub use timezones::{
    freshdesk_time_zone, parse_time_zone, rails_to_iana, UnknownTimeZone, RAILS_TIME_ZONES,
    UNKNOWN_TIME_ZONE_CODE,
};
