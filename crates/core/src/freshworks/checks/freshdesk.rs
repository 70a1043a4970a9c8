//! Freshdesk's connection test: host, key, account_admin, ticket_scope, plan, occasional_agent.

use super::plan::{classify_plan, plan_from_rate_limit_total, PlanVerdict};
use super::transport::{follow_up, try_later, unreachable};
use super::{CheckId, CheckResult};
use crate::freshworks::client::{ApiResponse, Auth, FreshworksClient};
use crate::secret::Secret;
use serde_json::Value;

/// The role that must be among the key's agent's roles (name and `default == true`).
pub const ACCOUNT_ADMINISTRATOR_ROLE: &str = "Account Administrator";

/// `ticket_scope` 1: the agent sees every ticket, which the importer needs.
const GLOBAL_TICKET_SCOPE: u64 = 1;

pub async fn check_freshdesk(
    client: &FreshworksClient,
    host: &str,
    key: &Secret,
) -> Vec<CheckResult> {
    use CheckId::*;
    let auth = &Auth::FreshdeskKey(key.clone());
    let rest = |first: &[CheckId]| -> Vec<CheckResult> {
        [Key, AccountAdmin, TicketScope, Plan, OccasionalAgent]
            .into_iter()
            .filter(|c| !first.contains(c))
            .map(CheckResult::not_checked)
            .collect()
    };

    let me = match client.get(host, "/api/v2/agents/me", auth).await {
        Ok(r) => r,
        Err(e) => return [vec![unreachable(host, &e)], rest(&[])].concat(),
    };
    let me_json = me.json();

    // host: a Freshdesk API answers JSON (or the empty 404 of an unknown subdomain).
    if me.status == 404 && me.body.is_empty() {
        return [
            vec![CheckResult::failed(Host, "host_not_found", format!("there is no Freshdesk account at {host}. Check the subdomain (it is in the address you use to open Freshdesk)."))],
            rest(&[]),
        ]
        .concat();
    }
    if let Some(later) = try_later(Host, &me) {
        return [vec![later], rest(&[])].concat();
    }
    if me_json.is_none() {
        return [
            vec![CheckResult::failed(Host, "host_not_api", format!("{host} answered, but not like the Freshdesk API (HTTP {}, no JSON). Enter your <subdomain>.freshdesk.com address.", me.status))],
            rest(&[]),
        ]
        .concat();
    }
    let me_json = me_json.unwrap_or_default();
    let host_ok = CheckResult::passed(Host, "host_ok", format!("{host} is a Freshdesk API host"));

    // key
    let key_result = match me.status {
        200 => CheckResult::passed(Key, "key_ok", "the API key is valid"),
        401 => CheckResult::failed(Key, "key_invalid", "Freshdesk rejected the API key (401). Copy it again from Profile settings > View API key in Freshdesk."),
        403 => match error_code(&me_json).as_deref() {
            Some("account_suspended") => CheckResult::failed(Key, "account_suspended", "this Freshdesk account is suspended; reactivate it in Freshdesk billing first."),
            Some("require_feature") => {
                return [
                    vec![host_ok, CheckResult::unverified(Key, "not_checked", "not checked: the plan has no API access")],
                    vec![CheckResult::not_checked(AccountAdmin), CheckResult::not_checked(TicketScope)],
                    vec![CheckResult::failed(Plan, "plan_no_api", "this Freshdesk plan has no API access; a Pro or Enterprise plan is needed.")],
                    vec![CheckResult::not_checked(OccasionalAgent)],
                ]
                .concat()
            }
            _ => CheckResult::failed(Key, "key_forbidden", "Freshdesk refused this key (403 access denied)."),
        },
        s => CheckResult::unverified(Key, "unexpected_status", format!("unexpected answer from Freshdesk (HTTP {s})")),
    };
    if key_result.outcome != super::Outcome::Passed {
        return [vec![host_ok, key_result], rest(&[Key])].concat();
    }

    let role_ids: Vec<u64> = me_json["role_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let admin = account_admin(client, host, auth, &role_ids).await;
    let scope = ticket_scope(&me_json);
    let plan = plan(client, host, auth, &me).await;
    let occasional = match me_json["occasional"].as_bool() {
        Some(true) => CheckResult::failed(
            OccasionalAgent,
            "occasional_agent",
            "the key belongs to an occasional agent: their keys are reset, which would stop the import. Use the key of a full-time Account Administrator, ideally a service user.",
        ),
        Some(false) => CheckResult::passed(OccasionalAgent, "full_time_agent", "the key belongs to a full-time agent"),
        None => CheckResult::unverified(OccasionalAgent, "unknown", "Freshdesk did not say whether this is an occasional agent"),
    };
    vec![host_ok, key_result, admin, scope, plan, occasional]
}

fn error_code(body: &Value) -> Option<String> {
    body.get("code").and_then(Value::as_str).map(str::to_string)
}

async fn account_admin(
    client: &FreshworksClient,
    host: &str,
    auth: &Auth,
    role_ids: &[u64],
) -> CheckResult {
    let c = CheckId::AccountAdmin;
    let resp = match follow_up(client, host, "/api/v2/roles", auth, c).await {
        Ok(r) => r,
        Err(not_now) => return not_now,
    };
    if resp.status == 403 {
        return CheckResult::failed(
            c,
            "not_admin",
            "the key belongs to an agent who is not an administrator. Use the API key of a user with the Account Administrator role.",
        );
    }
    let Some(Value::Array(roles)) = resp.json().filter(|_| resp.status == 200) else {
        return CheckResult::unverified(
            c,
            "unexpected_status",
            format!("the roles could not be read (HTTP {})", resp.status),
        );
    };
    let held: Vec<&str> = roles
        .iter()
        .filter(|r| r["id"].as_u64().is_some_and(|id| role_ids.contains(&id)))
        .filter_map(|r| r["name"].as_str())
        .collect();
    let is_account_admin = roles.iter().any(|r| {
        r["name"].as_str() == Some(ACCOUNT_ADMINISTRATOR_ROLE)
            && r["default"].as_bool() == Some(true)
            && r["id"].as_u64().is_some_and(|id| role_ids.contains(&id))
    });
    if is_account_admin {
        CheckResult::passed(
            c,
            "account_admin_ok",
            "the key's user has the Account Administrator role",
        )
    } else {
        CheckResult::failed(
            c,
            "not_account_admin",
            format!(
                "the key's user has the role(s) {} but not Account Administrator. Use the API key of an Account Administrator.",
                if held.is_empty() { "(none)".to_string() } else { held.join(", ") }
            ),
        )
    }
}

fn ticket_scope(me: &Value) -> CheckResult {
    let c = CheckId::TicketScope;
    match me["ticket_scope"].as_u64() {
        Some(GLOBAL_TICKET_SCOPE) => CheckResult::passed(c, "ticket_scope_global", "the key's user can see all tickets"),
        Some(2) => CheckResult::failed(c, "ticket_scope_group", "the key's user sees only the tickets of their groups, so tickets would be missing. Give the user global ticket access in Freshdesk (Admin > Agents)."),
        Some(3) => CheckResult::failed(c, "ticket_scope_restricted", "the key's user sees only tickets assigned to them, so tickets would be missing. Give the user global ticket access in Freshdesk (Admin > Agents)."),
        Some(other) => CheckResult::unverified(c, "ticket_scope_unknown", format!("unknown ticket scope {other}")),
        None => CheckResult::unverified(c, "ticket_scope_unknown", "Freshdesk did not report the ticket scope"),
    }
}

async fn plan(client: &FreshworksClient, host: &str, auth: &Auth, me: &ApiResponse) -> CheckResult {
    let c = CheckId::Plan;
    let fallback_total = me.header_u64("x-ratelimit-total");
    let from_account = match client.get(host, "/api/v2/account", auth).await {
        Ok(resp) if resp.status == 200 => resp
            .json()
            .and_then(|j| j["tier_type"].as_str().map(str::to_string)),
        _ => None,
    };
    if let Some(tier) = &from_account {
        match classify_plan(tier) {
            PlanVerdict::Supported => return CheckResult::passed(c, "plan_ok", format!("the Freshdesk plan is {tier}")),
            PlanVerdict::BelowPro => {
                return CheckResult::failed(c, "plan_below_pro", format!("the Freshdesk plan is {tier}; the integration needs Pro or Enterprise. Upgrade the plan first."))
            }
            PlanVerdict::Trial => {
                return CheckResult::unverified(c, "plan_trial", format!("the account is on a trial ({tier}); after the trial it needs Pro or Enterprise."))
            }
            PlanVerdict::Unknown => {}
        }
    }
    let shown = from_account
        .as_deref()
        .map(|t| format!("the plan {t:?} is not known"))
        .unwrap_or_else(|| "the plan could not be read".into());
    match fallback_total.map(plan_from_rate_limit_total) {
        Some(PlanVerdict::Supported) => CheckResult::passed(
            c,
            "plan_ok_by_rate_limit",
            format!("{shown}, but the API budget of {} calls per minute is that of Pro or Enterprise", fallback_total.unwrap_or(0)),
        ),
        Some(PlanVerdict::BelowPro) => CheckResult::failed(
            c,
            "plan_below_pro",
            format!("{shown}; the API budget of {} calls per minute is that of Growth. The integration needs Pro or Enterprise.", fallback_total.unwrap_or(0)),
        ),
        Some(PlanVerdict::Trial) => CheckResult::unverified(c, "plan_trial", format!("{shown}; the API budget is that of a trial. After the trial the account needs Pro or Enterprise.")),
        _ => CheckResult::unverified(c, "plan_unknown", format!("{shown}. Make sure the account is on Pro or Enterprise.")),
    }
}
