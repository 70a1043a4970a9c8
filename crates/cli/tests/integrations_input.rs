//! `idesk integrations|check|key` end to end (real binary, simulator, SQLite file and keychain, as
//! in `integrations.rs`): bad input, unique names without regard to case, and transient errors
//! (rate limits, server errors, resets, cut JSON) that are "try again", not failures.

use serde_json::Value;

mod common;
use common::integrations::*;
use common::KEYCHAIN;

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
