//! The start-up order: the window and the Integrations page paint first; the heavy work (the
//! store's page-by-page check, the sync loops, which read the keychain) waits until the UI reports
//! its first paint through `ui_ready`, or until [`FALLBACK`] has passed if it never does (a page
//! that does not report). See docs/architecture.md, "Start-up order".

use crate::AppState;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// Told to the UI when the store failed its deferred check: it asks `app_info` again, which now
/// carries the error, and shows the error screen.
pub const STORE_FAILED_EVENT: &str = "store-failed";

/// With `IDESK_STARTUP_MARK=1` the first `ui_ready` prints `ui_ready_ms=<n>` on stdout, one
/// line, for the start-up benchmark (benches/startup).
pub const STARTUP_MARK_ENV: &str = "IDESK_STARTUP_MARK";

/// How long the deferred work waits for `ui_ready` before it starts anyway.
pub const FALLBACK: Duration = Duration::from_secs(5);

/// What started the deferred work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    UiReady,
    Fallback,
}

pub struct Startup {
    /// When the process entered `run` (the loader's few milliseconds before are not counted).
    began: Instant,
    fallback: Duration,
    /// Milliseconds from `began` to the first `ui_ready`.
    first_paint_ms: OnceLock<u128>,
    claimed: AtomicBool,
    runs: AtomicU32,
}

impl Startup {
    pub fn new(began: Instant, fallback: Duration) -> Self {
        Startup {
            began,
            fallback,
            first_paint_ms: OnceLock::new(),
            claimed: AtomicBool::new(false),
            runs: AtomicU32::new(0),
        }
    }

    /// How many times the deferred work has run (once per process, whatever called for it).
    pub fn deferred_runs(&self) -> u32 {
        self.runs.load(Ordering::SeqCst)
    }

    /// Milliseconds from the start to the UI's first paint, once it reported it.
    pub fn first_paint_ms(&self) -> Option<u128> {
        self.first_paint_ms.get().copied()
    }

    /// True for the first caller only: the deferred work runs once.
    fn claim(&self) -> bool {
        !self.claimed.swap(true, Ordering::SeqCst)
    }
}

/// The UI painted its first screen: records how long that took and starts the deferred work.
pub fn ui_ready<R: Runtime>(app: &AppHandle<R>) {
    let startup = &app.state::<AppState>().startup;
    let ms = startup.began.elapsed().as_millis();
    if startup.first_paint_ms.set(ms).is_ok() {
        tracing::info!(ui_ready_ms = ms, "the UI painted its first screen");
        if std::env::var(STARTUP_MARK_ENV).as_deref() == Ok("1") {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "ui_ready_ms={ms}");
            let _ = out.flush();
        }
    }
    begin_deferred(app, Trigger::UiReady);
}

/// Starts the deferred work after the fallback delay unless `ui_ready` came first.
pub fn arm_fallback<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let wait = app.state::<AppState>().startup.fallback;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(wait).await;
        begin_deferred(&app, Trigger::Fallback);
    });
}

fn begin_deferred<R: Runtime>(app: &AppHandle<R>, trigger: Trigger) {
    let startup = &app.state::<AppState>().startup;
    if !startup.claim() {
        return;
    }
    let ms = startup.began.elapsed().as_millis();
    tracing::info!(?trigger, after_ms = ms, "deferred start-up work begins");
    let app = app.clone();
    // The integrity check reads the whole file and the keychain may wait on an unlock prompt:
    // neither belongs on the async threads that answer the UI.
    tauri::async_runtime::spawn_blocking(move || run_deferred(&app));
}

fn run_deferred<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    state.startup.runs.fetch_add(1, Ordering::SeqCst);
    let started = Instant::now();
    match state.ws.check_user_store() {
        Ok(()) => state.jobs.start_all_syncs(),
        // No sync runs on a store that cannot be used; the error screen says why.
        Err(_) => {
            let _ = app.emit(STORE_FAILED_EVENT, ());
        }
    }
    tracing::info!(
        ms = started.elapsed().as_millis(),
        "deferred start-up work done"
    );
}
