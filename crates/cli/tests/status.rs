//! `idesk status` end to end: the real binary against `idesk sim` on loopback, with the real
//! keychain (run inside `dbus-run-session` with an unlocked gnome-keyring). An integration goes
//! through `new`, `importing`, `operational` and `failing` (key revoked) as a user would drive it;
//! a Freshchat integration, whose `account_admin` check can never be verified, is operational
//! with a note.

mod common;
use common::integrations::sim_control;
use common::{idesk_command, run_with_stdin, Sim, KEYCHAIN};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A minute lasts 60/SCALE seconds for the simulator and the importer alike.
const SCALE: &str = "30";

struct Env<'a> {
    sim: &'a Sim,
    data: &'a Path,
}

impl Env<'_> {
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = idesk_command(self.sim, self.data, args);
        cmd.env("IDESK_TIME_SCALE", SCALE);
        cmd
    }

    fn idesk(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run_with_stdin(self.command(args), stdin)
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let out = self.idesk(args, stdin);
        assert!(
            out.status.success(),
            "{args:?}: exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn add(&self, product: &str, name: &str, domain: &str) {
        let key = format!("{}\n", self.sim.key(domain, "account_admin"));
        self.ok(
            &[
                "integrations",
                "add",
                product,
                "--name",
                name,
                "--domain",
                domain,
            ],
            Some(&key),
        );
    }

    /// `idesk status NAME --format json`: the one integration's entry (exit 0 whatever it is).
    fn status(&self, name: &str) -> Value {
        let out = self.ok(&["status", name, "--format", "json"], None);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let list = json["integrations"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{json}");
        list[0].clone()
    }
}

fn days_ago(days: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::days(days))
        .date_naive()
        .to_string()
}

fn is_time(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|t| chrono::DateTime::parse_from_rfc3339(t).is_ok())
}

/// docs/cli.md's shape, field for field.
fn assert_shape(entry: &Value) {
    let keys: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "name",
        "product",
        "state",
        "reason",
        "since",
        "last_check",
        "last_sync",
        "last_data",
        "contacts_today",
        "rate_limit",
        "notes",
    ];
    expected.sort_unstable();
    let mut got = keys.clone();
    got.sort_unstable();
    assert_eq!(got, expected, "{entry}");
    if let Some(reason) = entry["reason"].as_object() {
        let mut k: Vec<&str> = reason.keys().map(String::as_str).collect();
        k.sort_unstable();
        assert_eq!(k, ["code", "fix", "message"]);
    }
    if let Some(rate) = entry["rate_limit"].as_object() {
        let mut k: Vec<&str> = rate.keys().map(String::as_str).collect();
        k.sort_unstable();
        assert_eq!(k, ["at", "remaining", "total"]);
    }
    assert!(is_time(&entry["since"]), "{entry}");
    assert!(entry["contacts_today"].is_u64(), "{entry}");
}

#[test]
fn a_freshdesk_integration_goes_from_new_to_importing_operational_and_failing() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&["--seed", "5", "--time-scale", SCALE, "--size", "300"]);
    let dir = tempfile::tempdir().unwrap();
    let env = Env {
        sim: &sim,
        data: dir.path(),
    };

    env.add("freshdesk", "Desk", "acme.freshdesk.com");
    let new = env.status("Desk");
    assert_shape(&new);
    assert_eq!(new["state"], "new", "{new}");
    assert_eq!(new["reason"]["code"], "not_imported");
    assert_eq!(new["product"], "freshdesk");
    assert!(is_time(&new["last_check"]));
    assert_eq!(new["last_sync"], Value::Null);
    assert_eq!(new["contacts_today"], 0);

    // Hold the ticket list: the import has started (its run is stored) and cannot finish.
    sim_control(
        &sim,
        "PUT",
        "/_sim/faults",
        r#"{"rules":[{"kind":"slow","path_contains":"/tickets","delay_ms":2500}]}"#,
    );
    let mut import = env
        .command(&["import", "Desk", "--since", &days_ago(30)])
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let importing = loop {
        let entry = env.status("Desk");
        if entry["state"] != "new" || Instant::now() > deadline {
            break entry;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_shape(&importing);
    assert_eq!(importing["state"], "importing", "{importing}");
    assert_eq!(importing["reason"], Value::Null);
    sim_control(&sim, "DELETE", "/_sim/faults", "");
    assert!(import.wait().unwrap().success());

    env.ok(&["sync", "Desk"], None);
    let operational = env.status("Desk");
    assert_shape(&operational);
    assert_eq!(operational["state"], "operational", "{operational}");
    assert_eq!(operational["reason"], Value::Null);
    assert!(is_time(&operational["last_sync"]), "{operational}");
    assert!(is_time(&operational["last_data"]), "{operational}");
    let rate = &operational["rate_limit"];
    assert!(rate["total"].as_u64().unwrap() > 0, "{operational}");
    assert!(rate["remaining"].as_u64().unwrap() <= rate["total"].as_u64().unwrap());
    assert!(is_time(&rate["at"]));
    // `since` is stored: asking again (a new process) gives the same instant.
    assert_eq!(env.status("Desk")["since"], operational["since"]);

    sim_control(
        &sim,
        "POST",
        "/_sim/accounts/acme.freshdesk.com/keys/account_admin/revoke",
        "",
    );
    let sync = env.idesk(&["sync", "Desk"], None);
    assert_eq!(sync.status.code(), Some(1));
    let failing = env.status("Desk");
    assert_shape(&failing);
    assert_eq!(failing["state"], "failing", "{failing}");
    assert_eq!(failing["reason"]["code"], "key_revoked");
    assert!(!failing["reason"]["fix"].as_str().unwrap().is_empty());
    assert!(failing["since"].as_str() >= operational["since"].as_str());

    // The table names the state and the reason; every integration when no name is given.
    let text = env.ok(&["status"], None);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("NAME"), "{text}");
    assert!(
        text.contains("Desk") && text.contains("failing") && text.contains("key_revoked"),
        "{text}"
    );

    let unknown = env.idesk(&["status", "Nope", "--format", "json"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).starts_with("error[integration_not_found]"));
    let json: Value = serde_json::from_slice(&unknown.stdout).unwrap();
    assert_eq!(json["error"]["code"], "integration_not_found");
}

#[test]
fn a_freshchat_integration_with_an_unverified_check_is_operational_with_a_note() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&["--seed", "5", "--time-scale", SCALE, "--size", "100"]);
    let dir = tempfile::tempdir().unwrap();
    let env = Env {
        sim: &sim,
        data: dir.path(),
    };

    env.add("freshchat", "Chat", "acme.freshchat.com");
    env.ok(&["import", "Chat", "--since", &days_ago(3)], None);
    env.ok(&["sync", "Chat"], None);
    let entry = env.status("Chat");
    assert_shape(&entry);
    assert_eq!(entry["state"], "operational", "{entry}");
    assert_eq!(entry["product"], "freshchat");
    let notes = entry["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["code"].as_str().unwrap().starts_with("account_admin")),
        "{entry}"
    );
    assert_eq!(
        entry["rate_limit"],
        Value::Null,
        "Freshchat sends no rate-limit headers"
    );
}
