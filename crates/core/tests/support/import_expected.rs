//! The expected result of an import, computed by the engine from the simulator's ground truth
//! (initial stage, and continuous stage through a name ledger), and the exact minimum of credits.

use super::*;
use idesk_rules::{
    ChatGroup, ChatResolution, Conversation, FreshchatCatalog, FreshchatDeriver, FreshdeskCatalog,
    FreshdeskDeriver, Group, NameLedger, QueueId, Settled, Ticket, TicketSourceChoice,
};

/// What the engine makes of the simulator's ground truth for a backfill from `since`, and the
/// exact minimum of API credits (docs/freshworks-api.md) to import it.
pub async fn freshdesk_expected(sim: &SimHandle, domain: &str, since: DateTime<Utc>) -> Expected {
    freshdesk_expected_as_of(sim, domain, since, None).await
}

/// As [`freshdesk_expected`], for the account as it was at `as_of` (live activity).
pub async fn freshdesk_expected_as_of(
    sim: &SimHandle,
    domain: &str,
    since: DateTime<Utc>,
    as_of: Option<DateTime<Utc>>,
) -> Expected {
    let truth = freshdesk_truth(sim, domain, as_of).await;
    let mut tickets = Vec::new();
    let mut conversations = Vec::new();
    let mut per_pass: [Vec<i64>; 3] = Default::default();
    let mut conversation_calls = 0u64;
    for t in truth.listed(since) {
        per_pass[t.pass].push(t.ticket.updated_at.timestamp());
        if t.ticket.updated_at != t.ticket.created_at {
            conversation_calls += (t.conversations.len() as u64).div_ceil(100).max(1);
        }
        conversations.extend(t.conversations.iter().cloned());
        tickets.push(t.ticket.clone());
    }
    let mut deriver = FreshdeskDeriver::new(truth.catalog());
    let contacts: Vec<_> = deriver
        .derive_initial(&tickets, &conversations)
        .filter(|c| c.at >= since)
        .collect();
    let expected = contacts
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                deriver.queues().name(c.queue).to_string(),
                c.at.timestamp(),
            )
        })
        .collect();
    let passes = [0, 1, 2].map(|i| per_pass[i].len() as u64);
    let list_pages: u64 = per_pass.into_iter().map(list_pages).sum();
    Expected {
        contacts: expected,
        // groups (one page here), ticket_fields, account.
        minimum_credits: list_pages + conversation_calls + 3,
        listed_per_pass: passes,
    }
}

/// A Freshdesk account's ground truth (`/_sim/.../truth`), as it was at some instant.
pub struct FreshdeskTruth {
    pub groups: Vec<Group>,
    pub sources: Vec<TicketSourceChoice>,
    pub tickets: Vec<TruthTicket>,
}

/// One ticket of the ground truth with its state and conversations.
pub struct TruthTicket {
    /// `live`, `spam`, `deleted`, `trashed`, `archived` or `purged`.
    pub state: String,
    pub ticket: Ticket,
    pub conversations: Vec<Conversation>,
}

/// A ticket in one of the importer's three lists: 0 default, 1 spam, 2 deleted.
pub struct ListedTruth<'a> {
    pub pass: usize,
    pub ticket: &'a Ticket,
    pub conversations: &'a [Conversation],
}

impl FreshdeskTruth {
    /// The catalog the importer reads: the groups not deleted, the source choices.
    pub fn catalog(&self) -> FreshdeskCatalog {
        FreshdeskCatalog::new(&self.groups, &self.sources)
    }

    /// The tickets the three lists show with `updated_at >= since` (trashed, archived and
    /// purged tickets are in no list).
    pub fn listed(&self, since: DateTime<Utc>) -> impl Iterator<Item = ListedTruth<'_>> {
        self.tickets.iter().filter_map(move |t| {
            let pass = match t.state.as_str() {
                "live" => 0,
                "spam" => 1,
                "deleted" => 2,
                _ => return None,
            };
            (t.ticket.updated_at >= since).then_some(ListedTruth {
                pass,
                ticket: &t.ticket,
                conversations: &t.conversations,
            })
        })
    }

    pub fn ticket(&self, id: u64) -> Option<&TruthTicket> {
        self.tickets.iter().find(|t| t.ticket.id == id)
    }
}

/// Reads the ground truth of `domain`, as of `as_of` (now when `None`).
pub async fn freshdesk_truth(
    sim: &SimHandle,
    domain: &str,
    as_of: Option<DateTime<Utc>>,
) -> FreshdeskTruth {
    let as_of = as_of.map_or(String::new(), |t| {
        format!(
            "&as_of={}",
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    });
    let summary = truth_summary(sim, domain).await;
    let groups: Vec<Group> = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["deleted"].as_bool().unwrap())
        .map(|g| Group {
            id: g["id"].as_u64().unwrap(),
            name: g["name"].as_str().unwrap().into(),
        })
        .collect();
    let sources: Vec<TicketSourceChoice> = summary["source_choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| TicketSourceChoice {
            code: s["code"].as_i64().unwrap(),
            name: s["name"].as_str().unwrap().into(),
        })
        .collect();
    let mut tickets = Vec::new();
    let mut offset = 0;
    loop {
        let page = control(
            sim,
            reqwest::Method::GET,
            &format!("/_sim/accounts/{domain}/truth/tickets?offset={offset}&limit=5000{as_of}"),
            None,
        )
        .await;
        for t in page["tickets"].as_array().unwrap() {
            let ticket = Ticket {
                id: t["id"].as_u64().unwrap(),
                group_id: t["group_id"].as_u64(),
                source: t["source"].as_i64().unwrap(),
                spam: t["spam"].as_bool().unwrap(),
                deleted: t["deleted"].as_bool().unwrap(),
                created_at: time(&t["created_at"]),
                updated_at: time(&t["updated_at"]),
            };
            let conversations = t["conversations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| Conversation {
                    id: c["id"].as_u64().unwrap(),
                    ticket_id: ticket.id,
                    incoming: c["incoming"].as_bool().unwrap(),
                    private: c["private"].as_bool().unwrap(),
                    source: c["source"].as_i64().unwrap(),
                    created_at: time(&c["created_at"]),
                })
                .collect();
            tickets.push(TruthTicket {
                state: t["state"].as_str().unwrap().to_string(),
                ticket,
                conversations,
            });
        }
        offset += 5000;
        if offset >= page["total"].as_u64().unwrap() as usize {
            break;
        }
    }
    FreshdeskTruth {
        groups,
        sources,
        tickets,
    }
}

/// The continuous stage's expected contacts (docs/domain-rules.md, "Initial and continuous stage"):
/// each observation names the contacts of the window from the account's state at that instant,
/// and a contact keeps the name it got when first observed ([`NameLedger`]).
pub struct ContinuousExpected {
    since: DateTime<Utc>,
    deriver: FreshdeskDeriver,
    ledger: NameLedger,
    contacts: std::collections::BTreeMap<String, (QueueId, i64)>,
}

impl ContinuousExpected {
    /// For a window starting at `since`, with the catalog of `truth` (groups do not change).
    pub fn new(truth: &FreshdeskTruth, since: DateTime<Utc>) -> Self {
        Self {
            since,
            deriver: FreshdeskDeriver::new(truth.catalog()),
            ledger: NameLedger::new(),
            contacts: Default::default(),
        }
    }

    /// One import or sync that saw the account as `truth` shows it; returns the contacts new
    /// to this observation.
    pub fn observe(&mut self, truth: &FreshdeskTruth) -> usize {
        let mut tickets = Vec::new();
        let mut conversations = Vec::new();
        for t in truth.listed(self.since) {
            tickets.push(t.ticket.clone());
            conversations.extend(t.conversations.iter().cloned());
        }
        let derived: Vec<_> = self
            .deriver
            .derive_initial(&tickets, &conversations)
            .filter(|c| c.at >= self.since)
            .collect();
        let mut new = 0;
        for c in derived {
            if let Settled::New(c) = self.ledger.settle(c) {
                self.contacts
                    .insert(c.id.to_string(), (c.queue, c.at.timestamp()));
                new += 1;
            }
        }
        new
    }

    pub fn contacts(&self) -> ContactSet {
        self.contacts
            .iter()
            .map(|(id, (q, at))| (id.clone(), self.deriver.queues().name(*q).to_string(), *at))
            .collect()
    }
}

/// What an import must end with, and the exact minimum of credits to get there.
pub struct Expected {
    pub contacts: ContactSet,
    pub minimum_credits: u64,
    /// Tickets in the default, spam and deleted lists since the window's start.
    pub listed_per_pass: [u64; 3],
}

/// Pages of 100 needed to list tickets with these `updated_at`s in ascending order, restarting
/// after page 300 from the last `updated_at` seen (its tickets are listed again).
pub fn list_pages(mut updated: Vec<i64>) -> u64 {
    updated.sort_unstable();
    let (mut start, mut pages) = (0usize, 0u64);
    loop {
        let rest = updated.len() - start;
        if rest <= 30_000 {
            return pages + (rest as u64).div_ceil(100).max(1);
        }
        pages += 300;
        let last = updated[start + 29_999];
        start = updated.partition_point(|&u| u < last);
    }
}

/// What the engine makes of the simulator's ground truth for a Freshchat import of
/// `[since, until)`: one contact per resolution in the `Conversation-Resolved` report.
pub async fn freshchat_expected(
    sim: &SimHandle,
    domain: &str,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> ContactSet {
    let summary = truth_summary(sim, domain).await;
    let groups: Vec<ChatGroup> = summary["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["deleted"].as_bool().unwrap())
        .map(|g| ChatGroup {
            id: g["id"].as_str().unwrap().into(),
            name: g["name"].as_str().unwrap().into(),
        })
        .collect();
    let rows = control(
        sim,
        reqwest::Method::GET,
        &format!(
            "/_sim/accounts/{domain}/truth/resolutions?from={}&to={}",
            since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ),
        None,
    )
    .await;
    let mut deriver = FreshchatDeriver::new(FreshchatCatalog::new(&groups));
    let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_string);
    rows["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let c = deriver.contact(&ChatResolution {
                conversation_id: r["conversation_id"].as_str().unwrap().into(),
                group_id: text(&r["report_group_id"]),
                group_name: text(&r["report_group_name"]),
                resolved_at: time(&r["resolved_time"]),
                interaction_id: text(&r["interaction_id"]),
                spam: false,
                deleted: false,
            });
            (
                c.id.to_string(),
                deriver.queues().name(c.queue).to_string(),
                c.at.timestamp(),
            )
        })
        .collect()
}
