//! Where the app's threads are while the latency is sampled, as evidence of what an IPC answer
//! waits for: every few ms the kernel's `/proc/<pid>/task/<tid>/syscall` of the app's main thread
//! (where the webview hands IPC requests over), its async runtime's workers (where the commands,
//! the imports and the syncs run) and the web process's main thread (the page's JavaScript),
//! each sample classified: running, sleeping (`nanosleep`: SQLite's busy handler waiting for the
//! write lock sleeps there), on a futex (idle worker, or a mutex), polling (idle event loop),
//! in file I/O, or another call.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const EVERY: Duration = Duration::from_millis(10);
/// How often the threads of interest are looked up again (workers may start late).
const REFRESH_EVERY: u32 = 100;
pub const STATES: [&str; 7] = [
    "running", "sleep", "futex", "poll", "file I/O", "other", "gone",
];

/// Samples per (phase, thread group), by state (indices into [`STATES`]).
pub type Counts = BTreeMap<(String, &'static str), [u64; STATES.len()]>;

pub struct ThreadSampler {
    phase: Arc<Mutex<String>>,
    stop: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<Counts>,
}

impl ThreadSampler {
    /// Samples the process running `app` (found through `/proc/*/exe`) until [`Self::finish`].
    pub fn start(app: &Path) -> ThreadSampler {
        let app = app.canonicalize().unwrap_or_else(|_| app.to_path_buf());
        let phase = Arc::new(Mutex::new("setup".to_string()));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (phase.clone(), stop.clone());
        let handle = std::thread::spawn(move || sample(&app, &p, &s));
        ThreadSampler {
            phase,
            stop,
            handle,
        }
    }

    pub fn set_phase(&self, phase: &str) {
        *self.phase.lock().unwrap() = phase.to_string();
    }

    pub fn finish(self) -> Counts {
        self.stop.store(true, Ordering::SeqCst);
        self.handle.join().unwrap()
    }
}

fn sample(app: &Path, phase: &Mutex<String>, stop: &AtomicBool) -> Counts {
    let mut counts = Counts::new();
    let mut threads: Vec<(&'static str, PathBuf)> = Vec::new();
    let mut round = 0u32;
    while !stop.load(Ordering::SeqCst) {
        if round.is_multiple_of(REFRESH_EVERY) {
            threads = threads_of_interest(app);
        }
        round += 1;
        let phase = phase.lock().unwrap().clone();
        for (group, file) in &threads {
            let state = std::fs::read_to_string(file).map_or(6, |s| classify(&s));
            counts.entry((phase.clone(), *group)).or_default()[state] += 1;
        }
        std::thread::sleep(EVERY);
    }
    counts
}

/// The `syscall` files of the app's main thread and runtime workers, and of the main thread of
/// the web process the app started.
fn threads_of_interest(app: &Path) -> Vec<(&'static str, PathBuf)> {
    let mut found = Vec::new();
    let Some(pid) = pids().find(|pid| exe(*pid).is_some_and(|e| e == app)) else {
        return found;
    };
    found.push(("app main thread", task_file(pid, pid)));
    for tid in tasks(pid) {
        // tokio names them `tokio-rt-worker` (older versions `tokio-runtime-worker`; 15 characters kept).
        if comm(pid, tid).starts_with("tokio-r") {
            found.push(("app runtime workers", task_file(pid, tid)));
        }
    }
    let web =
        pids().find(|p| parent(*p) == Some(pid) && comm(*p, *p).starts_with("WebKitWebProces"));
    if let Some(web) = web {
        found.push(("web process main thread", task_file(web, web)));
    }
    found
}

/// A `syscall` file's first word: `running`, or the number of the call the thread waits in.
fn classify(syscall: &str) -> usize {
    match syscall.split_whitespace().next().unwrap_or_default() {
        "running" => 0,
        "35" | "230" => 1,                          // nanosleep, clock_nanosleep
        "202" => 2,                                 // futex
        "7" | "232" | "271" | "281" => 3,           // poll, epoll_wait, ppoll, epoll_pwait
        "0" | "1" | "17" | "18" | "74" | "75" => 4, // read, write, pread64, pwrite64, fsync, fdatasync
        _ => 5,
    }
}

fn pids() -> impl Iterator<Item = u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
}

fn tasks(pid: u32) -> Vec<u32> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect()
}

fn exe(pid: u32) -> Option<PathBuf> {
    std::fs::read_link(format!("/proc/{pid}/exe")).ok()
}

fn comm(pid: u32, tid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/comm")).unwrap_or_default()
}

fn parent(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid ...`: the comm may hold spaces, so read after its closing bracket.
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn task_file(pid: u32, tid: u32) -> PathBuf {
    PathBuf::from(format!("/proc/{pid}/task/{tid}/syscall"))
}

/// One line per thread group of `phase`: the share of samples in each state.
pub fn lines(counts: &Counts, phase: &str) -> Vec<String> {
    counts
        .iter()
        .filter(|((p, _), _)| p == phase)
        .map(|((_, group), by_state)| {
            let total: u64 = by_state.iter().sum();
            let shares: Vec<String> = STATES
                .iter()
                .zip(by_state)
                .filter(|(_, n)| **n > 0)
                .map(|(state, n)| format!("{state} {:.0} %", 100.0 * *n as f64 / total as f64))
                .collect();
            format!("{group} ({total} samples): {}", shares.join(", "))
        })
        .collect()
}
