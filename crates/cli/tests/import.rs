//! `idesk import` and `idesk queues` end to end: the real binary against `idesk sim` on loopback,
//! with the real keychain (run inside `dbus-run-session` with an unlocked gnome-keyring).
//! `kill -9` at random points, then a rerun, must give exactly the contacts of an uninterrupted
//! import (which the core tests prove equal to the engine applied to the ground truth).

mod common;
use common::{idesk_command, run_with_stdin, Sim, KEYCHAIN};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

/// A minute lasts 60/SCALE seconds for the simulator and the importer alike.
const SCALE: &str = "30";

/// `idesk sim` for these tests: a fixed seed, the time scale, and the main account's size.
fn start_sim(size: u64) -> Sim {
    Sim::start(&[
        "--seed",
        "11",
        "--time-scale",
        SCALE,
        "--size",
        &size.to_string(),
    ])
}

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

    fn add(&self, product: &str, name: &str, domain: &str) {
        let out = self.idesk(
            &[
                "integrations",
                "add",
                product,
                "--name",
                name,
                "--domain",
                domain,
            ],
            Some(&format!("{}\n", self.sim.key(domain, "account_admin"))),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn import(&self, name: &str, since: &str) -> Output {
        let out = self.idesk(&["import", name, "--since", since], None);
        assert!(
            out.status.success(),
            "import exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// (contact id, queue, at) of every cached contact, and whether any identity repeats.
    fn contacts(&self) -> (BTreeSet<(String, String, i64)>, usize) {
        let conn = rusqlite::Connection::open_with_flags(
            self.data.join("integration-desk.sqlite3"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT CAST(c.contact_id AS TEXT), q.name, c.at
                 FROM import_contacts c JOIN import_queues q ON q.id = c.queue",
            )
            .unwrap();
        let rows: Vec<(String, String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let n = rows.len();
        (rows.into_iter().collect(), n)
    }
}

/// Kill points as fractions of an uninterrupted run: deterministic pseudo-random, small enough
/// that each resumed run still has work left when it is killed.
fn kill_fractions(n: usize) -> Vec<f64> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            0.06 + (x % 1_000) as f64 / 1_000.0 * 0.12
        })
        .collect()
}

#[test]
fn a_killed_import_resumes_to_the_same_contacts_and_queues_prints_them() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = start_sim(2_000);
    let (killed_dir, clean_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let clean = Env {
        sim: &sim,
        data: clean_dir.path(),
    };
    let killed = Env {
        sim: &sim,
        data: killed_dir.path(),
    };
    // Both imports get the very same window.
    let since = ninety_days_ago();

    clean.add("freshdesk", "Desk", "acme.freshdesk.com");
    let started = Instant::now();
    let out = clean.import("Desk", &since);
    let clean_time = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("archives closed tickets"), "{stderr}");
    assert!(stderr.contains("import: conversations"), "{stderr}");
    let (expected, n) = clean.contacts();
    assert_eq!(expected.len(), n);
    assert!(n > 1_000, "{n} contacts");

    killed.add("freshdesk", "Desk", "acme.freshdesk.com");
    let mut kills = 0;
    for fraction in kill_fractions(12) {
        if kills == 6 {
            break;
        }
        let mut child = killed
            .command(&["import", "Desk", "--since", &since])
            .spawn()
            .unwrap();
        std::thread::sleep(clean_time.mul_f64(fraction));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
    }
    assert!(
        kills >= 5,
        "only {kills} imports were killed mid-run (clean run: {clean_time:?})"
    );
    let out = killed.import("Desk", &since);
    assert!(String::from_utf8_lossy(&out.stdout).contains("resumed"));
    let (got, rows) = killed.contacts();
    assert_eq!(rows, got.len(), "duplicate contacts");
    assert_eq!(got, expected);

    // The same numbers through `idesk queues`, in every format.
    let range = [
        "--from",
        "2026-01-01",
        "--to",
        "2027-01-01",
        "--tz",
        "UTC",
        "--interval",
        "60",
    ];
    let json_out = killed.idesk(
        &[&["queues", "Desk", "--format", "json"][..], &range].concat(),
        None,
    );
    assert!(
        json_out.status.success(),
        "{}",
        String::from_utf8_lossy(&json_out.stderr)
    );
    let report: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(report["integration"], "Desk");
    assert_eq!(report["interval_minutes"], 60);
    assert_eq!(report["time_zone"], "Etc/UTC");
    assert_eq!(report["from"], "2026-01-01T00:00:00Z");
    assert_eq!(report["coverage"].as_array().unwrap().len(), 1);
    let queues = report["queues"].as_array().unwrap();
    let total: u64 = queues.iter().map(|q| q["total"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, expected.len());
    for q in queues {
        let sum: u64 = q["intervals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                assert!(chrono::DateTime::parse_from_rfc3339(i["start"].as_str().unwrap()).is_ok());
                i["count"].as_u64().unwrap()
            })
            .sum();
        assert_eq!(sum, q["total"].as_u64().unwrap(), "{}", q["name"]);
    }
    let csv_out = killed.idesk(
        &[&["queues", "Desk", "--format", "csv"][..], &range].concat(),
        None,
    );
    let csv = String::from_utf8(csv_out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("queue,interval_start,count"));
    let csv_total: u64 = lines
        .map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(csv_total, total);
    let default_zone = killed.idesk(&["queues", "Desk", "--format", "json"], None);
    let report: Value = serde_json::from_slice(&default_zone.stdout).unwrap();
    assert_eq!(
        report["time_zone"], "America/New_York",
        "the account's zone"
    );
}

/// 90 days before now, to the second, as RFC 3339: both imports get the very same window.
fn ninety_days_ago() -> String {
    (chrono::Utc::now() - chrono::Duration::days(90))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[test]
fn bad_dates_zones_and_intervals_are_input_errors() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = start_sim(100);
    let dir = tempfile::tempdir().unwrap();
    let env = Env {
        sim: &sim,
        data: dir.path(),
    };
    env.add("freshdesk", "Desk", "acme-pro.freshdesk.com");
    for (args, code) in [
        (
            vec!["queues", "Desk", "--interval", "20"],
            "invalid_interval",
        ),
        (
            vec!["queues", "Desk", "--from", "yesterday"],
            "invalid_date",
        ),
        (vec!["queues", "Desk", "--to", "2026-02-30"], "invalid_date"),
        (
            vec!["queues", "Desk", "--tz", "Mars/Base"],
            "unknown_time_zone",
        ),
        (
            vec!["queues", "Nope", "--tz", "UTC"],
            "integration_not_found",
        ),
        (
            vec!["import", "Desk", "--since", "last week"],
            "invalid_date",
        ),
        (
            vec!["sync", "Desk", "--watch", "--every", "0"],
            "invalid_sync_interval",
        ),
        (vec!["sync", "Desk", "--every", "5"], "usage"),
    ] {
        let out = env.idesk(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("error[{code}]: ")),
            "{args:?}: {stderr}"
        );
    }
    let out = env.idesk(&["sync", "Desk", "--every", "5"], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--watch"),
        "names what is missing: {stderr}"
    );
    let out = env.idesk(&["queues", "Desk", "--from", "x", "--format", "json"], None);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "invalid_date");
}

#[test]
fn sync_watch_keeps_bringing_in_live_activity_until_sigterm() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&[
        "--seed",
        "12",
        "--time-scale",
        SCALE,
        "--size",
        "300",
        "--activity",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let env = Env {
        sim: &sim,
        data: dir.path(),
    };
    env.add("freshdesk", "Live", "acme.freshdesk.com");
    env.import("Live", &ninety_days_ago());
    let (imported, _) = env.contacts();

    // Every simulated minute (2 s): the simulator adds tickets and replies every 1/3 s.
    let child = env
        .command(&["sync", "Live", "--watch", "--every", "1"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(9));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let syncs = stdout
        .lines()
        .filter(|l| l.contains("new contacts"))
        .count();
    assert!(syncs >= 3, "one sync per period: {stdout}");

    let (synced, rows) = env.contacts();
    assert_eq!(synced.len(), rows, "no contact twice");
    assert!(
        synced.is_superset(&imported),
        "imported contacts keep their names"
    );
    assert!(
        synced.len() > imported.len(),
        "live activity arrived: {stdout}"
    );
}

#[test]
fn removing_keeps_imported_data_until_purge() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = start_sim(100);
    let dir = tempfile::tempdir().unwrap();
    let env = Env {
        sim: &sim,
        data: dir.path(),
    };
    env.add("freshdesk", "Kept", "acme-pro.freshdesk.com");
    env.import("Kept", &ninety_days_ago());
    let (imported, imported_rows) = env.contacts();
    assert!(!imported.is_empty());

    let out = env.idesk(&["integrations", "remove", "Kept"], None);
    assert!(out.status.success());
    assert_eq!(
        env.contacts().0,
        imported,
        "remove without --purge keeps the imported data"
    );

    env.add("freshdesk", "Purged", "acme-pro.freshdesk.com");
    env.import("Purged", &ninety_days_ago());
    assert_eq!(
        env.contacts().1,
        2 * imported_rows,
        "both integrations' rows are cached"
    );
    let out = env.idesk(&["integrations", "remove", "Purged", "--purge"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("purged"));
    assert_eq!(
        env.contacts().0,
        imported,
        "only the purged integration's data is gone"
    );
}
