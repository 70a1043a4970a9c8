//! Each state and reason of [`super::rules::evaluate`] on hand-made facts.

use super::freshness::Freshness;
use super::model::{ReasonCode, State};
use super::rules::*;
use crate::freshworks::checks::{CheckId, CheckResult, Outcome};
use crate::integrations::Product;

const NOW: i64 = 1_800_000_000;
const MIN: i64 = 60;
const DAY: i64 = 86_400;

fn passed(check: CheckId) -> CheckResult {
    CheckResult::new(check, Outcome::Passed, "ok", "ok")
}

/// A Freshdesk integration imported a day ago that synced a minute ago.
fn operational() -> Facts {
    Facts {
        product: Product::Freshdesk,
        created_at: NOW - 2 * DAY,
        checks: vec![
            passed(CheckId::Host),
            passed(CheckId::Key),
            passed(CheckId::AccountAdmin),
            passed(CheckId::TicketScope),
            passed(CheckId::Plan),
            passed(CheckId::OccasionalAgent),
        ],
        checked_at: Some(NOW - 2 * DAY),
        import: Some(Import {
            started_at: NOW - DAY,
            done: true,
            progress: None,
        }),
        paused: false,
        every_minutes: 5,
        runs: Runs {
            last_success: Some(NOW - MIN),
            ..Runs::default()
        },
        freshness: Some(Freshness {
            expected: 0.5,
            late: false,
        }),
        newest_contact: Some(NOW - 10 * MIN),
        rate: Some(RateSample {
            at: NOW - MIN,
            remaining: 380,
            total: 400,
            used: 20,
            ours: 15,
        }),
        now: NOW,
    }
}

fn failed_run(f: &mut Facts, code: &str, message: &str, times: u32) {
    f.runs.failures_in_a_row = times;
    f.runs.first_failure_at = Some(NOW - times as i64 * 5 * MIN);
    f.runs.last_failure = Some(RunFailure {
        import: false,
        at: NOW,
        code: code.into(),
        message: message.into(),
    });
}

fn state_and_reason(f: &Facts) -> (State, Option<ReasonCode>) {
    let v = evaluate(f);
    (v.state, v.reason.map(|(code, _)| code))
}

#[test]
fn a_synced_integration_is_operational_since_its_last_sync() {
    let v = evaluate(&operational());
    assert_eq!((v.state, v.reason.clone()), (State::Operational, None));
    assert_eq!(v.since_hint, Some(NOW - MIN));
    assert!(v.notes.is_empty());
}

#[test]
fn nothing_imported_is_new() {
    let mut f = operational();
    f.import = None;
    f.runs = Runs::default();
    let v = evaluate(&f);
    assert_eq!(v.state, State::New);
    assert_eq!(v.reason.unwrap().0, ReasonCode::NotImported);
    assert_eq!(v.since_hint, Some(NOW - 2 * DAY));
}

#[test]
fn an_unfinished_import_is_importing_with_its_progress_as_a_note() {
    let mut f = operational();
    f.import = Some(Import {
        started_at: NOW - 600,
        done: false,
        progress: Some((0.4, NOW - 50 * DAY)),
    });
    f.runs = Runs::default();
    let v = evaluate(&f);
    assert_eq!((v.state, v.since_hint), (State::Importing, Some(NOW - 600)));
    assert_eq!(v.notes.len(), 1);
    assert_eq!(v.notes[0].code, "import_progress");
    assert!(
        v.notes[0].message.contains("40 %"),
        "{}",
        v.notes[0].message
    );
}

#[test]
fn an_import_that_stopped_on_a_passing_error_needs_attention() {
    let mut f = operational();
    f.import.as_mut().unwrap().done = false;
    f.runs = Runs::default();
    failed_run(&mut f, "import_unavailable", "kept failing", 1);
    f.runs.last_failure.as_mut().unwrap().import = true;
    assert_eq!(
        state_and_reason(&f),
        (State::NeedsAttention, Some(ReasonCode::ImportFailed))
    );
}

#[test]
fn paused_by_the_user_wins_over_everything_else() {
    let mut f = operational();
    f.paused = true;
    failed_run(&mut f, "import_key_rejected", "401", 5);
    assert_eq!(
        state_and_reason(&f),
        (State::Paused, Some(ReasonCode::PausedByUser))
    );
}

#[test]
fn broken_links_fail_at_once() {
    for (code, message, reason) in [
        ("import_key_rejected", "401", ReasonCode::KeyRevoked),
        ("keychain_entry_missing", "no entry", ReasonCode::KeyMissing),
        (
            "import_access_denied",
            "refused /tickets (403 access_denied)",
            ReasonCode::RoleLost,
        ),
        (
            "import_access_denied",
            "refused (403 account_suspended)",
            ReasonCode::AccountSuspended,
        ),
        (
            "import_access_denied",
            "refused (403 require_feature)",
            ReasonCode::PlanInsufficient,
        ),
    ] {
        let mut f = operational();
        failed_run(&mut f, code, message, 1);
        let v = evaluate(&f);
        assert_eq!(
            (v.state, v.reason.as_ref().map(|r| r.0)),
            (State::Failing, Some(reason)),
            "{code} {message}"
        );
        assert_eq!(v.reason.unwrap().1.as_deref(), Some(message));
    }
}

#[test]
fn a_key_revoked_during_the_initial_import_fails_it() {
    let mut f = operational();
    f.import.as_mut().unwrap().done = false;
    failed_run(&mut f, "import_key_rejected", "401", 1);
    assert_eq!(
        state_and_reason(&f),
        (State::Failing, Some(ReasonCode::KeyRevoked))
    );
}

#[test]
fn a_new_key_that_passed_its_checks_ends_key_revoked() {
    let mut f = operational();
    failed_run(&mut f, "import_key_rejected", "401", 1);
    f.runs.last_failure.as_mut().unwrap().at = NOW - 10 * MIN;
    f.checked_at = Some(NOW - MIN);
    assert_ne!(state_and_reason(&f).0, State::Failing);
}

#[test]
fn a_failed_required_check_newer_than_the_last_sync_fails() {
    for (check, code, reason) in [
        (CheckId::Key, "key_invalid", ReasonCode::KeyRevoked),
        (
            CheckId::Key,
            "account_suspended",
            ReasonCode::AccountSuspended,
        ),
        (
            CheckId::AccountAdmin,
            "not_account_admin",
            ReasonCode::RoleLost,
        ),
        (
            CheckId::TicketScope,
            "ticket_scope_group",
            ReasonCode::RoleLost,
        ),
        (
            CheckId::Host,
            "host_not_found",
            ReasonCode::ConnectionFailed,
        ),
    ] {
        let mut f = operational();
        f.checks.retain(|c| c.check != check);
        f.checks
            .push(CheckResult::new(check, Outcome::Failed, code, "why"));
        f.checked_at = Some(NOW);
        assert_eq!(
            state_and_reason(&f),
            (State::Failing, Some(reason)),
            "{code}"
        );
        // A sync that succeeded after the check shows the link works again.
        f.checked_at = Some(NOW - 10 * MIN);
        assert_eq!(state_and_reason(&f).0, State::Operational, "{code}");
    }
}

#[test]
fn failing_syncs_retry_then_fail() {
    let mut f = operational();
    failed_run(&mut f, "import_unavailable", "HTTP 503", 1);
    assert_eq!(
        state_and_reason(&f),
        (State::NeedsAttention, Some(ReasonCode::SyncRetrying))
    );
    failed_run(&mut f, "import_unavailable", "HTTP 503", FAILING_AFTER);
    let v = evaluate(&f);
    assert_eq!(
        (v.state, v.reason.unwrap().0),
        (State::Failing, ReasonCode::SyncFailing)
    );
    assert_eq!(v.since_hint, Some(NOW - FAILING_AFTER as i64 * 5 * MIN));
}

#[test]
fn a_failed_optional_check_is_a_warning() {
    let mut f = operational();
    f.checks.retain(|c| c.check != CheckId::OccasionalAgent);
    f.checks.push(CheckResult::new(
        CheckId::OccasionalAgent,
        Outcome::Failed,
        "occasional_agent",
        "occasional",
    ));
    assert_eq!(
        state_and_reason(&f),
        (State::NeedsAttention, Some(ReasonCode::CheckWarning))
    );
}

#[test]
fn an_unverified_check_is_a_note_not_a_state() {
    let mut f = operational();
    f.product = Product::Freshchat;
    f.checks = vec![
        passed(CheckId::Host),
        passed(CheckId::Key),
        passed(CheckId::Plan),
        passed(CheckId::ReportsExtract),
        CheckResult::new(
            CheckId::AccountAdmin,
            Outcome::Unverified,
            "account_admin_token_issuer",
            "cannot tell",
        ),
    ];
    f.rate = None;
    let v = evaluate(&f);
    assert_eq!(v.state, State::Operational);
    assert_eq!(v.notes.len(), 1);
    assert_eq!(v.notes[0].code, "account_admin_token_issuer");
}

#[test]
fn no_sync_for_three_periods_is_late_and_past_the_archive_delay_a_gap() {
    let mut f = operational();
    f.runs.last_success = Some(NOW - 29 * MIN);
    assert_eq!(
        state_and_reason(&f).0,
        State::Operational,
        "within 30 minutes"
    );
    f.every_minutes = 60;
    f.runs.last_success = Some(NOW - 3 * 60 * MIN - 1);
    assert_eq!(
        state_and_reason(&f),
        (State::NeedsAttention, Some(ReasonCode::SyncLate))
    );
    f.runs.last_success = Some(NOW - 121 * DAY);
    assert_eq!(
        state_and_reason(&f),
        (State::NeedsAttention, Some(ReasonCode::ArchiveGap))
    );
    f.product = Product::Freshchat;
    assert_eq!(
        state_and_reason(&f).1,
        Some(ReasonCode::SyncLate),
        "Freshchat has no archive"
    );
}

#[test]
fn late_data_needs_attention() {
    let mut f = operational();
    f.freshness = Some(Freshness {
        expected: 12.0,
        late: true,
    });
    let v = evaluate(&f);
    assert_eq!(
        (v.state, v.reason.unwrap().0),
        (State::NeedsAttention, ReasonCode::DataLate)
    );
    assert_eq!(v.since_hint, Some(NOW - 10 * MIN));
}

#[test]
fn a_budget_used_up_by_other_apps_needs_attention_but_our_own_use_does_not() {
    let mut f = operational();
    f.rate = Some(RateSample {
        at: NOW - MIN,
        remaining: 20,
        total: 400,
        used: 380,
        ours: 300,
    });
    assert_eq!(
        state_and_reason(&f).0,
        State::Operational,
        "we used it ourselves"
    );
    f.rate = Some(RateSample {
        at: NOW - MIN,
        remaining: 20,
        total: 400,
        used: 380,
        ours: 20,
    });
    assert_eq!(
        state_and_reason(&f),
        (State::NeedsAttention, Some(ReasonCode::BudgetLow))
    );
    f.rate.as_mut().unwrap().at = NOW - DAY;
    assert_eq!(
        state_and_reason(&f).0,
        State::Operational,
        "an old sample says nothing"
    );
}
