//! Import and the live queue preview (F8, F9 in docs/product.md): adapters over `crate::jobs` and
//! `idesk_core::preview`. An import runs in the background and reports over a channel.

use crate::jobs::ImportSink;
use crate::AppState;
use idesk_core::explain::{self, TicketTimeline};
use idesk_core::import::QueueQuery;
use idesk_core::integrations::service::StoreAccess;
use idesk_core::preview::{self, ContactRow, ImportEvent, PreviewReport, RuleDecision};
use idesk_core::{CoreError, ErrorCode};
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

type Instant = chrono::DateTime<chrono::Utc>;

fn parse_instant(text: Option<&str>) -> Result<Option<Instant>, CoreError> {
    text.map(|t| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map(|d| d.to_utc())
            .map_err(|e| CoreError::new(ErrorCode::InvalidDate, format!("{t:?}: {e}")))
    })
    .transpose()
}

/// Starts (or resumes) the initial import; progress, the end and failures arrive on `on_event`.
#[tauri::command]
pub async fn start_import(
    state: State<'_, AppState>,
    id: String,
    since: Option<String>,
    on_event: Channel<ImportEvent>,
) -> Result<(), CoreError> {
    let sink: ImportSink = Arc::new(move |event: ImportEvent| {
        let _ = on_event.send(event);
    });
    state.jobs.start_import(&id, since.as_deref(), sink).await
}

/// Stops a running import. Everything committed so far stays; starting again continues from there.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>, id: String) -> Result<bool, CoreError> {
    Ok(state.jobs.cancel_import(&id))
}

#[tauri::command]
pub fn import_running(state: State<'_, AppState>, id: String) -> bool {
    state.jobs.import_running(&id)
}

/// The queues and their counts per interval, with the same meaning of range, zone and interval
/// as `idesk queues` (`QueueQuery`); intervals only for `queues` when given.
#[tauri::command]
pub async fn queue_report(
    state: State<'_, AppState>,
    id: String,
    from: Option<String>,
    to: Option<String>,
    interval_minutes: u32,
    time_zone: Option<String>,
    queues: Option<Vec<String>>,
) -> Result<PreviewReport, CoreError> {
    let query = QueueQuery {
        from,
        to,
        interval_minutes,
        time_zone,
    };
    query.check()?; // bad input is refused before anything is looked up
    state.ws.with_store(|s| {
        preview::queue_report(s, &s.find_integration(&id)?, &query, queues.as_deref())
    })
}

/// The contacts behind one count (drill-down).
#[tauri::command]
pub async fn queue_contacts(
    state: State<'_, AppState>,
    id: String,
    queue: String,
    from: String,
    to: String,
) -> Result<Vec<ContactRow>, CoreError> {
    let from = parse_instant(Some(&from))?.unwrap_or_default();
    let to = parse_instant(Some(&to))?.unwrap_or_default();
    state.ws.with_store(|s| {
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
/// an integration's own domain, which was validated when it was saved, and never in the demo,
/// whose domains are real customers' names served by the simulator.
#[tauri::command]
pub async fn open_ticket<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    ticket_id: u64,
) -> Result<(), CoreError> {
    if state.ws.demo_info().is_some() {
        return Err(CoreError::new(
            ErrorCode::DemoTicket,
            "this ticket lives in the built-in simulator, not in Freshdesk",
        ));
    }
    let integration = state.ws.integration(&id)?;
    let url = format!("https://{}/a/tickets/{ticket_id}", integration.domain);
    super::app::open_url(&app, &url)
}

/// Why one Freshdesk ticket became N contacts in M queues (the cache, or one live call). Runs on
/// a store connection of its own on a blocking thread, as the diagnosis does: the explanation
/// holds that connection across the help desk's answer.
#[tauri::command]
pub async fn explain_ticket(
    state: State<'_, AppState>,
    id: String,
    ticket: u64,
) -> Result<TicketTimeline, CoreError> {
    let store = state.ws.open_integrations_store()?;
    let client = state.ws.freshworks()?;
    let explain = move || {
        tauri::async_runtime::block_on(explain::explain_ticket(&store, &client, &id, ticket))
    };
    tauri::async_runtime::spawn_blocking(explain)
        .await
        .map_err(|e| CoreError::new(ErrorCode::Internal, format!("the explanation stopped: {e}")))?
}
