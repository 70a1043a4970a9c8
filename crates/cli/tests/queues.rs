//! `idesk queues` and the app's live preview print the same numbers for the same range: both ask
//! the core's queue report, which alone decides what a range, a zone and a default mean. The real
//! binary imports from `idesk sim` with the real keychain (run inside `dbus-run-session` with an
//! unlocked gnome-keyring); the app's side is the core function its command calls.

mod common;
use chrono::{Duration, Utc};
use common::{idesk_command, run_with_stdin, Sim, KEYCHAIN};
use idesk_core::import::QueueQuery;
use idesk_core::paths::AppPaths;
use idesk_core::{preview, Store};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// A minute lasts 60/SCALE seconds for the simulator and the importer alike.
const SCALE: &str = "30";

fn idesk(sim: &Sim, data: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = idesk_command(sim, data, args);
    cmd.env("IDESK_TIME_SCALE", SCALE);
    let out = run_with_stdin(cmd, stdin);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The flags of `idesk queues` as the app's arguments.
fn query(flags: &[&str]) -> QueueQuery {
    let value = |name: &str| {
        let at = flags.iter().position(|f| *f == name)?;
        Some(flags[at + 1].to_string())
    };
    QueueQuery {
        from: value("--from"),
        to: value("--to"),
        interval_minutes: value("--interval").map_or(15, |m| m.parse().unwrap()),
        time_zone: value("--tz"),
    }
}

#[test]
fn the_cli_and_the_app_report_the_same_numbers_for_the_same_range() {
    let _k = KEYCHAIN.lock().unwrap_or_else(|e| e.into_inner());
    let sim = Sim::start(&["--seed", "13", "--time-scale", SCALE, "--size", "400"]);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let domain = "acme.freshdesk.com";
    let key = format!("{}\n", sim.key(domain, "account_admin"));
    let add = [
        "integrations",
        "add",
        "freshdesk",
        "--name",
        "Desk",
        "--domain",
        domain,
    ];
    idesk(&sim, data, &add, Some(&key));
    idesk(&sim, data, &["import", "Desk"], None);

    let store = Store::open(&AppPaths::in_dir(data.to_path_buf())).unwrap();
    let integration = store.find_integration_by_name("Desk").unwrap();
    let now = Utc::now();
    let day = |days: i64| (now + Duration::days(days)).format("%Y-%m-%d").to_string();
    let instant = |days: i64| {
        (now + Duration::days(days))
            .with_timezone(&chrono_tz::Asia::Kolkata)
            .to_rfc3339()
    };
    let (from_day, to_day) = (day(-60), day(1));
    let (from_instant, to_instant) = (instant(-30), instant(0));
    let cases: [&[&str]; 3] = [
        // The defaults: the last 7 days in the account's zone, 15-minute intervals.
        &[],
        // Days: midnights in the account's zone.
        &["--from", &from_day, "--to", &to_day, "--interval", "60"],
        // Instants, in another zone.
        &[
            "--from",
            &from_instant,
            "--to",
            &to_instant,
            "--tz",
            "Asia/Kolkata",
            "--interval",
            "30",
        ],
    ];
    for flags in cases {
        let args = [&["queues", "Desk", "--format", "json"][..], flags].concat();
        // The defaults are read from the clock: a second try if midnight came in between.
        let (cli, app) = (0..2)
            .map(|_| {
                let out = idesk(&sim, data, &args, None);
                let mut cli: Value = serde_json::from_slice(&out.stdout).unwrap();
                assert_eq!(cli["integration"], "Desk");
                cli.as_object_mut().unwrap().remove("integration");
                let app = preview::queue_report(&store, &integration, &query(flags), None).unwrap();
                (cli, serde_json::to_value(app).unwrap())
            })
            .find(|(cli, app)| cli["from"] == app["from"])
            .expect("the same range");
        assert_eq!(cli, app, "{flags:?}");
        let total: u64 = cli["queues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["total"].as_u64().unwrap())
            .sum();
        if flags.contains(&"--to") {
            assert!(total > 0, "{flags:?}: nothing counted");
        }
    }
    assert_eq!(
        preview::queue_report(&store, &integration, &query(&[]), None)
            .unwrap()
            .time_zone,
        "America/New_York",
        "the account's zone"
    );

    // What the app's command calls today (instants, the default range when none is given)
    // means the same.
    let out = idesk(&sim, data, &["queues", "Desk", "--format", "json"], None);
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let today = preview::report(&store, &integration, None, None, 15, None, None).unwrap();
    assert_eq!(cli["from"], today.from.as_str());
    assert_eq!(cli["to"], today.to.as_str());
}
