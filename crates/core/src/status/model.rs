//! What the status of an integration is made of: the state, its reason, notes, and the figures
//! the dashboard card and `idesk status` show.

use crate::integrations::Product;
use serde::Serialize;
use ts_rs::TS;

/// Where an integration stands (docs/cli.md "Health"; issue 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "HealthState")]
pub enum State {
    /// Saved, nothing imported yet.
    New,
    /// The initial import has started and not finished.
    Importing,
    Operational,
    /// The user paused the continuous stage.
    Paused,
    /// Works, but something will hurt: a warning check, data late, budget nearly used up by
    /// other apps, an archive gap, a sync that failed once or has not run for a while.
    NeedsAttention,
    /// A required link is broken: key revoked, role lost, plan or account suspended, syncs
    /// failing again and again.
    Failing,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::New => "new",
            State::Importing => "importing",
            State::Operational => "operational",
            State::Paused => "paused",
            State::NeedsAttention => "needs_attention",
            State::Failing => "failing",
        }
    }

    pub fn parse(text: &str) -> Option<State> {
        [
            State::New,
            State::Importing,
            State::Operational,
            State::Paused,
            State::NeedsAttention,
            State::Failing,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// Why an integration is in its state. Stable codes: the UI translates `status.reasons.<code>`
/// (message) and `status.reasons.<code>_fix` (fix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReasonCode {
    /// `new`: no import has started.
    NotImported,
    /// `paused`: the user paused syncing.
    PausedByUser,
    /// `needs_attention`: the initial import stopped with an error that may pass.
    ImportFailed,
    /// `failing`: the help desk rejects the API key (401).
    KeyRevoked,
    /// `failing`: the API key is not in the keychain.
    KeyMissing,
    /// `failing`: the key's user lost the role, scope or permission the import needs.
    RoleLost,
    /// `failing`: the help-desk account is suspended.
    AccountSuspended,
    /// `failing`: the plan no longer includes the API.
    PlanInsufficient,
    /// `failing`: the help desk cannot be reached as configured (host gone).
    ConnectionFailed,
    /// `failing`: several syncs in a row failed.
    SyncFailing,
    /// `needs_attention`: the last sync failed; the next one tries again.
    SyncRetrying,
    /// `needs_attention`: no sync has run for much longer than the sync period.
    SyncLate,
    /// `needs_attention`: a check that is not required failed (e.g. an occasional agent's key).
    CheckWarning,
    /// `needs_attention`: syncs run, but no new contact arrived for longer than the help desk's
    /// usual quiet periods at these hours.
    DataLate,
    /// `needs_attention`: other apps use most of the shared API budget.
    BudgetLow,
    /// `needs_attention`: Freshdesk may have archived tickets closed since the last sync.
    ArchiveGap,
}

impl ReasonCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::NotImported => "not_imported",
            ReasonCode::PausedByUser => "paused_by_user",
            ReasonCode::ImportFailed => "import_failed",
            ReasonCode::KeyRevoked => "key_revoked",
            ReasonCode::KeyMissing => "key_missing",
            ReasonCode::RoleLost => "role_lost",
            ReasonCode::AccountSuspended => "account_suspended",
            ReasonCode::PlanInsufficient => "plan_insufficient",
            ReasonCode::ConnectionFailed => "connection_failed",
            ReasonCode::SyncFailing => "sync_failing",
            ReasonCode::SyncRetrying => "sync_retrying",
            ReasonCode::SyncLate => "sync_late",
            ReasonCode::CheckWarning => "check_warning",
            ReasonCode::DataLate => "data_late",
            ReasonCode::BudgetLow => "budget_low",
            ReasonCode::ArchiveGap => "archive_gap",
        }
    }

    pub const ALL: &'static [ReasonCode] = &[
        ReasonCode::NotImported,
        ReasonCode::PausedByUser,
        ReasonCode::ImportFailed,
        ReasonCode::KeyRevoked,
        ReasonCode::KeyMissing,
        ReasonCode::RoleLost,
        ReasonCode::AccountSuspended,
        ReasonCode::PlanInsufficient,
        ReasonCode::ConnectionFailed,
        ReasonCode::SyncFailing,
        ReasonCode::SyncRetrying,
        ReasonCode::SyncLate,
        ReasonCode::CheckWarning,
        ReasonCode::DataLate,
        ReasonCode::BudgetLow,
        ReasonCode::ArchiveGap,
    ];
}

/// A reason: its code, and the English message and fix (the UI shows its own translation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthReason")]
pub struct Reason {
    pub code: ReasonCode,
    pub message: String,
    pub fix: String,
}

/// Something worth knowing that does not change the state (an unverifiable check, the import's
/// progress). `code` is a check code (`checks.codes.*` in the UI) or `import_progress`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthNote")]
pub struct Note {
    pub code: String,
    pub message: String,
}

/// The last `X-RateLimit-Remaining / Total` seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RateLimit {
    #[ts(type = "number")]
    pub remaining: u64,
    #[ts(type = "number")]
    pub total: u64,
    /// RFC 3339.
    pub at: String,
}

/// One minute of the rate-limit chart: credits charged to us and to everyone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RateMinute {
    /// The minute's start, RFC 3339.
    pub at: String,
    #[ts(type = "number")]
    pub ours: u64,
    /// Used by other apps on the same account (the server's count beyond ours).
    #[ts(type = "number")]
    pub others: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// An integration's status: what the dashboard card and `idesk status` show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IntegrationHealth {
    pub id: String,
    pub name: String,
    pub product: Product,
    pub state: State,
    pub reason: Option<Reason>,
    /// When it entered this state, RFC 3339.
    pub since: Option<String>,
    /// When the connection was last checked, RFC 3339.
    pub last_check: Option<String>,
    /// When the last import or sync completed, RFC 3339.
    pub last_sync: Option<String>,
    /// The newest cached contact, RFC 3339.
    pub last_data: Option<String>,
    /// Cached contacts of today in the integration's zone.
    #[ts(type = "number")]
    pub contacts_today: u64,
    pub rate_limit: Option<RateLimit>,
    pub notes: Vec<Note>,
}
