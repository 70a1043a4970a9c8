//! The connection test of the setup flow: each prerequisite checked separately, each with an
//! outcome, a stable code (the UI translates by it) and an English message with the reason and fix.
//! Check ids and their order are a contract (docs/cli.md).

mod freshchat;
mod freshdesk;
mod plan;
mod transport;

pub use freshchat::check_freshchat;
pub use freshdesk::check_freshdesk;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CheckId {
    Host,
    Key,
    AccountAdmin,
    TicketScope,
    Plan,
    OccasionalAgent,
    ReportsExtract,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Passed,
    Failed,
    /// Could not verify: shown as a warning, never blocks saving a non-required check.
    Unverified,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckResult {
    pub check: CheckId,
    pub outcome: Outcome,
    pub code: String,
    pub message: String,
}

impl CheckResult {
    pub fn new(check: CheckId, outcome: Outcome, code: &str, message: impl Into<String>) -> Self {
        Self {
            check,
            outcome,
            code: code.to_string(),
            message: message.into(),
        }
    }
    fn passed(check: CheckId, code: &str, message: impl Into<String>) -> Self {
        Self::new(check, Outcome::Passed, code, message)
    }
    fn failed(check: CheckId, code: &str, message: impl Into<String>) -> Self {
        Self::new(check, Outcome::Failed, code, message)
    }
    fn unverified(check: CheckId, code: &str, message: impl Into<String>) -> Self {
        Self::new(check, Outcome::Unverified, code, message)
    }
    /// A check that could not run because an earlier one failed.
    fn not_checked(check: CheckId) -> Self {
        Self::unverified(
            check,
            "not_checked",
            "not checked: an earlier check did not pass",
        )
    }
}

/// Whether a check must pass before an integration may be saved (docs/cli.md "Required").
pub fn is_required(product: crate::integrations::Product, check: CheckId) -> bool {
    use crate::integrations::Product;
    match check {
        CheckId::Host | CheckId::Key => true,
        CheckId::AccountAdmin | CheckId::TicketScope => product == Product::Freshdesk,
        CheckId::ReportsExtract => product == Product::Freshchat,
        CheckId::Plan | CheckId::OccasionalAgent => false,
    }
}

/// Saving is allowed when every required check passed and the plan check did not fail.
/// `unverified` never blocks a non-required check; `occasional_agent` only warns.
pub fn allows_saving(product: crate::integrations::Product, results: &[CheckResult]) -> bool {
    results.iter().all(|r| match r.outcome {
        Outcome::Passed => true,
        Outcome::Unverified => !is_required(product, r.check),
        Outcome::Failed => !is_required(product, r.check) && r.check != CheckId::Plan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::integrations::Product;

    fn r(check: CheckId, outcome: Outcome) -> CheckResult {
        CheckResult::new(check, outcome, "x", "x")
    }

    #[test]
    fn saving_rules_follow_the_contract() {
        use CheckId::*;
        use Outcome::*;
        let fd = |plan, occ, admin| {
            vec![
                r(Host, Passed),
                r(Key, Passed),
                r(AccountAdmin, admin),
                r(TicketScope, Passed),
                r(Plan, plan),
                r(OccasionalAgent, occ),
            ]
        };
        assert!(allows_saving(
            Product::Freshdesk,
            &fd(Passed, Passed, Passed)
        ));
        assert!(
            allows_saving(Product::Freshdesk, &fd(Unverified, Failed, Passed)),
            "unverified plan and occasional agent only warn"
        );
        assert!(
            !allows_saving(Product::Freshdesk, &fd(Failed, Passed, Passed)),
            "a failed plan blocks"
        );
        assert!(!allows_saving(
            Product::Freshdesk,
            &fd(Passed, Passed, Failed)
        ));
        assert!(
            !allows_saving(Product::Freshdesk, &fd(Passed, Passed, Unverified)),
            "a required check must pass"
        );
        let fc = |admin, extract| {
            vec![
                r(Host, Passed),
                r(Key, Passed),
                r(Plan, Passed),
                r(ReportsExtract, extract),
                r(AccountAdmin, admin),
            ]
        };
        assert!(allows_saving(Product::Freshchat, &fc(Unverified, Passed)));
        assert!(
            allows_saving(Product::Freshchat, &fc(Failed, Passed)),
            "account_admin is not required for Freshchat"
        );
        assert!(!allows_saving(Product::Freshchat, &fc(Passed, Failed)));
    }
}
