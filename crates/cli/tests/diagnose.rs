//! `idesk diagnose` and `idesk key check` end to end (issue 13): the real binary against
//! `idesk sim` on loopback, a real SQLite file and the real keychain (run inside
//! `dbus-run-session` with an unlocked gnome-keyring). Each link is broken alone through the
//! simulator's control API (or, for the paused sync, the store the app writes) and must be the
//! verdict; undone, the integration is healthy again.

mod common;
#[path = "diagnose_env/mod.rs"]
mod diagnose_env;
use common::{idesk_command, run_with_stdin, KEYCHAIN};
use diagnose_env::*;
use serde_json::{json, Value};

#[test]
fn each_broken_link_is_the_verdict_and_a_healthy_integration_has_none() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::imported();
    wait_past_budget_window();

    // injixo_key: no key issued yet.
    env.expect_verdict(Some(("injixo_key", "injixo_key_missing")));
    env.generate_key();
    let healthy = env.expect_verdict(None);
    // Every link passes; only `api` may warn when a loaded machine answers slowly.
    for l in healthy["links"].as_array().unwrap() {
        let slow = l["link"] == "api" && l["code"] == "api_slow";
        assert!(l["outcome"] == "passed" || slow, "{l:#}");
    }

    // credentials: the key was reset.
    env.control("keys/account_admin/revoke", json!({}));
    env.expect_verdict(Some(("credentials", "key_rejected")));
    env.control("keys/account_admin/restore", json!({}));

    // role: the key's agent is no longer an Account Administrator.
    env.control("agents/account_admin", json!({"role": "admin"}));
    env.expect_verdict(Some(("role", "not_account_admin")));
    env.control(
        "agents/account_admin",
        json!({"role": "account_admin", "ticket_scope": 2}),
    );
    env.expect_verdict(Some(("role", "ticket_scope_not_global")));
    env.control("agents/account_admin", json!({"ticket_scope": 1}));

    // plan: the account is suspended.
    env.control("suspend", json!({}));
    env.expect_verdict(Some(("plan", "account_suspended")));
    env.control("unsuspend", json!({}));
    wait_past_budget_window();

    // api: another app uses 90% of the budget (a warning), then all of it (429: failed).
    env.control("other_app", json!({"calls_per_minute": 630}));
    wait_past_budget_window();
    let warned = env.expect_verdict(None);
    let api = Env::link(&warned, "api");
    assert_eq!(
        (api["outcome"].as_str(), api["code"].as_str()),
        (Some("warning"), Some("budget_used_by_others")),
        "{api:#}"
    );
    assert!(
        api["evidence"]["used_by_others"].as_u64().unwrap() >= 600,
        "{api:#}"
    );
    env.control("other_app", json!({"calls_per_minute": 700}));
    wait_past_budget_window();
    env.expect_verdict(Some(("api", "budget_exhausted")));
    env.control("other_app", json!({"calls_per_minute": 0}));
    wait_past_budget_window();

    // sync: paused in the app.
    env.set_paused(true);
    env.expect_verdict(Some(("sync", "sync_paused")));
    env.set_paused(false);

    // time_zone: the help desk's zone changed since the import.
    env.control("time_zone", json!({"time_zone": "Tokyo"}));
    let d = env.expect_verdict(Some(("time_zone", "time_zone_changed")));
    assert_eq!(Env::link(&d, "time_zone")["evidence"]["zone_now"], "Tokyo");
    env.control("time_zone", json!({"time_zone": ZONE}));

    // queue_drift: a group renamed, then deleted, since the import.
    let (group, name) = env.some_group();
    env.control(
        &format!("groups/{group}"),
        json!({"name": "Renamed Desk Group"}),
    );
    let d = env.expect_verdict(Some(("queue_drift", "group_renamed")));
    let drift = &Env::link(&d, "queue_drift")["evidence"];
    assert_eq!(
        (drift["old_name"].as_str(), drift["new_name"].as_str()),
        (Some(name.as_str()), Some("Renamed Desk Group"))
    );
    let old_queues = drift["old_queues"].as_array().unwrap();
    assert!(
        !old_queues.is_empty()
            && old_queues
                .iter()
                .all(|q| q.as_str().unwrap().starts_with(&format!("{name} "))),
        "{drift:#}"
    );
    assert!(drift["new_queues"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q.as_str().unwrap().starts_with("Renamed Desk Group ")));
    env.control(
        &format!("groups/{group}"),
        json!({"name": name, "deleted": true}),
    );
    let d = env.expect_verdict(Some(("queue_drift", "group_deleted")));
    let drift = &Env::link(&d, "queue_drift")["evidence"];
    assert!(
        drift["new_queues"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q.as_str().unwrap().starts_with(&format!("Group {group} "))),
        "{drift:#}"
    );
    env.control(&format!("groups/{group}"), json!({"deleted": false}));
    env.expect_verdict(None);

    // source_activity: a ticket created while no sync ran; once a sync period has passed it
    // should have been cached.
    env.control("tickets", json!({}));
    let d = env.expect_verdict(None);
    assert_eq!(
        Env::link(&d, "source_activity")["code"],
        "activity_awaiting_sync"
    );
    wait_past_sync_period();
    let d = env.expect_verdict(Some(("source_activity", "source_activity_missing")));
    assert_eq!(
        Env::link(&d, "source_activity")["evidence"]["changed_tickets"],
        1
    );
    let sync = env.idesk(&["sync", "Desk"], None);
    assert!(
        sync.status.success(),
        "{}",
        String::from_utf8_lossy(&sync.stderr)
    );
    env.expect_verdict(None);
}

#[test]
fn the_key_check_tells_active_replaced_and_unknown_keys_and_diagnose_warns_after_a_regeneration() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::imported();
    let old = env.generate_key();
    let new = env.generate_key();
    let check = |key: &str, via_env: bool| -> (i32, Value) {
        let out = if via_env {
            let mut cmd = idesk_command(
                &env.sim,
                env.data.path(),
                &["key", "check", "Desk", "--key-env", "PASTED_KEY"],
            );
            cmd.env("PASTED_KEY", key);
            run_with_stdin(cmd, None)
        } else {
            env.idesk(&["key", "check", "Desk"], Some(&format!("{key}\n")))
        };
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!String::from_utf8_lossy(&out.stderr).contains(key) || key.is_empty());
        (
            out.status.code().unwrap(),
            serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}")),
        )
    };
    let (code, active) = check(&new, true);
    assert_eq!(code, 0);
    assert_eq!(active["result"], "active");
    assert!(
        active["issued_at"].is_string() && active["replaced_at"].is_null(),
        "{active}"
    );
    let (code, replaced) = check(&old, false);
    assert_eq!(code, 1);
    assert_eq!(replaced["result"], "replaced");
    assert!(
        replaced["issued_at"].is_string() && replaced["replaced_at"].is_string(),
        "{replaced}"
    );
    assert_eq!(replaced["replaced_at"], active["issued_at"]);
    let (code, unknown) = check(
        "ijx_0000000000000000000000000000000000000000000000000000000000000000",
        false,
    );
    assert_eq!(code, 1);
    assert_eq!(
        unknown,
        json!({"result": "unknown", "issued_at": null, "replaced_at": null})
    );
    let empty = env.idesk(&["key", "check", "Desk"], Some("\n"));
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("error[api_key_empty]"));

    // The regeneration is a warning naming its day, not a verdict.
    wait_past_budget_window();
    let d = env.expect_verdict(None);
    let link = Env::link(&d, "injixo_key");
    assert_eq!(
        (link["outcome"].as_str(), link["code"].as_str()),
        (Some("warning"), Some("injixo_key_regenerated"))
    );
    let day = &active["issued_at"].as_str().unwrap()[..10];
    assert!(link["message"].as_str().unwrap().contains(day), "{link:#}");
}

#[test]
fn the_report_of_a_broken_integration_holds_no_key_hash_or_ticket_content() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::imported();
    let old = env.generate_key();
    let new = env.generate_key();
    let api_key = env.sim.key(DOMAIN, "account_admin");
    // Break every link that can fail while the API stays usable.
    env.set_paused(true);
    env.control("time_zone", json!({"time_zone": "Tokyo"}));
    let (group, _) = env.some_group();
    env.control(
        &format!("groups/{group}"),
        json!({"name": "Renamed For Report"}),
    );
    env.control("other_app", json!({"calls_per_minute": 630}));
    env.control("tickets", json!({}));
    wait_past_sync_period();
    let report = env.data.path().join("report.md");
    let (code, d) = env.diagnose(&["--report", report.to_str().unwrap()]);
    assert_eq!(code, 1);
    let failed: Vec<&str> = d["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["outcome"] == "failed")
        .map(|l| l["link"].as_str().unwrap())
        .collect();
    assert_eq!(
        failed,
        ["sync", "source_activity", "queue_drift", "time_zone"],
        "{d:#}"
    );
    let text = std::fs::read_to_string(&report).unwrap();
    for part in [
        idesk_core::VERSION,
        "freshdesk",
        DOMAIN,
        "## Verdict",
        "sync_paused",
        "Renamed For Report",
        "Tokyo",
        "budget_used_by_others",
        "injixo_key_regenerated",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }

    let hashes: Vec<String> = {
        let db = env.db();
        let mut stmt = db.prepare("SELECT key_hash FROM injixo_keys").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(hashes.len(), 2);
    let tickets: Value = serde_json::from_str(&http(
        env.sim.url(),
        "GET",
        "/api/v2/tickets?per_page=100",
        DOMAIN,
        Some(&api_key),
        None,
    ))
    .unwrap();
    let subjects: Vec<&str> = tickets
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["subject"].as_str())
        .filter(|s| s.len() > 3)
        .collect();
    assert!(!subjects.is_empty());
    let mut secrets = vec![api_key.as_str(), old.as_str(), new.as_str()];
    secrets.extend(hashes.iter().map(String::as_str));
    secrets.extend(&subjects);
    for secret in secrets {
        assert!(!text.contains(secret), "the report holds {secret:?}");
        assert!(!d.to_string().contains(secret), "the JSON holds {secret:?}");
    }
}

#[test]
fn freshchat_groups_and_resolved_chats_are_checked_too() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let three_days_ago = (chrono::Utc::now() - chrono::Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let env = Env::imported_on(
        "freshchat",
        "acme.freshchat.com",
        &["--since", &three_days_ago],
    );
    env.generate_key();
    let healthy = env.expect_verdict(None);
    assert_eq!(
        Env::link(&healthy, "api")["outcome"],
        "passed",
        "{healthy:#}"
    );
    assert_eq!(
        Env::link(&healthy, "queue_drift")["code"],
        "queues_unchanged"
    );

    let (group, name) = env.some_group();
    env.control(
        &format!("groups/{group}"),
        json!({"name": "Renamed Chat Group"}),
    );
    let d = env.expect_verdict(Some(("queue_drift", "group_renamed")));
    let drift = &Env::link(&d, "queue_drift")["evidence"];
    assert_eq!(drift["old_queues"], json!([name]));
    assert_eq!(drift["new_queues"], json!(["Renamed Chat Group"]));
    env.control(&format!("groups/{group}"), json!({"name": name}));

    // A chat resolved while no sync ran, found by a small raw report.
    env.control("chats", json!({"group_id": group}));
    wait_past_sync_period();
    let d = env.expect_verdict(Some(("source_activity", "chats_missing")));
    assert_eq!(
        Env::link(&d, "source_activity")["evidence"]["resolved_chats"],
        1
    );
    let sync = env.idesk(&["sync", "Desk"], None);
    assert!(
        sync.status.success(),
        "{}",
        String::from_utf8_lossy(&sync.stderr)
    );
    env.expect_verdict(None);
}
