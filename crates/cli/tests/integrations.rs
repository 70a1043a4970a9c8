//! `idesk integrations|check|key` end to end: the real binary, a real `idesk sim` on loopback, a
//! real SQLite file and the real keychain (run inside `dbus-run-session` with an unlocked
//! gnome-keyring, as scripts/test.sh does).
//!
//! Saving and the connection checks; bad input, unique names and transient errors are in
//! `integrations_input.rs`.

use serde_json::Value;

mod common;
use common::integrations::*;
use common::KEYCHAIN;

#[test]
fn a_valid_freshdesk_key_is_saved_in_the_keychain_and_nowhere_else() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::new();
    let (sim, data) = (&env.sim, env.data.path());
    let key = sim.key("acme.freshdesk.com", "account_admin");

    let (code, json, _) = env.add(
        "freshdesk",
        "Support EU",
        "https://ACME.freshdesk.com/a/tickets",
        &key,
    );
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["saved"], true);
    let ids: Vec<&str> = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "host",
            "key",
            "account_admin",
            "ticket_scope",
            "plan",
            "occasional_agent"
        ]
    );
    for c in json["checks"].as_array().unwrap() {
        assert_eq!(c["outcome"], "passed", "{c}");
        assert!(c["code"].is_string() && c["message"].is_string());
    }

    let list = env.list();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Support EU");
    assert_eq!(list[0]["product"], "freshdesk");
    assert_eq!(list[0]["domain"], "acme.freshdesk.com");
    assert_eq!(list[0]["status"], "operational");
    assert!(list[0]["created_at"].as_str().unwrap().ends_with('Z'));

    let id = integration_id(data, "support eu");
    assert_eq!(
        secret_tool_lookup(&id).as_deref(),
        Some(key.as_str()),
        "the key is in the Secret Service"
    );

    // check re-runs with the stored key; key generate prints a key whose hash only is stored.
    let out = env.idesk(&["check", "Support EU", "--format", "json"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(checked.get("saved").is_none());
    assert_eq!(outcome(&checked["checks"], "account_admin").0, "passed");
    let out = env.idesk(&["key", "generate", "Support EU"], None);
    assert!(out.status.success());
    let injixo = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(injixo.starts_with("ijx_") && injixo.len() > 40, "{injixo}");

    let disk = env.everything_on_disk();
    assert!(!contains(&disk, &key), "the API key must not be on disk");
    assert!(
        !contains(&disk, &injixo),
        "the injixo key must not be on disk"
    );
    assert!(
        contains(&disk, &idesk_core::integrations::injixo_key::hash(&injixo)),
        "its hash is stored"
    );

    // Remove: the row and the keychain entry go.
    let out = env.idesk(&["integrations", "remove", "SUPPORT EU"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env.list().is_empty());
    assert_eq!(
        secret_tool_lookup(&id),
        None,
        "the keychain entry is removed"
    );
}

#[test]
fn failing_required_checks_save_nothing_and_exit_1() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::new();
    let sim = &env.sim;

    let cases = [
        (
            "acme.freshdesk.com",
            "wrong-key-000000".to_string(),
            "key",
            "key_invalid",
        ),
        (
            "acme.freshdesk.com",
            sim.key("acme.freshdesk.com", "agent"),
            "account_admin",
            "not_admin",
        ),
        (
            "acme.freshdesk.com",
            sim.key("acme.freshdesk.com", "admin"),
            "account_admin",
            "not_account_admin",
        ),
        (
            "acme.freshdesk.com",
            sim.key("acme.freshdesk.com", "group_scoped_agent"),
            "ticket_scope",
            "ticket_scope_group",
        ),
        (
            "acme-growth.freshdesk.com",
            sim.key("acme-growth.freshdesk.com", "account_admin"),
            "plan",
            "plan_below_pro",
        ),
        (
            "acme-free.freshdesk.com",
            sim.key("acme-free.freshdesk.com", "account_admin"),
            "plan",
            "plan_no_api",
        ),
        (
            "nosuch.freshdesk.com",
            "x".to_string(),
            "host",
            "host_not_found",
        ),
    ];
    for (domain, key, check, code) in cases {
        let (exit, json, stderr) = env.add("freshdesk", "Blocked", domain, &key);
        assert_eq!(exit, 1, "{domain} {check}: {json}");
        assert_eq!(json["saved"], false);
        assert_eq!(
            outcome(&json["checks"], check),
            ("failed", code),
            "{domain}: {json}"
        );
        assert!(stderr.starts_with("error[check_failed]: "), "{stderr}");
    }
    assert!(env.list().is_empty(), "nothing was saved");
}

#[test]
fn warnings_do_not_block_saving() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::new();
    let sim = &env.sim;

    let (exit, json, _) = env.add(
        "freshdesk",
        "Occasional",
        "acme",
        &sim.key("acme.freshdesk.com", "occasional_agent"),
    );
    assert_eq!(exit, 0, "{json}");
    assert_eq!(
        outcome(&json["checks"], "occasional_agent"),
        ("failed", "occasional_agent")
    );
    let (exit, json, _) = env.add(
        "freshdesk",
        "Trial",
        "acme-trial.freshdesk.com",
        &sim.key("acme-trial.freshdesk.com", "account_admin"),
    );
    assert_eq!(exit, 0, "{json}");
    assert_eq!(
        outcome(&json["checks"], "plan"),
        ("unverified", "plan_trial")
    );
    let statuses: Vec<Value> = env.list().iter().map(|i| i["status"].clone()).collect();
    assert_eq!(statuses, ["needs_attention", "needs_attention"]);
    for name in ["Occasional", "Trial"] {
        assert!(env
            .idesk(&["integrations", "remove", name], None)
            .status
            .success());
    }
}

#[test]
fn freshchat_checks_and_the_old_token_without_the_reports_scope() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::new();
    let sim = &env.sim;

    let (exit, json, _) = env.add(
        "freshchat",
        "Chat",
        "acme.freshchat.com",
        &sim.key("acme.freshchat.com", "account_admin"),
    );
    assert_eq!(exit, 0, "{json}");
    let ids: Vec<&str> = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["host", "key", "plan", "reports_extract", "account_admin"]
    );
    assert_eq!(outcome(&json["checks"], "reports_extract").0, "passed");
    assert_eq!(
        outcome(&json["checks"], "account_admin").0,
        "unverified",
        "labelled honestly"
    );

    let (exit, json, _) = env.add(
        "freshchat",
        "Old",
        "acme-oldtoken.freshchat.com",
        &sim.key("acme-oldtoken.freshchat.com", "account_admin"),
    );
    assert_eq!(exit, 1);
    assert_eq!(
        outcome(&json["checks"], "reports_extract"),
        ("failed", "reports_extract_missing")
    );

    let (exit, json, _) = env.add(
        "freshchat",
        "Suspended",
        "acme-suspended.freshchat.com",
        &sim.key("acme-suspended.freshchat.com", "account_admin"),
    );
    assert_eq!(exit, 1);
    assert_eq!(
        outcome(&json["checks"], "key"),
        ("failed", "account_suspended")
    );
    assert_eq!(env.list().len(), 1);
    assert!(env
        .idesk(&["integrations", "remove", "chat"], None)
        .status
        .success());
}
