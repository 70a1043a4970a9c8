//! The account both naming test files use: groups (one to delete), `default_source` choices
//! (a table code, an empty name, a later default, two custom sources) and Freshchat groups.
#![allow(dead_code)]

use idesk_rules::*;

pub const LISTED: u64 = 5;
pub const LISTED_TO_DELETE: u64 = 6;
pub const NEVER_LISTED: u64 = 99;

pub fn groups() -> Vec<Group> {
    [(LISTED, "CustomerService"), (LISTED_TO_DELETE, "Sales")]
        .into_iter()
        .map(|(id, name)| Group {
            id,
            name: name.into(),
        })
        .collect()
}

pub fn choices() -> Vec<TicketSourceChoice> {
    [
        (1, "Email"), // the fixed table wins
        (14, ""),     // an empty name names nothing
        (16, "Web Form"),
        (101, "Partner Portal"),
        (102, "Reseller Hotline"),
    ]
    .into_iter()
    .map(|(code, name)| TicketSourceChoice {
        code,
        name: name.into(),
    })
    .collect()
}

pub fn group_picks() -> [GroupPick<u64>; 4] {
    [
        GroupPick::Listed(LISTED),
        GroupPick::NoGroup,
        GroupPick::Deleted(LISTED_TO_DELETE),
        GroupPick::Deleted(NEVER_LISTED),
    ]
}

/// Codes no table and no choice names, and odd ones.
pub const UNKNOWN_CODES: [i64; 9] = [-1, 0, 14, 23, 42, 100, 103, 999, i64::MAX];

pub const CHAT_LISTED: &str = "g-support";
pub const CHAT_TO_DELETE: &str = "g-sales";

pub fn chat_groups() -> Vec<ChatGroup> {
    [(CHAT_LISTED, "Customer Support"), (CHAT_TO_DELETE, "Sales")]
        .into_iter()
        .map(|(id, name)| ChatGroup {
            id: id.into(),
            name: name.into(),
        })
        .collect()
}
