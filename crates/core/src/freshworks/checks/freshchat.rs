//! Freshchat's connection test: host, key, plan, reports_extract, account_admin.

use super::plan::{classify_plan, PlanVerdict};
use super::transport::{follow_up, try_later, unreachable};
use super::{CheckId, CheckResult};
use crate::freshworks::client::{Auth, FreshworksClient};
use crate::secret::Secret;
use serde_json::{json, Value};

/// The role name of Freshchat's account administrators (found by name, never by id).
pub const ACCOUNT_ADMIN_ROLE: &str = "Account Admin";

pub async fn check_freshchat(
    client: &FreshworksClient,
    host: &str,
    token: &Secret,
) -> Vec<CheckResult> {
    use CheckId::*;
    let auth = &Auth::Bearer(token.clone());
    let rest = |done: &[CheckId]| -> Vec<CheckResult> {
        [Key, Plan, ReportsExtract, AccountAdmin]
            .into_iter()
            .filter(|c| !done.contains(c))
            .map(CheckResult::not_checked)
            .collect()
    };

    let conf = match client.get(host, "/v2/accounts/configuration", auth).await {
        Ok(r) => r,
        Err(e) => return [vec![unreachable(host, &e)], rest(&[])].concat(),
    };
    if let Some(later) = try_later(Host, &conf) {
        return [vec![later], rest(&[])].concat();
    }
    let Some(body) = conf.json() else {
        let why = if conf.status == 404 {
            "there is no Freshchat account there"
        } else {
            "it answered with a web page, not the API (a portal address?)"
        };
        return [
            vec![CheckResult::failed(Host, if conf.status == 404 { "host_not_found" } else { "host_not_api" }, format!("{host} is not a Freshchat API host: {why}. Enter your <account>.freshchat.com address."))],
            rest(&[]),
        ]
        .concat();
    };
    if conf.status == 404 {
        return [
            vec![CheckResult::failed(
                Host,
                "host_not_found",
                format!("there is no Freshchat account at {host}"),
            )],
            rest(&[]),
        ]
        .concat();
    }
    let host_ok = CheckResult::passed(Host, "host_ok", format!("{host} is a Freshchat API host"));
    let status_name = body["status"].as_str().unwrap_or_default().to_string();
    match conf.status {
        200 => {}
        401 => {
            return [
                vec![host_ok, CheckResult::failed(Key, "key_invalid", "Freshchat rejected the API token (401). Copy it again from Admin > Configure > API Tokens in Freshchat.")],
                rest(&[Key]),
            ]
            .concat()
        }
        403 if status_name.contains("SUSPENDED") => {
            return [vec![host_ok, CheckResult::failed(Key, "account_suspended", "this Freshchat account is suspended; reactivate it first.")], rest(&[Key])].concat()
        }
        403 => {
            return [
                vec![host_ok, CheckResult::unverified(Key, "not_checked", "not checked: Freshchat refused access (403)")],
                vec![CheckResult::failed(Plan, "plan_no_api", format!("Freshchat refused API access ({}); the plan may not include the API. A Pro or Enterprise plan is needed.", body["message"].as_str().unwrap_or("403")))],
                vec![CheckResult::not_checked(ReportsExtract), CheckResult::not_checked(AccountAdmin)],
            ]
            .concat()
        }
        s => return [vec![host_ok, CheckResult::unverified(Key, "unexpected_status", format!("unexpected answer from Freshchat (HTTP {s})"))], rest(&[Key])].concat(),
    }
    let key_ok = CheckResult::passed(Key, "key_ok", "the API token is valid");
    // Some clients see the configuration wrapped as {"configuration": {...}}: accept both.
    let config = body.get("configuration").unwrap_or(&body);
    let plan = plan(config);
    let extract = reports_extract(client, host, auth).await;
    let admin = account_admin(client, host, auth).await;
    vec![host_ok, key_ok, plan, extract, admin]
}

fn plan(config: &Value) -> CheckResult {
    let c = CheckId::Plan;
    let Some(name) = config["plan_type"].as_str() else {
        return CheckResult::unverified(
            c,
            "plan_unknown",
            "Freshchat did not report the plan. Make sure the account is on Pro or Enterprise.",
        );
    };
    match classify_plan(name) {
        PlanVerdict::Supported => {
            CheckResult::passed(c, "plan_ok", format!("the Freshchat plan is {name}"))
        }
        PlanVerdict::BelowPro => CheckResult::failed(
            c,
            "plan_below_pro",
            format!("the Freshchat plan is {name}; the integration needs Pro or Enterprise."),
        ),
        PlanVerdict::Trial => CheckResult::unverified(
            c,
            "plan_trial",
            format!(
                "the account is on a trial ({name}); after the trial it needs Pro or Enterprise."
            ),
        ),
        PlanVerdict::Unknown => CheckResult::unverified(
            c,
            "plan_unknown",
            format!(
                "the plan {name:?} is not known. Make sure the account is on Pro or Enterprise."
            ),
        ),
    }
}

/// Probes the raw-report (extract) capability with the smallest request the API accepts:
/// a job for the one minute that ended an hour ago. Tokens created before the scope existed lack it.
async fn reports_extract(client: &FreshworksClient, host: &str, auth: &Auth) -> CheckResult {
    let c = CheckId::ReportsExtract;
    let end = chrono::Utc::now() - chrono::Duration::hours(1);
    let start = end - chrono::Duration::minutes(1);
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    let body = json!({"start": fmt(start), "end": fmt(end), "event": "Conversation-Resolved", "format": "csv"});
    let resp = match client.post_json(host, "/v2/reports/raw", auth, &body).await {
        Ok(r) => r,
        Err(e) => {
            return CheckResult::unverified(
                c,
                "request_failed",
                format!(
                    "the report capability could not be probed: {}",
                    unreachable(host, &e).message
                ),
            )
        }
    };
    if let Some(later) = try_later(c, &resp) {
        return later;
    }
    match resp.status {
        200..=299 if resp.json().is_some_and(|j| j.get("id").is_some()) => {
            CheckResult::passed(c, "reports_extract_ok", "the token may create raw reports (Conversation-Resolved)")
        }
        401 | 403 => CheckResult::failed(
            c,
            "reports_extract_missing",
            "this token may not create raw reports, which the import needs. Tokens created before that permission existed lack it: create a new API token in Freshchat and use it here.",
        ),
        s => CheckResult::unverified(c, "unexpected_status", format!("the report capability could not be probed (HTTP {s})")),
    }
}

/// Freshchat's API does not say whose token it is. Only an account admin can create a token, so
/// what can be checked is that the token has admin-level access and the account has the role.
async fn account_admin(client: &FreshworksClient, host: &str, auth: &Auth) -> CheckResult {
    let c = CheckId::AccountAdmin;
    let resp = match follow_up(client, host, "/v2/roles", auth, c).await {
        Ok(r) => r,
        Err(not_now) => return not_now,
    };
    if resp.status == 403 {
        return CheckResult::failed(
            c,
            "not_admin",
            "the token has no administrator access. Use a token created by an Account Admin.",
        );
    }
    let has_role = resp
        .json()
        .and_then(|j| j["roles"].as_array().cloned())
        .is_some_and(|roles| {
            roles
                .iter()
                .any(|r| r["name"].as_str() == Some(ACCOUNT_ADMIN_ROLE))
        });
    if has_role {
        CheckResult::unverified(
            c,
            "account_admin_token_issuer",
            "Freshchat's API does not say whose token this is. Only an Account Admin can create API tokens, so a valid token was issued by one; make sure that person is still an Account Admin.",
        )
    } else {
        CheckResult::unverified(
            c,
            "account_admin_unknown",
            format!(
                "the Account Admin role could not be confirmed (HTTP {})",
                resp.status
            ),
        )
    }
}
