//! The Tauri shell: window, plugins, state, and commands that are thin adapters over `idesk-core`.

mod commands;
mod state;
mod sync;

use tauri::Manager;

pub fn run() {
    let state = state::AppState::start();
    tauri::Builder::default()
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
            let state = app.state::<state::AppState>();
            if state.demo_requested_at_start() {
                // Before the window loads, so its first screen already shows the demo.
                if let Err(e) = tauri::async_runtime::block_on(state.start_demo()) {
                    tracing::error!(code = e.code.as_str(), "{}", e.message);
                }
            }
            state.syncs.start_all(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::set_language,
            commands::app::open_marketplace,
            commands::demo::start_demo,
            commands::demo::stop_demo,
            commands::integrations::list_integrations,
            commands::integrations::get_integration,
            commands::integrations::test_connection,
            commands::integrations::add_integration,
            commands::integrations::edit_integration,
            commands::integrations::recheck_integration,
            commands::integrations::remove_integration,
            commands::integrations::generate_injixo_key,
            commands::data::start_import,
            commands::data::cancel_import,
            commands::data::import_running,
            commands::data::queue_report,
            commands::data::queue_contacts,
            commands::data::rule_decisions,
            commands::data::open_ticket,
            commands::sync::sync_status,
            commands::sync::pause_sync,
            commands::sync::resume_sync,
            commands::sync::set_sync_every,
            commands::sync::sync_now,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
