/// Every command of the app (the same list as `with_commands` in src/lib.rs). With an app
/// manifest a command is refused unless a capability allows it (`allow-<command-name>`).
const COMMANDS: &[&str] = &[
    "app_info",
    "ui_ready",
    "set_language",
    "open_marketplace",
    "start_demo",
    "stop_demo",
    "reset_demo",
    "list_integrations",
    "get_integration",
    "test_connection",
    "add_integration",
    "edit_integration",
    "recheck_integration",
    "remove_integration",
    "generate_injixo_key",
    "start_import",
    "cancel_import",
    "import_running",
    "queue_report",
    "queue_contacts",
    "rule_decisions",
    "open_ticket",
    "explain_ticket",
    "sync_status",
    "pause_sync",
    "resume_sync",
    "set_sync_every",
    "sync_now",
    "integration_statuses",
    "integration_status",
    "run_diagnosis",
    "save_diagnosis_report",
    "check_injixo_key",
    "naming_options",
    "name_queue",
    "queue_shares",
    "queue_shares_csv",
    "save_queue_shares_csv",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
