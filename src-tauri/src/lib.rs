//! The Tauri shell: window, plugins, and commands that are one-line adapters over `idesk-core`.
//! [`workspace::Workspace`] is what the app works on (folders, store, demo, client);
//! [`jobs::Jobs`] runs the imports and syncs in the background.

mod commands;
mod jobs;
mod startup;
mod workspace;

use std::sync::Arc;
use std::time::Instant;
use tauri::{Manager, Runtime};

/// What every command reaches through `State<AppState>`.
pub struct AppState {
    pub ws: Arc<workspace::Workspace>,
    pub jobs: Arc<jobs::Jobs>,
    pub startup: startup::Startup,
}

impl AppState {
    pub fn new(ws: workspace::Workspace) -> Self {
        let ws = Arc::new(ws);
        AppState {
            jobs: jobs::Jobs::new(ws.clone()),
            ws,
            startup: startup::Startup::new(Instant::now(), startup::FALLBACK),
        }
    }

    pub fn with_startup(self, startup: startup::Startup) -> Self {
        AppState { startup, ..self }
    }

    /// The app's folders from the environment, its log, its store (checked later, see
    /// `startup`) and its Freshworks client.
    fn start(began: Instant) -> Self {
        use idesk_core::paths::AppPaths;
        let paths = AppPaths::from_env().unwrap_or_else(|e| {
            eprintln!("error[{}]: {}", e.code.as_str(), e.message);
            // An empty path makes the store fail with a clear error on the error screen.
            AppPaths::in_dir(std::path::PathBuf::new())
        });
        if let Err(e) = idesk_core::logging::init(&paths.log_dir, cfg!(debug_assertions)) {
            eprintln!("error[{}]: {}", e.code.as_str(), e.message);
        }
        let client = idesk_core::freshworks::FreshworksClient::from_env();
        AppState::new(workspace::Workspace::open_for_start(paths, client))
            .with_startup(startup::Startup::new(began, startup::FALLBACK))
    }
}

/// Every command the UI may call; `build.rs` lists the same names for the app manifest.
fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    use commands::{app, data, demo, explorer, health, integrations, sync};
    builder.invoke_handler(tauri::generate_handler![
        app::app_info,
        app::ui_ready,
        app::set_language,
        app::open_marketplace,
        demo::start_demo,
        demo::stop_demo,
        demo::reset_demo,
        integrations::list_integrations,
        integrations::get_integration,
        integrations::test_connection,
        integrations::add_integration,
        integrations::edit_integration,
        integrations::recheck_integration,
        integrations::remove_integration,
        integrations::generate_injixo_key,
        data::start_import,
        data::cancel_import,
        data::import_running,
        data::queue_report,
        data::queue_contacts,
        data::rule_decisions,
        data::open_ticket,
        data::explain_ticket,
        sync::sync_status,
        sync::pause_sync,
        sync::resume_sync,
        sync::set_sync_every,
        sync::sync_now,
        health::integration_statuses,
        health::integration_status,
        health::run_diagnosis,
        health::save_diagnosis_report,
        health::check_injixo_key,
        explorer::naming_options,
        explorer::name_queue,
        explorer::queue_shares,
        explorer::queue_shares_csv,
        explorer::save_queue_shares_csv,
    ])
}

pub fn run() {
    let began = Instant::now();
    let state = AppState::start(began);
    let builder = tauri::Builder::default()
        // Registered first, as the plugin requires: a second launch focuses the running window.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .setup(|app| {
            let state = app.state::<AppState>();
            if state.ws.demo_requested_at_start() {
                // Before the window loads, so its first screen already shows the demo.
                if let Err(e) = tauri::async_runtime::block_on(state.ws.start_demo(&|_| {})) {
                    tracing::error!(code = e.code.as_str(), "{}", e.message);
                }
            }
            let handle = app.handle().clone();
            state
                .jobs
                .on_status_change(std::sync::Arc::new(move |id: &str| {
                    use tauri::Emitter;
                    let _ = handle.emit("status-changed", id);
                }));
            // The store's check and the syncs wait for the first paint (`ui_ready`).
            startup::arm_fallback(app.handle());
            Ok(())
        });
    with_commands(builder)
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

#[cfg(test)]
mod tests;
