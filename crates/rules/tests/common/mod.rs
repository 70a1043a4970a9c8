//! Builders shared by the integration tests.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use idesk_rules::{
    Conversation, FreshdeskCatalog, FreshdeskDeriver, Group, Ticket, TicketSourceChoice,
};

pub const CUSTOMER_SERVICE: u64 = 5;

pub fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

pub fn t0() -> DateTime<Utc> {
    at(2026, 3, 2, 9, 0)
}

pub fn ticket(id: u64, group_id: Option<u64>, source: i64) -> Ticket {
    Ticket {
        id,
        group_id,
        source,
        spam: false,
        deleted: false,
        created_at: t0(),
        updated_at: t0(),
    }
}

pub fn customer_reply(id: u64, ticket_id: u64, source: i64) -> Conversation {
    Conversation {
        id,
        ticket_id,
        incoming: true,
        private: false,
        source,
        created_at: at(2026, 3, 4, 11, 30),
    }
}

pub fn catalog() -> FreshdeskCatalog {
    FreshdeskCatalog::new(
        &[
            Group {
                id: CUSTOMER_SERVICE,
                name: "CustomerService".into(),
            },
            Group {
                id: 6,
                name: "Billing".into(),
            },
        ],
        &[
            TicketSourceChoice {
                code: 101,
                name: "Partner Portal".into(),
            },
            TicketSourceChoice {
                code: 16,
                name: "Web Form".into(),
            },
            TicketSourceChoice {
                code: 1,
                name: "E-Mail Inbox".into(),
            },
        ],
    )
}

pub fn deriver() -> FreshdeskDeriver {
    FreshdeskDeriver::new(catalog())
}

/// Queue name of a ticket's contact.
pub fn ticket_queue(ticket: &Ticket) -> String {
    let mut d = deriver();
    let c = d.ticket_contact(ticket);
    d.queues().name(c.queue).to_owned()
}

/// Queue name of a reply's contact, or None when it is not a contact.
pub fn reply_queue(ticket: &Ticket, conversation: &Conversation) -> Option<String> {
    let mut d = deriver();
    let c = d.reply_contact(Some(ticket), conversation)?;
    Some(d.queues().name(c.queue).to_owned())
}
