//! The accounts a simulator serves: domains, plans, personas with their keys, agents, roles
//! and groups. Everything is derived from the seed so keys are stable for a seed.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

use serde::Serialize;

use crate::chats::{ChatGen, ACTIVE_CHAT_GROUPS, CHAT_GROUP_NAMES};
use crate::groups::Groups;
use crate::model::{Persona, Plan, Product};
use crate::rng::{stream, Rng};
use crate::store::TicketStore;
use crate::ticket::catalog::{ACTIVE_GROUPS, GROUP_NAMES};
use crate::ticket::TicketGen;

/// What an account looks like before its data is generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSpec {
    pub product: Product,
    pub subdomain: String,
    pub plan: Plan,
    pub suspended: bool,
    /// Tickets (Freshdesk) or chats (Freshchat).
    pub size: u64,
    /// Rails time-zone name reported by Freshdesk's `/account`.
    pub timezone: String,
    /// A Freshchat token created before the reports scope existed.
    pub token_lacks_reports_scope: bool,
    /// Raised Freshdesk budgets (purchased add-ons): calls and ticket-list calls per minute.
    /// `None` keeps the plan's default.
    pub calls_per_minute: Option<u32>,
    pub ticket_list_per_minute: Option<u32>,
}

/// The account as the banner and `SimHandle::accounts()` show it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct AccountInfo {
    pub product: Product,
    pub domain: String,
    pub plan: Plan,
    pub suspended: bool,
    pub keys: BTreeMap<String, String>,
}

/// A persona's role (index into `Account::roles`) and ticket scope as changed through the
/// control API; `None` keeps what the account was built with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgentChange {
    pub role: Option<usize>,
    pub ticket_scope: Option<u8>,
}

/// A Freshdesk agent (persona or background agent).
#[derive(Debug, Clone)]
pub struct Agent {
    pub id: u64,
    pub name: String,
    pub email: String,
    pub role_ids: Vec<u64>,
    pub group_slots: Vec<u8>,
    pub ticket_scope: u8,
    pub occasional: bool,
    pub persona: Option<Persona>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: u64,
    pub name: &'static str,
    pub description: &'static str,
    pub agent_type: u8,
    pub admin: bool,
}

pub enum AccountData {
    Freshdesk(Box<TicketStore>),
    Freshchat(Box<ChatGen>),
}

pub struct Account {
    pub spec: AccountSpec,
    pub salt: u64,
    pub domain: String,
    pub id: u64,
    pub keys: BTreeMap<Persona, String>,
    revoked: Mutex<Vec<Persona>>,
    changed_agents: Mutex<BTreeMap<Persona, AgentChange>>,
    pub agents: Vec<Agent>,
    pub roles: Vec<Role>,
    pub data: AccountData,
    /// The groups as they are now (renamed or deleted through the control API).
    pub groups: Groups,
    /// The account's time zone as `/account` reports it now (a Rails name; starts as the spec's).
    time_zone: RwLock<String>,
    pub created_at: i64,
    suspended: AtomicBool,
    /// The last ticket-list page served; beyond it the list answers 400 (Freshdesk: 300).
    pub max_ticket_page: u64,
}

pub const ROLE_ACCOUNT_ADMIN: usize = 0;
pub const ROLE_ADMIN: usize = 1;
pub const ROLE_SUPERVISOR: usize = 2;
pub const ROLE_AGENT: usize = 3;

fn freshdesk_key(seed: u64, salt: u64, persona: Persona) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut r = Rng::new(seed, &[stream::KEY, salt, persona as u64]);
    (0..20)
        .map(|_| ALPHABET[r.below(ALPHABET.len() as u64) as usize] as char)
        .collect()
}

fn freshchat_token(seed: u64, salt: u64, persona: Persona) -> String {
    const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut r = Rng::new(seed, &[stream::KEY, salt, 50 + persona as u64]);
    let mut part = |n: usize| -> String {
        (0..n)
            .map(|_| B64URL[r.below(64) as usize] as char)
            .collect()
    };
    // JWT-shaped like real Freshchat tokens; the content carries no meaning.
    format!(
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ{}.{}",
        part(90),
        part(43)
    )
}

impl Account {
    pub fn build(spec: AccountSpec, salt: u64, seed: u64, anchor: i64) -> Account {
        let domain = format!("{}{}", spec.subdomain, spec.product.host_suffix());
        let base = 67_000_000_000 + salt * 1_000_000;
        let roles = vec![
            Role { id: base + 159_703, name: "Account Administrator", description: "Has complete control over the help desk and the organisation including access to Account or Billing related information, and receives Invoices.", agent_type: 1, admin: true },
            Role { id: base + 159_704, name: "Administrator", description: "Can configure all features through the Admin tab, but is restricted from viewing Account or Billing related information.", agent_type: 1, admin: true },
            Role { id: base + 159_705, name: "Supervisor", description: "Can perform all agent related activities, access reports and see unresolved tickets dashboard.", agent_type: 1, admin: false },
            Role { id: base + 159_706, name: "Agent", description: "Can log, view, reply, update and resolve tickets and manage contacts.", agent_type: 1, admin: false },
            Role { id: base + 379_708, name: "Ticket Collaborator", description: "Can view, reply and add notes to tickets shared with them.", agent_type: 3, admin: false },
        ];
        let people = [
            "Alex Morgan",
            "Sam Patel",
            "Jordan Lee",
            "Riley Chen",
            "Casey Novak",
            "Taylor Brooks",
            "Jamie Ortiz",
            "Morgan Diaz",
            "Avery Kim",
            "Quinn Walsh",
            "Drew Silva",
            "Robin Berg",
            "Kai Jensen",
            "Noa Levi",
            "Eli Stone",
            "Remy Fox",
            "Sasha Ivanova",
        ];
        let mut agents = Vec::new();
        for (k, p) in Persona::ALL.iter().enumerate() {
            let (role, scope, occasional, groups): (usize, u8, bool, Vec<u8>) = match p {
                Persona::AccountAdmin => (ROLE_ACCOUNT_ADMIN, 1, false, vec![0, 1]),
                Persona::Admin => (ROLE_ADMIN, 1, false, vec![0]),
                Persona::Agent => (ROLE_AGENT, 1, false, vec![0, 2]),
                // Isolates the occasional-agent warning: otherwise a valid importer key.
                Persona::OccasionalAgent => (ROLE_ACCOUNT_ADMIN, 1, true, vec![1]),
                // Isolates the ticket-scope check: an Account Administrator restricted to two groups.
                Persona::GroupScopedAgent => (ROLE_ACCOUNT_ADMIN, 2, false, vec![0, 2]),
            };
            agents.push(Agent {
                id: base + 13_469_900 + k as u64,
                name: people[k].to_string(),
                email: format!("{}@{}", people[k].to_lowercase().replace(' ', "."), domain),
                role_ids: vec![roles[role].id],
                group_slots: groups,
                ticket_scope: scope,
                occasional,
                persona: Some(*p),
            });
        }
        for (k, p) in people.iter().enumerate().skip(Persona::ALL.len()) {
            agents.push(Agent {
                id: base + 13_469_900 + k as u64,
                name: p.to_string(),
                email: format!("{}@{}", p.to_lowercase().replace(' ', "."), domain),
                role_ids: vec![
                    roles[if k % 4 == 0 {
                        ROLE_SUPERVISOR
                    } else {
                        ROLE_AGENT
                    }]
                    .id,
                ],
                group_slots: vec![(k % ACTIVE_GROUPS) as u8, ((k + 3) % ACTIVE_GROUPS) as u8],
                ticket_scope: 1,
                occasional: false,
                persona: None,
            });
        }
        let keys: BTreeMap<Persona, String> = match spec.product {
            Product::Freshdesk => Persona::ALL
                .iter()
                .map(|p| (*p, freshdesk_key(seed, salt, *p)))
                .collect(),
            // One token per account, created by an account admin.
            Product::Freshchat => [(
                Persona::AccountAdmin,
                freshchat_token(seed, salt, Persona::AccountAdmin),
            )]
            .into(),
        };
        let data = match spec.product {
            Product::Freshdesk => {
                let responders: Vec<u64> = agents
                    .iter()
                    .filter(|a| a.persona.is_none())
                    .map(|a| a.id)
                    .collect();
                let group_ids: [u64; GROUP_NAMES.len()] =
                    std::array::from_fn(|k| base + 259_990 + k as u64);
                let gen = TicketGen::new(seed, salt, spec.size, anchor, responders, group_ids);
                AccountData::Freshdesk(Box::new(TicketStore::build(gen)))
            }
            Product::Freshchat => {
                let ids: Vec<String> = (0..agents.len())
                    .map(|k| crate::chats::uuid(seed, &[stream::ID, salt, 300 + k as u64]))
                    .collect();
                AccountData::Freshchat(Box::new(ChatGen::new(seed, salt, spec.size, anchor, ids)))
            }
        };
        let groups = match spec.product {
            Product::Freshdesk => Groups::new(&GROUP_NAMES, ACTIVE_GROUPS),
            Product::Freshchat => Groups::new(&CHAT_GROUP_NAMES, ACTIVE_CHAT_GROUPS),
        };
        Account {
            id: 1_840_000 + salt * 7_919,
            groups,
            time_zone: RwLock::new(spec.timezone.clone()),
            suspended: AtomicBool::new(spec.suspended),
            spec,
            salt,
            domain,
            keys,
            revoked: Mutex::new(Vec::new()),
            changed_agents: Mutex::new(BTreeMap::new()),
            agents,
            roles,
            data,
            created_at: anchor - 700 * 86_400,
            max_ticket_page: crate::freshdesk::MAX_TICKET_PAGE,
        }
    }

    pub fn info(&self) -> AccountInfo {
        AccountInfo {
            product: self.spec.product,
            domain: self.domain.clone(),
            plan: self.spec.plan,
            suspended: self.is_suspended(),
            keys: self
                .keys
                .iter()
                .map(|(p, k)| (p.name().to_string(), k.clone()))
                .collect(),
        }
    }

    pub fn is_suspended(&self) -> bool {
        self.suspended.load(Ordering::Relaxed)
    }

    pub fn set_suspended(&self, on: bool) {
        self.suspended.store(on, Ordering::Relaxed);
    }

    /// The Rails name of the account's time zone.
    pub fn time_zone(&self) -> String {
        self.time_zone.read().expect("time zone lock").clone()
    }

    pub fn set_time_zone(&self, name: &str) {
        *self.time_zone.write().expect("time zone lock") = name.to_string();
    }

    /// The persona whose key this is, unless the key was revoked.
    pub fn persona_for_key(&self, key: &str) -> Option<Persona> {
        let p = self
            .keys
            .iter()
            .find(|(_, k)| k.as_str() == key)
            .map(|(p, _)| *p)?;
        (!self.revoked.lock().expect("revoked lock").contains(&p)).then_some(p)
    }

    pub fn set_revoked(&self, persona: Persona, revoked: bool) {
        let mut list = self.revoked.lock().expect("revoked lock");
        list.retain(|p| *p != persona);
        if revoked {
            list.push(persona);
        }
    }

    pub fn agent(&self, persona: Persona) -> &Agent {
        self.agents
            .iter()
            .find(|a| a.persona == Some(persona))
            .expect("every persona has an agent")
    }

    /// The persona's agent as it is now: its role and ticket scope may have been changed.
    pub fn agent_now(&self, persona: Persona) -> Agent {
        let mut agent = self.agent(persona).clone();
        let change = self
            .changed_agents
            .lock()
            .expect("agents lock")
            .get(&persona)
            .copied()
            .unwrap_or_default();
        if let Some(role) = change.role {
            agent.role_ids = vec![self.roles[role].id];
        }
        if let Some(scope) = change.ticket_scope {
            agent.ticket_scope = scope;
        }
        agent
    }

    /// Gives the persona's agent another role and/or ticket scope.
    pub fn change_agent(&self, persona: Persona, change: AgentChange) {
        let mut changed = self.changed_agents.lock().expect("agents lock");
        let entry = changed.entry(persona).or_default();
        entry.role = change.role.or(entry.role);
        entry.ticket_scope = change.ticket_scope.or(entry.ticket_scope);
    }

    pub fn is_admin(&self, agent: &Agent) -> bool {
        self.roles
            .iter()
            .any(|r| r.admin && agent.role_ids.contains(&r.id))
    }

    pub fn is_account_admin(&self, agent: &Agent) -> bool {
        agent.role_ids.contains(&self.roles[ROLE_ACCOUNT_ADMIN].id)
    }

    pub fn tickets(&self) -> Option<&TicketStore> {
        match &self.data {
            AccountData::Freshdesk(s) => Some(s),
            AccountData::Freshchat(_) => None,
        }
    }

    pub fn chats(&self) -> Option<&ChatGen> {
        match &self.data {
            AccountData::Freshchat(c) => Some(c),
            AccountData::Freshdesk(_) => None,
        }
    }
}

/// The default set: every plan for each product, a suspended account, and (Freshchat) an
/// account whose token predates the reports scope. `size` applies to each main Enterprise account.
pub fn default_specs(prefix: &str, size: u64) -> Vec<AccountSpec> {
    let mut specs = Vec::new();
    for product in [Product::Freshdesk, Product::Freshchat] {
        let mut add =
            |suffix: &str, plan: Plan, suspended: bool, size: u64, tz: &str, old_token: bool| {
                specs.push(AccountSpec {
                    product,
                    subdomain: format!("{prefix}{suffix}"),
                    plan,
                    suspended,
                    size,
                    timezone: tz.to_string(),
                    token_lacks_reports_scope: old_token,
                    calls_per_minute: None,
                    ticket_list_per_minute: None,
                });
            };
        add(
            "",
            Plan::Enterprise,
            false,
            size,
            "Eastern Time (US & Canada)",
            false,
        );
        add("-pro", Plan::Pro, false, 300, "Berlin", false);
        add(
            "-growth",
            Plan::Growth,
            false,
            200,
            "Pacific Time (US & Canada)",
            false,
        );
        add("-trial", Plan::Trial, false, 150, "London", false);
        add("-free", Plan::Free, false, 100, "Chennai", false);
        add("-suspended", Plan::Pro, true, 100, "Amsterdam", false);
        if product == Product::Freshchat {
            add("-oldtoken", Plan::Pro, false, 100, "UTC", true);
        }
    }
    specs
}
