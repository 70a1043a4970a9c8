//! The app's background work: the initial imports and the continuous stage's syncs, one
//! registry built from the [`Workspace`] (no `AppHandle`: events reach the UI through the sink
//! the caller hands in). Every task runs supervised: a panic ends it as a failure with a reason,
//! in the log and to the UI, never as a run that stays "running".

mod imports;
mod syncs;
#[cfg(test)]
mod tests;

use crate::workspace::Workspace;
use idesk_core::integrations::service::StoreAccess;
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tokio::task::AbortHandle;

pub use imports::ImportSink;

/// Told when an integration's status may have changed (the shell emits `status-changed`).
pub type StatusListener = Arc<dyn Fn(&str) + Send + Sync>;

pub struct Jobs {
    ws: Arc<Workspace>,
    imports: Mutex<HashMap<String, Task>>,
    syncs: Mutex<HashMap<String, syncs::Loop>>,
    tickets: AtomicU64,
    status_listener: Arc<OnceLock<StatusListener>>,
}

impl Jobs {
    pub fn new(ws: Arc<Workspace>) -> Arc<Jobs> {
        Arc::new(Jobs {
            ws,
            imports: Default::default(),
            syncs: Default::default(),
            tickets: AtomicU64::new(1),
            status_listener: Default::default(),
        })
    }

    /// Sets who hears of status changes (once; the app sets it when its window exists).
    pub fn on_status_change(&self, listener: StatusListener) {
        let _ = self.status_listener.set(listener);
    }

    /// A handle that tells the listener, for tasks that outlive `&self`.
    fn status_notifier(&self) -> impl Fn(&str) + Send + Sync + 'static {
        let listener = self.status_listener.clone();
        move |id: &str| {
            if let Some(listen) = listener.get() {
                listen(id);
            }
        }
    }

    /// Records that the sync of `id` could not start, so its status says why.
    fn record_sync_failure(&self, id: &str, error: &idesk_core::CoreError) {
        record_failure(&self.ws, id, error);
        (self.status_notifier())(id);
    }

    pub fn workspace(&self) -> &Arc<Workspace> {
        &self.ws
    }
}

/// One supervised task: it can be aborted, and it says whether it ended.
struct Task {
    /// Tells this task from a later one of the same integration.
    ticket: u64,
    abort: AbortHandle,
    ended: Arc<AtomicBool>,
}

impl Task {
    fn running(&self) -> bool {
        !self.ended.load(Ordering::SeqCst)
    }
}

/// How a supervised task ended.
enum Ended<T> {
    Done(T),
    /// The task panicked: the panic's message.
    Panicked(String),
    Cancelled,
}

/// Runs `work` on the async runtime and `on_end` once it has ended, however it ended.
fn supervise<T: Send + 'static>(
    ticket: u64,
    work: impl Future<Output = T> + Send + 'static,
    on_end: impl FnOnce(Ended<T>) + Send + 'static,
) -> Task {
    let inner = tauri::async_runtime::spawn(work);
    let abort = inner.inner().abort_handle();
    let ended = Arc::new(AtomicBool::new(false));
    let flag = ended.clone();
    tauri::async_runtime::spawn(async move {
        let outcome = match inner.await {
            Ok(value) => Ended::Done(value),
            Err(tauri::Error::JoinError(e)) if e.is_panic() => {
                Ended::Panicked(panic_text(e.into_panic()))
            }
            Err(_) => Ended::Cancelled,
        };
        flag.store(true, Ordering::SeqCst);
        on_end(outcome);
    });
    Task {
        ticket,
        abort,
        ended,
    }
}

fn panic_text(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(text) => text.to_string(),
            Err(_) => "no message".to_string(),
        },
    }
}

/// Records a sync that could not run in the store, where the status reads it.
fn record_failure(ws: &Workspace, id: &str, error: &idesk_core::CoreError) {
    let _ = ws.with_store(|s| {
        idesk_core::status::record_failure(s, id, error);
        Ok(())
    });
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
