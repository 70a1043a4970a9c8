//! Start-up and idle memory of Integration Desk beside an empty Tauri 2 app (issues 15, 17).
//!
//! Seeds a data folder (`--integrations`, default one, sharing `--contacts` cached contacts,
//! default 100,000), starts the empty app, Integration Desk on an empty data folder and
//! Integration Desk on the seeded one `--runs` times each as a new process under the current
//! display and measures spawn → `ui_ready_ms=` line, then starts each once more and sums the PSS
//! of the app and its WebKit processes `--idle-secs` after the start. Prints median and max, the
//! memory figures and the ratios the issues set targets for.
//! Usage and the build commands: benches/startup/README.md.

mod memory;
mod process;
mod seed;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The targets: start-up (issues 15 and 17), memory beside the empty app (issue 15, one
/// integration) and beside the app with no data (issue 17, twenty integrations and 10M contacts).
const START_TARGET_MS: f64 = 1000.0;
const MEMORY_TARGET_RATIO: f64 = 1.3;
const MEMORY_TARGET_RATIO_NO_DATA: f64 = 1.5;

struct Options {
    app: PathBuf,
    empty: PathBuf,
    runs: usize,
    idle: Duration,
    integrations: usize,
    contacts: u64,
}

fn main() {
    let options = options();
    for binary in [&options.app, &options.empty] {
        assert!(
            binary.exists(),
            "{} is missing: build it first (README.md)",
            binary.display()
        );
    }
    println!("load average at the start: {}", load_average());
    let data = tempfile::tempdir().expect("a temporary folder");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let seeding = std::time::Instant::now();
    let seeded = runtime.block_on(seed::seed(
        data.path(),
        options.integrations,
        options.contacts,
    ));
    let database = std::fs::metadata(seeded.paths.database()).map_or(0, |m| m.len());
    println!(
        "data folder {}: {} integrations, {} cached contacts, store {:.0} MB, seeded in {:.0} s",
        seeded.paths.data_dir.display(),
        options.integrations,
        options.contacts,
        database as f64 / 1e6,
        seeding.elapsed().as_secs_f64()
    );
    // What the app does after its first paint, before its syncs start: reads every page.
    let checking = std::time::Instant::now();
    let check: String = rusqlite::Connection::open(seeded.paths.database())
        .and_then(|c| c.query_row("PRAGMA quick_check", [], |r| r.get(0)))
        .expect("the seeded store can be checked");
    println!(
        "  the store's quick_check (run by the app after its first paint): {check} in {:.1} s",
        checking.elapsed().as_secs_f64()
    );
    let no_data = tempfile::tempdir().expect("a temporary folder");
    let no_data_env = vec![
        ("IDESK_DATA_DIR", no_data.path().display().to_string()),
        ("IDESK_FRESHWORKS_URL", seeded.sim.url().to_string()),
    ];
    let app_env = vec![
        (
            "IDESK_DATA_DIR",
            seeded.paths.data_dir.display().to_string(),
        ),
        ("IDESK_FRESHWORKS_URL", seeded.sim.url().to_string()),
    ];
    let apps = [
        ("empty Tauri app", options.empty.as_path(), Vec::new()),
        (
            "Integration Desk, no data",
            options.app.as_path(),
            no_data_env,
        ),
        ("Integration Desk", options.app.as_path(), app_env),
    ];

    // Alternating, so that a burst of load on the shared machine hits all alike.
    let mut starts: [Vec<process::Start>; 3] = Default::default();
    for run in 0..options.runs {
        for (i, (label, binary, env)) in apps.iter().enumerate() {
            match start_once(binary, env) {
                Ok(start) => starts[i].push(start),
                Err(e) => eprintln!("{label}, start {}: {e}", run + 1),
            }
        }
    }
    println!(
        "\ncold start, spawn → first paint reported (ui_ready), {} starts each:",
        options.runs
    );
    for (i, (label, ..)) in apps.iter().enumerate() {
        let wall: Vec<f64> = starts[i].iter().map(|s| s.wall_ms).collect();
        let own: Vec<f64> = starts[i].iter().map(|s| s.app_ms).collect();
        println!(
            "  {label:<26} median {:>6.0} ms  max {:>6.0} ms   (app's own ui_ready_ms: median {:>6.0}, max {:>6.0}; {} starts)",
            median(&wall),
            max(&wall),
            median(&own),
            max(&own),
            wall.len()
        );
    }
    let app_median = median(&starts[2].iter().map(|s| s.wall_ms).collect::<Vec<_>>());
    println!(
        "  target: Integration Desk median ≤ {START_TARGET_MS:.0} ms: {}",
        verdict(app_median <= START_TARGET_MS)
    );

    println!(
        "\nidle memory, PSS {} s after the start (the app and every process it started):",
        options.idle.as_secs()
    );
    let mut totals = Vec::new();
    for (label, binary, env) in &apps {
        let processes = idle_pss(binary, env, options.idle);
        let total: u64 = processes.iter().map(|p| p.kb).sum();
        let parts: Vec<String> = processes
            .iter()
            .map(|p| format!("{} {:.1}", p.name, mib(p.kb)))
            .collect();
        println!(
            "  {label:<26} {:>7.1} MiB  ({})",
            mib(total),
            parts.join(", ")
        );
        totals.push(total);
    }
    // Issue 15 sets its target for one integration, issue 17 its own for twenty.
    let ratio = totals[2] as f64 / totals[0] as f64;
    let one = options.integrations == 1;
    println!(
        "  ratio Integration Desk / empty app: {ratio:.2}{}",
        if one {
            format!(
                " (target ≤ {MEMORY_TARGET_RATIO}): {}",
                verdict(ratio <= MEMORY_TARGET_RATIO)
            )
        } else {
            String::new()
        }
    );
    let ratio = totals[2] as f64 / totals[1] as f64;
    println!(
        "  ratio Integration Desk / the same with no data: {ratio:.2}{}",
        if one {
            String::new()
        } else {
            format!(
                " (target with twenty integrations and 10M contacts ≤ {MEMORY_TARGET_RATIO_NO_DATA}): {}",
                verdict(ratio <= MEMORY_TARGET_RATIO_NO_DATA)
            )
        }
    );
    println!("\nload average at the end: {}", load_average());
    seed::forget_keys(&seeded);
}

fn start_once(binary: &Path, env: &[(&str, String)]) -> Result<process::Start, String> {
    let (running, marks) = process::spawn(binary, env);
    let start = running.wait_ready(&marks);
    running.stop();
    // Let the killed processes' memory and sockets go before the next start.
    std::thread::sleep(Duration::from_millis(500));
    start
}

fn idle_pss(binary: &Path, env: &[(&str, String)], idle: Duration) -> Vec<memory::ProcessPss> {
    let (running, marks) = process::spawn(binary, env);
    if let Err(e) = running.wait_ready(&marks) {
        eprintln!("{}: {e}; measuring anyway", binary.display());
    }
    let since_start = running.spawned.elapsed();
    std::thread::sleep(idle.saturating_sub(since_start));
    let processes = memory::tree_pss(running.pid());
    running.stop();
    processes
}

fn options() -> Options {
    // Both apps' default place: beside this runner when every build shares CARGO_TARGET_DIR.
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut options = Options {
        app: beside.join("integration-desk"),
        empty: beside.join("empty-tauri-app"),
        runs: 10,
        idle: Duration::from_secs(30),
        integrations: 1,
        contacts: 100_000,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--app" => options.app = PathBuf::from(value()),
            "--empty" => options.empty = PathBuf::from(value()),
            "--runs" => {
                options.runs = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--runs: a number"))
            }
            "--idle-secs" => {
                options.idle = Duration::from_secs(
                    value()
                        .parse()
                        .unwrap_or_else(|_| usage("--idle-secs: a number")),
                )
            }
            "--integrations" => {
                options.integrations = value()
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| usage("--integrations: a number above 0"))
            }
            "--contacts" => {
                options.contacts = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--contacts: a number"))
            }
            _ => usage(&format!("unknown argument {flag}")),
        }
    }
    options
}

fn usage(problem: &str) -> ! {
    eprintln!("{problem}\nusage: startup-runner [--app PATH] [--empty PATH] [--runs 10] [--idle-secs 30] [--integrations 1] [--contacts 100000]");
    std::process::exit(2)
}

fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let mid = sorted.len() / 2;
    match sorted.len() % 2 {
        0 => (sorted[mid - 1] + sorted[mid]) / 2.0,
        _ => sorted[mid],
    }
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NAN, f64::max)
}

fn mib(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.trim().to_string())
        .unwrap_or_else(|_| "unknown".into())
}
