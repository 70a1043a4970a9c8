//! What the app keeps while it runs: its folders and the store (or why the store could not open).

use idesk_core::paths::AppPaths;
use idesk_core::{CoreError, ErrorCode, Store};
use std::sync::Mutex;

pub struct AppState {
    pub paths: AppPaths,
    /// Kept as a `Result` so the window can still open and show the error screen.
    pub store: Mutex<Result<Store, CoreError>>,
}

impl AppState {
    pub fn start() -> Self {
        let paths = AppPaths::from_env().unwrap_or_else(|e| {
            // No folder known at all: keep the error for the UI and use a path that will fail clearly.
            tracing::error!(code = e.code.as_str(), "{}", e.message);
            AppPaths::in_dir(std::path::PathBuf::new())
        });
        if let Err(e) = idesk_core::logging::init(&paths.log_dir, cfg!(debug_assertions)) {
            eprintln!("error[{}]: {}", e.code.as_str(), e.message);
        }
        let store = if paths.data_dir.as_os_str().is_empty() {
            Err(CoreError::new(
                ErrorCode::DataDirUnavailable,
                "no app-data folder is known",
            ))
        } else {
            Store::open(&paths)
        };
        match &store {
            Ok(s) => {
                tracing::info!(database = %s.path().display(), version = idesk_core::VERSION, "store opened")
            }
            Err(e) => tracing::error!(code = e.code.as_str(), "{}", e.message),
        }
        AppState {
            paths,
            store: Mutex::new(store),
        }
    }
}
