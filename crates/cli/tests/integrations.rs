//! `idesk integrations|check|key` end to end: the real binary, a real `idesk sim` on loopback, a
//! real SQLite file and the real keychain (run inside `dbus-run-session` with an unlocked
//! gnome-keyring, as scripts/test.sh does).

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{idesk_command, run_with_stdin, Sim, KEYCHAIN};

/// One test's world: a simulator and an empty data folder.
struct Env {
    sim: Sim,
    data: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            sim: Sim::start(&["--seed", "7"]),
            data: tempfile::tempdir().unwrap(),
        }
    }

    fn idesk(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run_with_stdin(idesk_command(&self.sim, self.data.path(), args), stdin)
    }

    fn add(&self, product: &str, name: &str, domain: &str, key: &str) -> (i32, Value, String) {
        let out = self.idesk(
            &[
                "integrations",
                "add",
                product,
                "--name",
                name,
                "--domain",
                domain,
                "--format",
                "json",
            ],
            Some(&format!("{key}\n")),
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        let json = stdout
            .lines()
            .next()
            .map(|l| serde_json::from_str(l).unwrap())
            .unwrap_or(Value::Null);
        (
            out.status.code().unwrap(),
            json,
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn list(&self) -> Vec<Value> {
        let out = self.idesk(&["integrations", "list", "--format", "json"], None);
        assert!(out.status.success());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["integrations"].as_array().unwrap().clone()
    }

    /// Every byte the app keeps on disk: database (with WAL) and logs.
    fn everything_on_disk(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for dir in [
            self.data.path().to_path_buf(),
            self.data.path().join("logs"),
        ] {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                if entry.path().is_file() {
                    all.extend(std::fs::read(entry.path()).unwrap());
                }
            }
        }
        all
    }
}

fn outcome<'a>(checks: &'a Value, id: &str) -> (&'a str, &'a str) {
    let c = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == id)
        .unwrap_or_else(|| panic!("no {id} in {checks}"));
    (c["outcome"].as_str().unwrap(), c["code"].as_str().unwrap())
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn secret_tool_lookup(integration_id: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "integration-desk",
            "username",
            &format!("{integration_id}/api_key"),
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The id names the keychain entry; `idesk integrations list` does not print it, so ask the store.
fn integration_id(data: &Path, name: &str) -> String {
    let store =
        idesk_core::Store::open(&idesk_core::paths::AppPaths::in_dir(data.to_path_buf())).unwrap();
    store.find_integration_by_name(name).unwrap().id
}

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

#[test]
fn bad_input_is_a_usage_error_with_its_own_code_and_changes_nothing() {
    let env = Env::new();
    let sim = &env.sim;
    let key = sim.key("acme.freshdesk.com", "account_admin");
    for (domain, code) in [
        ("freshdesk.com.evil.com", "domain_lookalike"),
        ("acme.freshchat.com", "domain_other_product"),
        ("acme.freshdesk.com:443", "domain_has_port"),
        ("127.0.0.1", "domain_is_ip"),
        ("support.example.org", "domain_custom"),
    ] {
        let out = env.idesk(
            &[
                "integrations",
                "add",
                "freshdesk",
                "--name",
                "X",
                "--domain",
                domain,
                "--format",
                "json",
            ],
            Some(&key),
        );
        assert_eq!(out.status.code(), Some(2), "{domain}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with(&format!("error[{code}]: ")),
            "{domain}: {stderr}"
        );
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["error"]["code"], code);
    }
    let out = env.idesk(
        &[
            "integrations",
            "add",
            "freshdesk",
            "--name",
            " ",
            "--domain",
            "acme",
        ],
        Some(&key),
    );
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[name_empty]"));
    let out = env.idesk(
        &[
            "integrations",
            "add",
            "freshdesk",
            "--name",
            "X",
            "--domain",
            "acme",
            "--api-key-env",
            "IDESK_TEST_UNSET_VAR",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[api_key_empty]"));
    let out = env.idesk(
        &[
            "integrations",
            "add",
            "zendesk",
            "--name",
            "X",
            "--domain",
            "acme",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[usage]"));
    let out = env.idesk(&["check", "nobody"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[integration_not_found]"));
    assert!(env.list().is_empty());
}

#[test]
fn a_name_is_unique_without_regard_to_case() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let env = Env::new();
    let sim = &env.sim;
    let key = sim.key("acme.freshdesk.com", "account_admin");
    assert_eq!(env.add("freshdesk", "Support", "acme", &key).0, 0);
    let out = env.idesk(
        &[
            "integrations",
            "add",
            "freshdesk",
            "--name",
            "SUPPORT",
            "--domain",
            "acme",
        ],
        Some(&key),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error[name_taken]"));
    assert_eq!(env.list().len(), 1);
    assert!(env
        .idesk(&["integrations", "remove", "support"], None)
        .status
        .success());
}

/// Sends one request to the simulator's control API (plain HTTP/1.1 on loopback).
fn sim_control(sim: &Sim, method: &str, path: &str, body: &str) {
    use std::io::Read;
    let addr = sim.url().trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 2"),
        "{method} {path}: {answer}"
    );
}

#[test]
fn rate_limits_server_errors_resets_and_cut_json_are_try_again_not_failures() {
    let env = Env::new();
    let sim = &env.sim;
    let key = sim.key("acme.freshdesk.com", "account_admin");
    for (fault, code) in [
        (r#"{"kind":"rate_limit","retry_after":30}"#, "rate_limited"),
        (r#"{"kind":"service_unavailable"}"#, "server_error"),
        (r#"{"kind":"bad_gateway"}"#, "server_error"),
        (r#"{"kind":"connection_reset"}"#, "request_failed"),
        (r#"{"kind":"truncated_json"}"#, "malformed_response"),
    ] {
        let rule = fault.replace('{', r#"{"path_contains":"/agents/me","#);
        sim_control(
            sim,
            "PUT",
            "/_sim/faults",
            &format!(r#"{{"rules":[{rule}]}}"#),
        );
        let (exit, json, _) = env.add("freshdesk", "Flaky", "acme.freshdesk.com", &key);
        assert_eq!(exit, 1, "{fault}: {json}");
        assert_eq!(json["saved"], false);
        assert_eq!(
            outcome(&json["checks"], "host"),
            ("unverified", code),
            "{fault}: {json}"
        );
        if code == "rate_limited" {
            let host = json["checks"][0]["message"].as_str().unwrap();
            assert!(host.contains("Wait 30 s"), "{host}");
        }
    }
    sim_control(sim, "DELETE", "/_sim/faults", "");
    assert!(
        env.list().is_empty(),
        "nothing was saved while the API misbehaved"
    );
}
