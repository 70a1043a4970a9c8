//! The status rules: one pure function from what the store knows ([`Facts`]) to a state, its
//! reason and notes. The first rule that applies wins:
//!
//! 1. `paused`: the user paused syncing (after the initial import).
//! 2. `failing`: a required link is broken: the last run failed with a rejected key, a denied
//!    role, a suspended account or plan, or a missing keychain entry; or the last connection
//!    check (newer than the last successful run) failed a required check.
//! 3. `new`: no import has started.
//! 4. `importing` while the initial import has not finished (`needs_attention` /
//!    `import_failed` when its last attempt stopped with an error that may pass).
//! 5. `failing` / `sync_failing`: [`FAILING_AFTER`] or more runs in a row failed.
//! 6. `needs_attention`, the first of: the last run failed (`sync_retrying`); a check that is not
//!    required failed (`check_warning`); Freshdesk's archive delay passed since the last
//!    successful run (`archive_gap`); no successful run for [`SYNC_LATE_PERIODS`] sync periods
//!    (`sync_late`); the data is late by the help desk's rhythm (`data_late`, see
//!    [`super::freshness`]); other apps use [`BUDGET_LOW_SHARE`] of the API budget (`budget_low`).
//! 7. `operational`.
//!
//! An `unverified` check is a note, never a state: some checks (Freshchat's `account_admin`)
//! can never be verified.

use super::freshness::Freshness;
use super::model::{Note, ReasonCode, State};
use super::reasons;
use crate::freshworks::checks::{is_required, CheckResult, Outcome};
use crate::import::FRESHDESK_ARCHIVE_DAYS;
use crate::integrations::Product;

/// Runs failing in a row before the integration counts as failing.
pub const FAILING_AFTER: u32 = 3;
/// Sync periods without a successful run before the sync counts as late.
pub const SYNC_LATE_PERIODS: i64 = 3;
/// Never "sync late" within this many seconds of the last success (short periods, restarts).
const SYNC_LATE_MIN_SECS: i64 = 30 * 60;
/// The share of the per-minute budget used by other apps that counts as "budget low".
pub const BUDGET_LOW_SHARE: f64 = 0.8;
/// A rate-limit sample older than this says nothing about the budget now.
const RATE_SAMPLE_FRESH_SECS: i64 = 15 * 60;

/// A run (import or sync) that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunFailure {
    pub import: bool,
    pub at: i64,
    pub code: String,
    pub message: String,
}

/// The runs since the last success.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Runs {
    /// When the last run completed successfully (import or sync).
    pub last_success: Option<i64>,
    /// The newest failure after the last success.
    pub last_failure: Option<RunFailure>,
    /// Failures since the last success, and when the first of them happened.
    pub failures_in_a_row: u32,
    pub first_failure_at: Option<i64>,
}

/// The initial import.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Import {
    pub started_at: i64,
    /// Whether an import has completed (its window is covered).
    pub done: bool,
    /// How far the running import got through its window (0–1) and up to when.
    pub progress: Option<(f64, i64)>,
}

/// The last rate-limit headers seen, with the credits of that minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateSample {
    pub at: i64,
    pub remaining: u64,
    pub total: u64,
    /// The most the server counted as used in the sample's minute.
    pub used: u64,
    /// Credits charged to us in that minute.
    pub ours: u64,
}

/// Everything the rules read, gathered from the store.
#[derive(Debug, Clone)]
pub struct Facts {
    pub product: Product,
    pub created_at: i64,
    pub checks: Vec<CheckResult>,
    pub checked_at: Option<i64>,
    pub import: Option<Import>,
    pub paused: bool,
    pub every_minutes: u32,
    pub runs: Runs,
    pub freshness: Option<Freshness>,
    pub newest_contact: Option<i64>,
    pub rate: Option<RateSample>,
    pub now: i64,
}

/// What the rules decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub state: State,
    /// The reason and a detail for its message (an error's or a check's message).
    pub reason: Option<(ReasonCode, Option<String>)>,
    /// When the evidence for this state arose, if known (else: when first seen).
    pub since_hint: Option<i64>,
    pub notes: Vec<Note>,
}

pub fn evaluate(f: &Facts) -> Verdict {
    let mut verdict = decide(f);
    verdict.notes = notes(f);
    verdict
}

fn verdict(
    state: State,
    reason: Option<ReasonCode>,
    detail: Option<&str>,
    hint: Option<i64>,
) -> Verdict {
    Verdict {
        state,
        reason: reason.map(|r| (r, detail.map(str::to_string))),
        since_hint: hint,
        notes: Vec::new(),
    }
}

fn decide(f: &Facts) -> Verdict {
    let import_done = f.import.is_some_and(|i| i.done);
    if import_done && f.paused {
        return verdict(State::Paused, Some(ReasonCode::PausedByUser), None, None);
    }
    // A connection check that passed after the failure (a new key entered) supersedes it.
    let fixed_since = |at: i64| {
        f.checked_at.is_some_and(|checked| checked > at)
            && f.checks
                .iter()
                .all(|c| c.outcome != Outcome::Failed || !is_required(f.product, c.check))
    };
    if let Some(failure) = f.runs.last_failure.as_ref().filter(|x| !fixed_since(x.at)) {
        if let Some(code) = reasons::broken_link(&failure.code, &failure.message) {
            let hint = f.runs.first_failure_at.or(Some(failure.at));
            return verdict(State::Failing, Some(code), Some(&failure.message), hint);
        }
    }
    let check_is_newer = f
        .checked_at
        .is_some_and(|checked| f.runs.last_success.is_none_or(|ok| checked >= ok));
    if check_is_newer {
        if let Some(check) = f
            .checks
            .iter()
            .find(|c| c.outcome == Outcome::Failed && is_required(f.product, c.check))
        {
            let code = reasons::from_check(check);
            return verdict(
                State::Failing,
                Some(code),
                Some(&check.message),
                f.checked_at,
            );
        }
    }
    let Some(import) = f.import else {
        return verdict(
            State::New,
            Some(ReasonCode::NotImported),
            None,
            Some(f.created_at),
        );
    };
    if !import.done {
        return match &f.runs.last_failure {
            Some(failure) if failure.import => verdict(
                State::NeedsAttention,
                Some(ReasonCode::ImportFailed),
                Some(&failure.message),
                Some(failure.at),
            ),
            _ => verdict(State::Importing, None, None, Some(import.started_at)),
        };
    }
    if let Some(failure) = &f.runs.last_failure {
        let (state, code) = if f.runs.failures_in_a_row >= FAILING_AFTER {
            (State::Failing, ReasonCode::SyncFailing)
        } else {
            (State::NeedsAttention, ReasonCode::SyncRetrying)
        };
        return verdict(
            state,
            Some(code),
            Some(&failure.message),
            f.runs.first_failure_at,
        );
    }
    if let Some(check) = f
        .checks
        .iter()
        .find(|c| c.outcome == Outcome::Failed && !is_required(f.product, c.check))
    {
        return verdict(
            State::NeedsAttention,
            Some(ReasonCode::CheckWarning),
            Some(&check.message),
            f.checked_at,
        );
    }
    let since_success = f.runs.last_success.map(|ok| f.now - ok);
    if f.product == Product::Freshdesk
        && since_success.is_some_and(|s| s > FRESHDESK_ARCHIVE_DAYS * 86_400)
    {
        let hint = f
            .runs
            .last_success
            .map(|ok| ok + FRESHDESK_ARCHIVE_DAYS * 86_400);
        return verdict(
            State::NeedsAttention,
            Some(ReasonCode::ArchiveGap),
            None,
            hint,
        );
    }
    let late_after = (SYNC_LATE_PERIODS * f.every_minutes as i64 * 60).max(SYNC_LATE_MIN_SECS);
    if since_success.is_some_and(|s| s > late_after) {
        let hint = f.runs.last_success.map(|ok| ok + late_after);
        return verdict(
            State::NeedsAttention,
            Some(ReasonCode::SyncLate),
            None,
            hint,
        );
    }
    if f.freshness.is_some_and(|fr| fr.late) {
        return verdict(
            State::NeedsAttention,
            Some(ReasonCode::DataLate),
            None,
            f.newest_contact,
        );
    }
    if let Some(rate) = f
        .rate
        .filter(|r| f.now - r.at <= RATE_SAMPLE_FRESH_SECS && r.total > 0)
    {
        let others = rate.used.saturating_sub(rate.ours);
        if others as f64 >= BUDGET_LOW_SHARE * rate.total as f64 {
            let detail = format!(
                "{others} of {} credits per minute used by other apps",
                rate.total
            );
            return verdict(
                State::NeedsAttention,
                Some(ReasonCode::BudgetLow),
                Some(&detail),
                Some(rate.at),
            );
        }
    }
    verdict(State::Operational, None, None, f.runs.last_success)
}

/// Unverified checks, and the running import's progress.
fn notes(f: &Facts) -> Vec<Note> {
    let mut notes: Vec<Note> = f
        .checks
        .iter()
        .filter(|c| c.outcome == Outcome::Unverified)
        .map(|c| Note {
            code: c.code.clone(),
            message: c.message.clone(),
        })
        .collect();
    if let Some(Import {
        done: false,
        progress: Some((share, upto)),
        ..
    }) = f.import
    {
        let upto = chrono::DateTime::from_timestamp(upto, 0).unwrap_or_default();
        notes.push(Note {
            code: "import_progress".into(),
            message: format!(
                "the import has reached {} ({:.0} % of its window)",
                upto.format("%Y-%m-%d %H:%M UTC"),
                share * 100.0
            ),
        });
    }
    notes
}
