//! The English message and fix of each reason code (the UI translates by code:
//! `status.reasons.<code>` and `status.reasons.<code>_fix`), and how errors and checks map to
//! reasons.

use super::model::{Reason, ReasonCode};
use crate::freshworks::checks::CheckResult;

/// The reason with its English message and fix; `detail` (an error or check message) is added
/// to the message when given.
pub fn reason(code: ReasonCode, detail: Option<&str>) -> Reason {
    let (message, fix) = text(code);
    Reason {
        code,
        message: match detail {
            Some(detail) if !detail.is_empty() => format!("{message} ({detail})"),
            _ => message.to_string(),
        },
        fix: fix.to_string(),
    }
}

fn text(code: ReasonCode) -> (&'static str, &'static str) {
    match code {
        ReasonCode::NotImported => (
            "Nothing has been imported yet.",
            "Start the initial import on the integration's Data page (or run `idesk import`).",
        ),
        ReasonCode::PausedByUser => (
            "Syncing is paused.",
            "Resume syncing on the integration's Data page; it first imports what changed in between.",
        ),
        ReasonCode::ImportFailed => (
            "The initial import stopped with an error.",
            "Start the import again; it continues where it stopped.",
        ),
        ReasonCode::KeyRevoked => (
            "The help desk no longer accepts the API key: it was revoked or reset.",
            "Copy the current API key from the help desk and enter it in the integration's settings.",
        ),
        ReasonCode::KeyMissing => (
            "The API key is missing from the keychain.",
            "Enter the API key again in the integration's settings.",
        ),
        ReasonCode::RoleLost => (
            "The key's user lost the role or access the integration needs.",
            "Give the user back the Account Administrator role and access to all tickets, or enter the key of a user who has them.",
        ),
        ReasonCode::AccountSuspended => (
            "The help-desk account is suspended.",
            "Reactivate the account in the help desk's billing settings.",
        ),
        ReasonCode::PlanInsufficient => (
            "The help desk's plan no longer includes API access.",
            "Upgrade the account to a Pro or Enterprise plan.",
        ),
        ReasonCode::ConnectionFailed => (
            "The help desk cannot be reached at this address.",
            "Check the domain in the integration's settings and run the connection test again.",
        ),
        ReasonCode::SyncFailing => (
            "Several syncs in a row failed.",
            "Run Diagnose (or `idesk check`) to find the broken link; syncing tries again at every period.",
        ),
        ReasonCode::SyncRetrying => (
            "The last sync failed; the next one tries again.",
            "Nothing to do unless it keeps failing.",
        ),
        ReasonCode::SyncLate => (
            "No sync has run for much longer than the sync period.",
            "Keep Integration Desk (or `idesk sync --watch`) running, or check that syncing is not stopped.",
        ),
        ReasonCode::CheckWarning => (
            "A connection check reported a problem that does not stop syncing.",
            "Open the integration's checks and follow the fix shown there.",
        ),
        ReasonCode::DataLate => (
            "Syncs run, but no new contact arrived for longer than this help desk is usually quiet at these hours.",
            "Check in the help desk that tickets and chats still come in, and that the key's user still sees all of them.",
        ),
        ReasonCode::BudgetLow => (
            "Other apps use most of the account's API budget per minute, so syncs are slowed down.",
            "Reduce the other apps' API use on this account, or move to a plan with a larger budget.",
        ),
        ReasonCode::ArchiveGap => (
            "The last sync is older than Freshdesk's archive delay: tickets closed meanwhile may be archived and missing.",
            "Run the import again from the day of the last sync to fill the gap.",
        ),
    }
}

/// The reason of a failed required check, if it names a broken link.
pub fn from_check(check: &CheckResult) -> ReasonCode {
    match check.code.as_str() {
        "key_invalid" => ReasonCode::KeyRevoked,
        "account_suspended" => ReasonCode::AccountSuspended,
        "plan_no_api" | "plan_below_pro" => ReasonCode::PlanInsufficient,
        "host_not_found" | "host_not_api" => ReasonCode::ConnectionFailed,
        // key_forbidden, not_admin, not_account_admin, ticket_scope_*, reports_extract_missing
        _ => ReasonCode::RoleLost,
    }
}

/// What a run's error code (and message) says about the link: `Some` when a required link is
/// broken (no retry will fix it), `None` for errors that may pass.
pub fn broken_link(error_code: &str, message: &str) -> Option<ReasonCode> {
    match error_code {
        "import_key_rejected" => Some(ReasonCode::KeyRevoked),
        "keychain_entry_missing" => Some(ReasonCode::KeyMissing),
        // `import::access_denied` names the server's code: "(403 account_suspended)".
        "import_access_denied" if message.contains("account_suspended") => {
            Some(ReasonCode::AccountSuspended)
        }
        "import_access_denied" if message.contains("require_feature") => {
            Some(ReasonCode::PlanInsufficient)
        }
        "import_access_denied" => Some(ReasonCode::RoleLost),
        _ => None,
    }
}
