//! The fixed parts of every Freshdesk account: group and source names, and the id ranges the
//! generator draws from.

use crate::timeline::DAY;

/// Group slots: 0..ACTIVE_GROUPS are listed by `/groups`; the rest were deleted before the
/// anchor but tickets keep them. The control API can rename or delete groups later
/// ([`crate::groups::Groups`]).
pub const GROUP_NAMES: [&str; 9] = [
    "Customer Service",
    "Billing",
    "Technical Support",
    "Sales",
    "Returns",
    "VIP Support",
    "Partner Desk",
    "Legacy Support",
    "Holiday Overflow",
];
pub const ACTIVE_GROUPS: usize = 7;
pub const NO_GROUP: u8 = u8::MAX;

/// `default_source` choices served by `/ticket_fields`: defaults, newer defaults and custom sources.
pub const SOURCE_CHOICES: [(&str, u32); 17] = [
    ("Email", 1),
    ("Portal", 2),
    ("Phone", 3),
    ("Forum", 4),
    ("Twitter", 5),
    ("Facebook", 6),
    ("Chat", 7),
    ("MobiHelp", 8),
    ("Feedback Widget", 9),
    ("Outbound Email", 10),
    ("Ecommerce", 11),
    ("Bot", 12),
    ("Whatsapp", 13),
    ("Web Chat", 15),
    ("Web Form", 16),
    ("Partner Portal", 101),
    ("Reseller Hotline", 102),
];

/// Ticket sources drawn for inbound tickets, with their weights; 23 is named nowhere (an
/// unknown code).
pub const TICKET_SOURCES: [(u32, u32); 18] = [
    (1, 340),
    (2, 140),
    (3, 110),
    (7, 110),
    (9, 40),
    (15, 50),
    (16, 20),
    (13, 30),
    (101, 30),
    (102, 20),
    (5, 15),
    (6, 15),
    (12, 15),
    (8, 5),
    (11, 10),
    (4, 5),
    (23, 10),
    (10, 5),
];

pub const CONVERSATION_ID_BASE: u64 = 67_100_000_000;
/// Upper bound of conversations per ticket (ids are `base + index * MAX_CONV + k`).
pub const MAX_CONV: u64 = 512;
pub const REQUESTER_ID_BASE: u64 = 67_050_000_000;
/// Spam and deleted tickets are purged this long after they were marked.
pub const PURGE_AFTER: i64 = 30 * DAY;
/// Closed tickets are archived this long after their last change.
pub const ARCHIVE_AFTER: i64 = 120 * DAY;
