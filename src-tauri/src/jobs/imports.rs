//! Initial imports: at most one per integration; the continuous stage pauses while one runs and
//! follows it when it ends.

use super::{lock, supervise, Ended, Jobs};
use idesk_core::error::CoreResult;
use idesk_core::import::{dates, run_import, ImportSummary, Progress, SinceArg};
use idesk_core::keychain::{self, SecretKind};
use idesk_core::preview::ImportEvent;
use idesk_core::{CoreError, ErrorCode, Secret};
use std::future::Future;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// How often a running import tells the status listener about its progress.
const STATUS_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Where an import's events go (the UI's channel in the app).
pub type ImportSink = Arc<dyn Fn(ImportEvent) + Send + Sync>;

impl Jobs {
    /// Starts (or resumes) the initial import of `id` (a name or id); progress, the end and
    /// failures go to `sink`. An import that runs already keeps its first sink.
    pub async fn start_import(
        self: &Arc<Self>,
        id: &str,
        since: Option<&str>,
        sink: ImportSink,
    ) -> CoreResult<()> {
        let since = since.map_or(Ok(SinceArg::Default), dates::parse_date)?;
        let integration = self.ws.integration(id)?;
        if self.import_running(&integration.id) {
            return Ok(());
        }
        let secret = api_key(&integration.id).await?;
        let client = self.ws.freshworks()?;
        let mut store = self.ws.open_integrations_store()?;
        let target = integration.import_target();
        let (progress, notify, key) =
            (sink.clone(), self.status_notifier(), integration.id.clone());
        let work = async move {
            // The dashboard follows the import's progress at most every few seconds.
            let mut last_told = std::time::Instant::now();
            let mut report = move |p: &Progress| {
                progress(ImportEvent::from(p));
                if last_told.elapsed() >= STATUS_EVERY {
                    last_told = std::time::Instant::now();
                    notify(&key);
                }
            };
            run_import(&mut store, &target, secret, client, since, &mut report).await
        };
        self.spawn_import(&integration.id, work, sink);
        Ok(())
    }

    /// Runs an import's `work` supervised: its end (or its panic) goes to `sink`.
    pub(super) fn spawn_import(
        self: &Arc<Self>,
        id: &str,
        work: impl Future<Output = CoreResult<ImportSummary>> + Send + 'static,
        sink: ImportSink,
    ) {
        let mut imports = lock(&self.imports);
        if imports.get(id).is_some_and(|t| t.running()) {
            return; // already running: the UI keeps listening to the first channel
        }
        // The import and the continuous stage write the same bookmarks: one at a time.
        self.stop_sync(id);
        let ticket = self.tickets.fetch_add(1, Ordering::SeqCst);
        let (jobs, key, notify) = (self.clone(), id.to_owned(), self.status_notifier());
        let task = supervise(ticket, work, move |ended| {
            let event = match ended {
                Ended::Done(Ok(summary)) => Some(ImportEvent::from(&summary)),
                Ended::Done(Err(error)) => Some(ImportEvent::Failed { error }),
                Ended::Panicked(why) => {
                    tracing::error!(integration = %key, "the import stopped unexpectedly: {why}");
                    let error = CoreError::new(
                        ErrorCode::Internal,
                        format!("the import stopped unexpectedly: {why}"),
                    );
                    Some(ImportEvent::Failed { error })
                }
                Ended::Cancelled => None, // `cancel_import` answers the UI itself
            };
            if let Some(event) = event {
                sink(event);
            }
            jobs.import_ended(&key, ticket);
            notify(&key);
        });
        imports.insert(id.to_owned(), task);
    }

    fn import_ended(&self, id: &str, ticket: u64) {
        let mut imports = lock(&self.imports);
        if imports.get(id).is_some_and(|t| t.ticket == ticket) {
            imports.remove(id);
            drop(imports);
            // The continuous stage follows the initial import.
            self.start_sync_or_log(id);
        }
    }

    /// Stops a running import. Everything committed so far stays; starting again continues.
    pub fn cancel_import(&self, id: &str) -> bool {
        let Some(task) = lock(&self.imports).remove(id) else {
            return false;
        };
        task.abort.abort();
        // A re-import of an integration that was already syncing: it goes on syncing.
        self.start_sync_or_log(id);
        true
    }

    /// Stops every running import without starting syncs (the demo is about to be wiped).
    pub fn abort_all_imports(&self) {
        for (_, task) in lock(&self.imports).drain() {
            task.abort.abort();
        }
    }

    /// Whether an initial import of `id` is running.
    pub fn import_running(&self, id: &str) -> bool {
        lock(&self.imports).get(id).is_some_and(|t| t.running())
    }
}

/// The integration's API key, read off the async threads (a keychain call may wait on a prompt).
pub(super) async fn api_key(id: &str) -> CoreResult<Secret> {
    let id = id.to_owned();
    tauri::async_runtime::spawn_blocking(move || keychain::load(&id, SecretKind::ApiKey))
        .await
        .map_err(|e| {
            CoreError::new(
                ErrorCode::Internal,
                format!("the keychain call stopped: {e}"),
            )
        })?
}
