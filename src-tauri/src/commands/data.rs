//! Import and the live queue preview (F8, F9): thin adapters over `idesk_core::import` and
//! `idesk_core::preview`. An import runs as a background task that reports over a channel.

use crate::state::AppState;
use idesk_core::import::{dates, run_import, ImportTarget, SinceArg};
use idesk_core::keychain::{self, SecretKind};
use idesk_core::preview::{self, ContactRow, ImportEvent, PreviewReport, RuleDecision};
use idesk_core::{CoreError, ErrorCode};
use tauri::ipc::Channel;
use tauri::{Manager, State};

fn parse_instant(text: Option<&str>) -> Result<Option<chrono::DateTime<chrono::Utc>>, CoreError> {
    text.map(|t| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map(|d| d.to_utc())
            .map_err(|e| CoreError::new(ErrorCode::InvalidDate, format!("{t:?}: {e}")))
    })
    .transpose()
}

/// Starts (or resumes) the initial import; progress, the end and failures arrive on `on_event`.
#[tauri::command]
pub fn start_import(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: String,
    since: Option<String>,
    on_event: Channel<ImportEvent>,
) -> Result<(), CoreError> {
    let since = match since.as_deref() {
        Some(text) => dates::parse_date(text)?,
        None => SinceArg::Default,
    };
    let integration = state.with_integrations(|s| s.find_integration(&id))?;
    let secret = keychain::load(&integration.id, SecretKind::ApiKey)?;
    let client = state.freshworks()?;
    let mut store = state.open_integrations_store()?;
    let mut imports = state.imports.lock().unwrap_or_else(|e| e.into_inner());
    if imports
        .get(&integration.id)
        .is_some_and(|h| !h.inner().is_finished())
    {
        return Ok(()); // already running: the UI keeps listening to the first channel
    }
    let target = ImportTarget {
        integration_id: integration.id.clone(),
        product: integration.product,
        domain: integration.domain.clone(),
    };
    let key = integration.id.clone();
    // The import and the continuous stage write the same bookmarks: one at a time.
    state.syncs.stop(&integration.id);
    let handle = tauri::async_runtime::spawn(async move {
        let events = on_event.clone();
        let mut report = move |p: &idesk_core::import::Progress| {
            let _ = events.send(ImportEvent::from(p));
        };
        let outcome = run_import(&mut store, &target, secret, client, since, &mut report).await;
        let _ = on_event.send(match outcome {
            Ok(summary) => ImportEvent::from(&summary),
            Err(error) => ImportEvent::Failed { error },
        });
        let state = app.state::<AppState>();
        state
            .imports
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&target.integration_id);
        // The continuous stage follows the initial import.
        restart_sync(&app, &target.integration_id);
    });
    imports.insert(key, handle);
    Ok(())
}

fn restart_sync(app: &tauri::AppHandle, id: &str) {
    if let Err(e) = app.state::<AppState>().syncs.start(app, id) {
        tracing::warn!(integration = %id, code = e.code.as_str(), "sync not started: {}", e.message);
    }
}

/// Stops a running import. Everything committed so far stays; starting again continues from there.
#[tauri::command]
pub fn cancel_import(app: tauri::AppHandle, state: State<'_, AppState>, id: String) -> bool {
    let handle = state
        .imports
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&id);
    match handle {
        Some(handle) => {
            handle.abort();
            // A re-import of an integration that was already syncing: it goes on syncing.
            restart_sync(&app, &id);
            true
        }
        None => false,
    }
}

#[tauri::command]
pub fn import_running(state: State<'_, AppState>, id: String) -> bool {
    state.import_running(&id)
}

/// The queues and their counts per interval; `from`/`to` are RFC 3339 (default: the last 7 days);
/// intervals only for `queues` when given.
#[tauri::command]
pub fn queue_report(
    state: State<'_, AppState>,
    id: String,
    from: Option<String>,
    to: Option<String>,
    interval_minutes: u32,
    time_zone: Option<String>,
    queues: Option<Vec<String>>,
) -> Result<PreviewReport, CoreError> {
    let (from, to) = (
        parse_instant(from.as_deref())?,
        parse_instant(to.as_deref())?,
    );
    state.with_integrations(|s| {
        let integration = s.find_integration(&id)?;
        preview::report(
            s,
            &integration,
            from,
            to,
            interval_minutes,
            time_zone.as_deref(),
            queues.as_deref(),
        )
    })
}

/// The contacts behind one count (drill-down).
#[tauri::command]
pub fn queue_contacts(
    state: State<'_, AppState>,
    id: String,
    queue: String,
    from: String,
    to: String,
) -> Result<Vec<ContactRow>, CoreError> {
    let from = parse_instant(Some(&from))?.unwrap_or_default();
    let to = parse_instant(Some(&to))?.unwrap_or_default();
    state.with_integrations(|s| {
        let integration = s.find_integration(&id)?;
        preview::contacts(s, &integration.id, &queue, from, to)
    })
}

/// The rules applied where the source documents are silent, with their reasons.
#[tauri::command]
pub fn rule_decisions() -> Vec<RuleDecision> {
    preview::decisions()
}

/// Opens a Freshdesk ticket in the system browser (`https://<domain>/a/tickets/<id>`); only for
/// an integration's own domain, which was validated when it was saved.
#[tauri::command]
pub fn open_ticket(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: String,
    ticket_id: u64,
) -> Result<(), CoreError> {
    use tauri_plugin_opener::OpenerExt;
    let integration = state.with_integrations(|s| s.find_integration(&id))?;
    let url = format!("https://{}/a/tickets/{ticket_id}", integration.domain);
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| CoreError::new(ErrorCode::Internal, format!("cannot open the browser: {e}")))
}
