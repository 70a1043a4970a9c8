//! Plans, personas and products: the vocabulary shared by accounts, auth and rate limits.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    Freshdesk,
    Freshchat,
}

impl Product {
    pub fn host_suffix(self) -> &'static str {
        match self {
            Product::Freshdesk => ".freshdesk.com",
            Product::Freshchat => ".freshchat.com",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    Trial,
    Growth,
    Pro,
    Enterprise,
    /// No API access at all.
    Free,
}

impl Plan {
    pub const ALL: [Plan; 5] = [
        Plan::Trial,
        Plan::Growth,
        Plan::Pro,
        Plan::Enterprise,
        Plan::Free,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Plan::Trial => "trial",
            Plan::Growth => "growth",
            Plan::Pro => "pro",
            Plan::Enterprise => "enterprise",
            Plan::Free => "free",
        }
    }

    /// Freshdesk's default budget per minute (KB225439).
    pub fn calls_per_minute(self) -> u32 {
        match self {
            Plan::Trial => 50,
            Plan::Growth => 200,
            Plan::Pro => 400,
            Plan::Enterprise => 700,
            Plan::Free => 0,
        }
    }

    /// Ticket-list calls per minute; `None` when the plan has no separate sub-limit.
    pub fn ticket_list_per_minute(self) -> Option<u32> {
        match self {
            Plan::Trial => None,
            Plan::Growth => Some(20),
            Plan::Pro => Some(100),
            Plan::Enterprise => Some(200),
            Plan::Free => Some(0),
        }
    }

    /// `tier_type` of Freshdesk's `/account` (current plan names; the real strings are unconfirmed).
    pub fn tier_type(self) -> &'static str {
        match self {
            Plan::Trial => "Trial",
            Plan::Growth => "Growth",
            Plan::Pro => "Pro",
            Plan::Enterprise => "Enterprise",
            Plan::Free => "Free",
        }
    }

    /// `plan_type` of Freshchat's `/v2/accounts/configuration`.
    pub fn freshchat_plan_type(self) -> &'static str {
        match self {
            Plan::Trial => "TRIAL",
            Plan::Growth => "GROWTH",
            Plan::Pro => "PRO",
            Plan::Enterprise => "ENTERPRISE",
            Plan::Free => "FREE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Persona {
    AccountAdmin,
    Admin,
    Agent,
    OccasionalAgent,
    GroupScopedAgent,
}

impl Persona {
    pub const ALL: [Persona; 5] = [
        Persona::AccountAdmin,
        Persona::Admin,
        Persona::Agent,
        Persona::OccasionalAgent,
        Persona::GroupScopedAgent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Persona::AccountAdmin => "account_admin",
            Persona::Admin => "admin",
            Persona::Agent => "agent",
            Persona::OccasionalAgent => "occasional_agent",
            Persona::GroupScopedAgent => "group_scoped_agent",
        }
    }

    pub fn parse(s: &str) -> Option<Persona> {
        Persona::ALL.into_iter().find(|p| p.name() == s)
    }
}
