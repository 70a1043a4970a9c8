//! `credentials`, `role` and `plan`: the connection checks of the setup flow run again with the
//! stored key, read as links.

use super::{LinkId, LinkResult};
use crate::error::{CoreError, ErrorCode};
use crate::freshworks::checks::{CheckId, CheckResult, Outcome};
use crate::integrations::Product;

const NEW_KEY_FIX: &str = "Paste a new key: edit the integration and enter the API key of a full-time Account Administrator (ideally a service user).";
const TRY_AGAIN_FIX: &str =
    "Try again in a few minutes; if it persists, check the network, proxy or firewall.";

/// The API calls the connection checks make when everything answers (for the budget estimate).
pub(super) fn calls_made(product: Product) -> u64 {
    match product {
        Product::Freshdesk => 3,
        Product::Freshchat => 0,
    }
}

/// The three links from the checks, and whether the API can be used for the links after them.
pub(super) fn links(product: Product, checks: &[CheckResult]) -> (Vec<LinkResult>, bool) {
    let find = |id: CheckId| checks.iter().find(|c| c.check == id);
    let credentials = credentials(
        find(CheckId::Host),
        find(CheckId::Key),
        find(CheckId::OccasionalAgent),
    );
    let role = match product {
        Product::Freshdesk => role(&[find(CheckId::AccountAdmin), find(CheckId::TicketScope)]),
        Product::Freshchat => role(&[find(CheckId::AccountAdmin), find(CheckId::ReportsExtract)]),
    };
    let plan = plan(find(CheckId::Key), find(CheckId::Plan));
    let usable = matches!(
        credentials.outcome,
        super::LinkOutcome::Passed | super::LinkOutcome::Warning
    ) && plan.outcome != super::LinkOutcome::Failed;
    (vec![credentials, role, plan], usable)
}

/// The credentials link when the stored key cannot be read from the keychain.
pub(super) fn key_unavailable(e: &CoreError) -> LinkResult {
    let (code, fix) = match e.code {
        ErrorCode::KeychainEntryMissing => ("key_missing", NEW_KEY_FIX),
        _ => (
            "keychain_unavailable",
            "Unlock the keychain (log in to the desktop session) and try again.",
        ),
    };
    LinkResult::failed(
        LinkId::Credentials,
        code,
        format!(
            "the stored API key could not be read from the keychain ({})",
            e.code.as_str()
        ),
        fix,
    )
    .with("error_code", e.code.as_str())
}

fn with_check(link: LinkResult, check: &CheckResult) -> LinkResult {
    link.with("check", check.code.clone())
}

fn credentials(
    host: Option<&CheckResult>,
    key: Option<&CheckResult>,
    occasional: Option<&CheckResult>,
) -> LinkResult {
    let c = LinkId::Credentials;
    if let Some(h) = host.filter(|h| h.outcome != Outcome::Passed) {
        let link = if h.outcome == Outcome::Failed {
            LinkResult::failed(
                c,
                "host_unreachable",
                format!("the help desk could not be reached: {}", h.message),
                TRY_AGAIN_FIX,
            )
        } else {
            LinkResult::warning(
                c,
                "host_not_answering",
                format!("the help desk did not answer usefully: {}", h.message),
                TRY_AGAIN_FIX,
            )
        };
        return with_check(link, h);
    }
    let Some(key) = key else {
        return LinkResult::skipped(c, "not_checked", "the key was not checked");
    };
    let link = match (key.outcome, key.code.as_str()) {
        (Outcome::Passed, _) => match occasional.filter(|o| o.outcome == Outcome::Failed) {
            Some(_) => LinkResult::warning(
                c,
                "occasional_agent_key",
                "the key works, but it belongs to an occasional agent: their keys are reset, which stops the sync",
                "Use the key of a full-time Account Administrator, ideally a service user.",
            ),
            None => LinkResult::passed(c, "key_ok", "the stored API key is accepted"),
        },
        (Outcome::Failed, "key_invalid") => LinkResult::failed(
            c,
            "key_rejected",
            "the help desk rejects the stored API key (401): the key was reset or its agent removed",
            NEW_KEY_FIX,
        ),
        (Outcome::Failed, "account_suspended") | (Outcome::Unverified, "not_checked") => LinkResult::skipped(
            c,
            "not_checked_account",
            "the key could not be checked: the account refuses every call (see the plan)",
        ),
        (Outcome::Failed, _) => LinkResult::failed(
            c,
            "key_forbidden",
            "the help desk refuses the stored API key (403)",
            NEW_KEY_FIX,
        ),
        (Outcome::Unverified, _) => LinkResult::warning(
            c,
            "key_unverified",
            format!("the key could not be verified now: {}", key.message),
            TRY_AGAIN_FIX,
        ),
    };
    with_check(link, key)
}

fn role(checks: &[Option<&CheckResult>]) -> LinkResult {
    let c = LinkId::Role;
    let present: Vec<&CheckResult> = checks.iter().flatten().copied().collect();
    if present.is_empty() || present.iter().all(|r| r.code == "not_checked") {
        return LinkResult::not_checked(c);
    }
    if let Some(failed) = present.iter().find(|r| r.outcome == Outcome::Failed) {
        let (code, fix) = match failed.check {
            CheckId::TicketScope => (
                "ticket_scope_not_global",
                "In Freshdesk (Admin > Agents) give the key's agent global ticket access, or use the key of an Account Administrator who has it.",
            ),
            CheckId::ReportsExtract => (
                "reports_scope_missing",
                "Create a new API token in Freshchat (Admin > Configure > API Tokens) and paste it into the integration.",
            ),
            _ => (
                "not_account_admin",
                "Give the key's agent the Account Administrator role again, or paste the key of an Account Administrator.",
            ),
        };
        return with_check(
            LinkResult::failed(c, code, failed.message.clone(), fix),
            failed,
        );
    }
    // Freshchat never tells whose token it is: the issuer note is the expected answer.
    if let Some(open) = present
        .iter()
        .find(|r| r.outcome == Outcome::Unverified && r.code != "account_admin_token_issuer")
    {
        return with_check(
            LinkResult::warning(
                c,
                "role_unverified",
                format!("the role could not be verified now: {}", open.message),
                TRY_AGAIN_FIX,
            ),
            open,
        );
    }
    LinkResult::passed(
        c,
        "role_ok",
        "the key's user still has the Account Administrator role and sees every ticket",
    )
}

fn plan(key: Option<&CheckResult>, plan: Option<&CheckResult>) -> LinkResult {
    let c = LinkId::Plan;
    if let Some(k) = key.filter(|k| k.code == "account_suspended") {
        return with_check(
            LinkResult::failed(
                c,
                "account_suspended",
                "the help desk account is suspended: every API call is refused",
                "Reactivate the account in the help desk's billing settings.",
            ),
            k,
        );
    }
    let Some(p) = plan else {
        return LinkResult::not_checked(c);
    };
    let link = match (p.outcome, p.code.as_str()) {
        (Outcome::Passed, _) => LinkResult::passed(c, "plan_ok", "the plan includes API access"),
        (Outcome::Failed, "plan_no_api") => LinkResult::failed(
            c,
            "plan_no_api",
            "the plan has no API access",
            "Upgrade the help desk to Pro or Enterprise.",
        ),
        (Outcome::Failed, _) => LinkResult::failed(
            c,
            "plan_below_pro",
            "the plan is below Pro",
            "Upgrade the help desk to Pro or Enterprise.",
        ),
        (Outcome::Unverified, "not_checked") => LinkResult::not_checked(c),
        (Outcome::Unverified, "plan_trial") => LinkResult::warning(
            c,
            "plan_trial",
            "the account is on a trial: after it, API access needs Pro or Enterprise",
            "Upgrade the help desk to Pro or Enterprise before the trial ends.",
        ),
        (Outcome::Unverified, _) => LinkResult::warning(
            c,
            "plan_unverified",
            "the plan could not be confirmed",
            "Make sure the help desk is on Pro or Enterprise.",
        ),
    };
    with_check(link, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::LinkOutcome;

    fn check(id: CheckId, outcome: Outcome, code: &str) -> CheckResult {
        CheckResult::new(id, outcome, code, "m")
    }

    #[test]
    fn a_suspended_account_is_the_plan_not_the_key() {
        use CheckId::*;
        let checks = vec![
            check(Host, Outcome::Passed, "host_ok"),
            check(Key, Outcome::Failed, "account_suspended"),
            check(AccountAdmin, Outcome::Unverified, "not_checked"),
            check(TicketScope, Outcome::Unverified, "not_checked"),
            check(Plan, Outcome::Unverified, "not_checked"),
        ];
        let (links, usable) = links(Product::Freshdesk, &checks);
        assert_eq!(links[0].outcome, LinkOutcome::Skipped);
        assert_eq!(links[1].outcome, LinkOutcome::Skipped);
        assert_eq!(
            (links[2].outcome, links[2].code.as_str()),
            (LinkOutcome::Failed, "account_suspended")
        );
        assert!(!usable);
    }

    #[test]
    fn a_rejected_key_is_credentials_and_stops_the_api_links() {
        use CheckId::*;
        let checks = vec![
            check(Host, Outcome::Passed, "host_ok"),
            check(Key, Outcome::Failed, "key_invalid"),
        ];
        let (links, usable) = links(Product::Freshdesk, &checks);
        assert_eq!(
            (links[0].outcome, links[0].code.as_str()),
            (LinkOutcome::Failed, "key_rejected")
        );
        assert!(links[0].fix.is_some());
        assert!(!usable);
    }
}
