//! What the app keeps while it runs: its folders, the store (or why it could not open), the
//! Freshworks client, and the demo account while it is in use.

use idesk_core::demo::{demo_paths, DemoAccount, DemoInfo};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::paths::AppPaths;
use idesk_core::{CoreError, ErrorCode, Store};
use std::sync::Mutex;

/// Environment variable that starts the app on the demo account (see `demo_requested_at_start`).
pub const DEMO_ENV: &str = "IDESK_DEMO";

pub struct AppState {
    pub paths: AppPaths,
    /// The user's own store (settings, real integrations). Kept as a `Result` so the window can
    /// still open and show the error screen.
    pub store: Mutex<Result<Store, CoreError>>,
    freshworks: Result<FreshworksClient, CoreError>,
    demo: Mutex<Option<Demo>>,
    /// Imports running in the background, by integration id, so they can be cancelled.
    pub imports: Mutex<std::collections::HashMap<String, tauri::async_runtime::JoinHandle<()>>>,
    /// The continuous stage's background syncs.
    pub syncs: crate::sync::Syncs,
}

/// The in-process simulator and the demo's own store; dropping it stops the simulator.
pub struct Demo {
    _sim: idesk_sim::SimHandle,
    pub store: Store,
    pub client: FreshworksClient,
    pub info: DemoInfo,
}

impl AppState {
    pub fn start() -> Self {
        let paths = AppPaths::from_env().unwrap_or_else(|e| {
            eprintln!("error[{}]: {}", e.code.as_str(), e.message);
            // An empty path makes the store fail with a clear error on the error screen.
            AppPaths::in_dir(std::path::PathBuf::new())
        });
        if let Err(e) = idesk_core::logging::init(&paths.log_dir, cfg!(debug_assertions)) {
            eprintln!("error[{}]: {}", e.code.as_str(), e.message);
        }
        let store = if paths.data_dir.as_os_str().is_empty() {
            Err(CoreError::new(
                ErrorCode::DataDirUnavailable,
                "no app-data folder is known; set IDESK_DATA_DIR",
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
            freshworks: FreshworksClient::from_env(),
            demo: Mutex::new(None),
            imports: Mutex::new(Default::default()),
            syncs: Default::default(),
        }
    }

    pub fn demo_info(&self) -> Option<DemoInfo> {
        self.demo
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|d| d.info.clone())
    }

    /// The client for Freshworks hosts: the demo's simulator while the demo is on.
    pub fn freshworks(&self) -> Result<FreshworksClient, CoreError> {
        if let Some(d) = self.demo.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            return Ok(d.client.clone());
        }
        self.freshworks.clone()
    }

    /// Whether an initial import of `id` is running.
    pub fn import_running(&self, id: &str) -> bool {
        self.imports
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .is_some_and(|h| !h.inner().is_finished())
    }

    /// A second connection to the store that holds integrations, for work that outlives one
    /// command (an import runs for minutes; SQLite's WAL lets it write beside the app's reads).
    pub fn open_integrations_store(&self) -> Result<Store, CoreError> {
        if self
            .demo
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
        {
            return Store::open(&demo_paths(&self.paths));
        }
        Store::open(&self.paths)
    }

    /// Runs `f` on the store that holds integrations: the demo's while the demo is on.
    pub fn with_integrations<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        if let Some(d) = self.demo.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            return f(&mut d.store);
        }
        self.with_user_store(f)
    }

    /// Runs `f` on the user's own store (settings live there in every mode).
    pub fn with_user_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        let mut guard = self.store.lock().unwrap_or_else(|e| e.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    /// Starts the simulator in-process and switches integrations to `<data folder>/demo`.
    pub async fn start_demo(&self) -> Result<DemoInfo, CoreError> {
        if let Some(info) = self.demo_info() {
            return Ok(info);
        }
        let internal =
            |what: &str, e: String| CoreError::new(ErrorCode::Internal, format!("{what}: {e}"));
        let sim = idesk_sim::start(idesk_sim::SimConfig {
            activity: true,
            ..idesk_sim::SimConfig::demo()
        })
        .await
        .map_err(|e| internal("the demo simulator could not start", e.to_string()))?;
        let paths = demo_paths(&self.paths);
        let store = Store::open(&paths)?;
        let client = FreshworksClient::new(Some(sim.url()))?;
        let accounts: Vec<DemoAccount> = sim
            .accounts()
            .iter()
            .map(|a| serde_json::to_value(a).and_then(serde_json::from_value))
            .collect::<Result<_, _>>()
            .map_err(|e| internal("unexpected demo account", e.to_string()))?;
        let info = DemoInfo {
            accounts,
            data_dir: paths.data_dir.display().to_string(),
        };
        tracing::info!(url = sim.url(), "demo started");
        let mut slot = self.demo.lock().unwrap_or_else(|e| e.into_inner());
        Ok(slot
            .get_or_insert(Demo {
                _sim: sim,
                store,
                client,
                info,
            })
            .info
            .clone())
    }

    /// `IDESK_DEMO=1` starts on the demo account; `IDESK_DEMO=auto` does so only while the user
    /// has no integration of their own (what `scripts/run.sh` uses).
    pub fn demo_requested_at_start(&self) -> bool {
        match std::env::var(DEMO_ENV).as_deref() {
            Ok("1") | Ok("true") => true,
            Ok("auto") => self
                .with_user_store(|s| s.list_integrations())
                .is_ok_and(|list| list.is_empty()),
            _ => false,
        }
    }

    /// Leaves the demo: the simulator stops; the demo's folder stays for next time.
    pub fn stop_demo(&self) {
        if self
            .demo
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .is_some()
        {
            tracing::info!("demo stopped");
        }
    }
}
