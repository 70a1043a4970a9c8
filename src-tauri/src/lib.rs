//! The Tauri shell: window, plugins, state, and commands that are thin adapters over `idesk-core`.

mod commands;
mod state;

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
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::set_language
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
