//! The sources the queue-naming explorer offers: every default ticket source, the account's own
//! `default_source` choices, and the conversation sources, each with the key queue names use.

use crate::freshdesk::{
    conversation_source_key, FreshdeskCatalog, CONVERSATION_SOURCE_KEYS, FIRST_CUSTOM_SOURCE_CODE,
    TICKET_SOURCE_KEYS,
};
use serde::{Deserialize, Serialize};

/// A source code with the key its queues are named with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceOption {
    /// The source code.
    pub code: i64,
    /// The `<source>` or `<conversation source>` part of the queue name.
    pub key: String,
    /// A custom source of the account (code >= 101).
    pub custom: bool,
}

/// Every ticket source of an account, by code: the fixed table ([`TICKET_SOURCE_KEYS`]), then
/// the codes the account's `default_source` choices add (sources Freshdesk added later, and
/// custom sources >= 101), each keyed as [`FreshdeskCatalog::ticket_source_key`] keys it.
pub fn ticket_source_options(catalog: &FreshdeskCatalog) -> Vec<SourceOption> {
    let table = TICKET_SOURCE_KEYS.iter().map(|(code, _)| *code);
    let mut codes: Vec<i64> = table.chain(catalog.named_source_codes()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| SourceOption {
            code,
            key: catalog.ticket_source_key(code).to_string(),
            custom: code >= FIRST_CUSTOM_SOURCE_CODE,
        })
        .collect()
}

/// Every conversation source the table names ([`CONVERSATION_SOURCE_KEYS`]), by code.
pub fn conversation_source_options() -> Vec<SourceOption> {
    CONVERSATION_SOURCE_KEYS
        .iter()
        .map(|(code, _)| SourceOption {
            code: *code,
            key: conversation_source_key(*code).to_string(),
            custom: false,
        })
        .collect()
}

/// The decision (an id of [`crate::DECISIONS`]) behind a conversation source's key, if one is:
/// the rows of the table marked **(decision)** in docs/domain-rules.md, and any code the table
/// does not name.
pub fn conversation_source_decision(code: i64) -> Option<&'static str> {
    match code {
        2 => Some("portal_note_reply"),
        6 => Some("survey_feedback"),
        10 | 17 => Some("server_only_codes"),
        11 | 12 => Some("ecommerce_codes"),
        _ if CONVERSATION_SOURCE_KEYS.iter().any(|(c, _)| *c == code) => None,
        _ => Some("unnamed_conversation_source"),
    }
}
