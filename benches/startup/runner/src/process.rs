//! Starting an app, waiting for its `ui_ready_ms=` line, and ending it with every process it
//! started (WebKitWebProcess, WebKitNetworkProcess), by process id.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a start may take before the run counts as failed.
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Running {
    child: Child,
    pub spawned: Instant,
}

/// One start: wall time from spawn to the `ui_ready_ms=` line, and the app's own figure.
pub struct Start {
    pub wall_ms: f64,
    pub app_ms: f64,
}

pub fn spawn(binary: &Path, env: &[(&str, String)]) -> (Running, mpsc::Receiver<(Instant, u64)>) {
    let mut command = Command::new(binary);
    command
        .env("IDESK_STARTUP_MARK", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let spawned = Instant::now();
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    // Reads to the end, so the app never writes into a closed pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(ms) = line.trim().strip_prefix("ui_ready_ms=") {
                if let Ok(ms) = ms.parse::<u64>() {
                    let _ = tx.send((Instant::now(), ms));
                }
            }
        }
    });
    (Running { child, spawned }, rx)
}

impl Running {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the first `ui_ready_ms=` line.
    pub fn wait_ready(&self, marks: &mpsc::Receiver<(Instant, u64)>) -> Result<Start, String> {
        match marks.recv_timeout(START_TIMEOUT) {
            Ok((at, app_ms)) => Ok(Start {
                wall_ms: at.duration_since(self.spawned).as_secs_f64() * 1000.0,
                app_ms: app_ms as f64,
            }),
            Err(_) => Err(format!("no ui_ready_ms line within {START_TIMEOUT:?}")),
        }
    }

    /// Kills the app and everything it started, and waits until they are gone.
    pub fn stop(mut self) {
        let pid = self.pid();
        let family = descendants(pid);
        kill(pid);
        for p in &family {
            kill(*p);
        }
        let _ = self.child.wait();
        let deadline = Instant::now() + Duration::from_secs(10);
        while family.iter().any(|p| alive(*p)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn kill(pid: u32) {
    // SAFETY: kill(2) with a process id this benchmark started (or one of its descendants).
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGKILL);
    }
}

fn alive(pid: u32) -> bool {
    // A killed child of the app lingers as a zombie until its parent (gone) is replaced by init.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat_fields(&stat).is_some_and(|(state, _)| state != "Z"),
        Err(_) => false,
    }
}

/// The state and parent id from `/proc/<pid>/stat` (the command name may hold spaces and ')').
fn stat_fields(stat: &str) -> Option<(&str, u32)> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?;
    let parent = fields.next()?.parse().ok()?;
    Some((state, parent))
}

/// Every process below `root`, children first found first.
pub fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            Some((pid, stat_fields(&stat)?.1))
        })
        .collect();
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        next += 1;
    }
    found.remove(0);
    found
}

/// The command name of a process, for the memory breakdown.
pub fn name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim().to_string())
        .unwrap_or_else(|_| format!("pid {pid}"))
}
