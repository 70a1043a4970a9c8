//! A ticket's status (what agents set) and its state (which list, if any, shows it).

use serde::Serialize;

/// The account's ticket statuses (the defaults and two custom ones, as `/ticket_fields` lists
/// them with their agent and customer labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Open,
    Pending,
    Resolved,
    Closed,
    WaitingOnCustomer,
    WaitingOnThirdParty,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Open,
        Status::Pending,
        Status::Resolved,
        Status::Closed,
        Status::WaitingOnCustomer,
        Status::WaitingOnThirdParty,
    ];

    /// Freshdesk's number for the status.
    pub fn code(self) -> u32 {
        match self {
            Status::Open => 2,
            Status::Pending => 3,
            Status::Resolved => 4,
            Status::Closed => 5,
            Status::WaitingOnCustomer => 6,
            Status::WaitingOnThirdParty => 7,
        }
    }

    pub fn from_code(code: u32) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// (label for agents, label for customers) as `/ticket_fields` shows them.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Status::Open => ("Open", "Being Processed"),
            Status::Pending => ("Pending", "Awaiting your Reply"),
            Status::Resolved => ("Resolved", "This ticket has been Resolved"),
            Status::Closed => ("Closed", "This ticket has been Closed"),
            Status::WaitingOnCustomer => ("Waiting on Customer", "Awaiting your Reply"),
            Status::WaitingOnThirdParty => ("Waiting on Third Party", "Being Processed"),
        }
    }

    /// Resolved or closed: a customer reply reopens the ticket.
    pub fn is_done(self) -> bool {
        matches!(self, Status::Resolved | Status::Closed)
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.code())
    }
}

/// Which list (if any) shows a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum TicketState {
    Live = 0,
    Spam = 1,
    Deleted = 2,
    Trashed = 3,
    Archived = 4,
    Purged = 5,
}

impl TicketState {
    pub const ALL: [TicketState; 6] = [
        TicketState::Live,
        TicketState::Spam,
        TicketState::Deleted,
        TicketState::Trashed,
        TicketState::Archived,
        TicketState::Purged,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TicketState::Live => "live",
            TicketState::Spam => "spam",
            TicketState::Deleted => "deleted",
            TicketState::Trashed => "trashed",
            TicketState::Archived => "archived",
            TicketState::Purged => "purged",
        }
    }

    /// Trashed, archived and purged tickets no longer change.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            TicketState::Trashed | TicketState::Archived | TicketState::Purged
        )
    }
}

impl Serialize for TicketState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
