//! What the app works on: its folders, the user's store (or why it could not open), the
//! Freshworks client, and the demo account while it is in use. It knows nothing of jobs
//! (`crate::jobs` owns imports and syncs).

use idesk_core::demo::{
    self, demo_paths, DemoAccount, DemoInfo, DemoProgress, DemoStep, DemoTracker,
};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::info::AppInfo;
use idesk_core::integrations::service::StoreAccess;
use idesk_core::integrations::Integration;
use idesk_core::language::Language;
use idesk_core::paths::AppPaths;
use idesk_core::store::IntegrityCheck;
use idesk_core::{CoreError, ErrorCode, Store};
use std::sync::{Mutex, MutexGuard};

/// Environment variable that starts the app on the demo account (see `demo_requested_at_start`).
pub const DEMO_ENV: &str = "IDESK_DEMO";

pub struct Workspace {
    pub paths: AppPaths,
    /// The user's own store (settings, real integrations). Kept as a `Result` so the window can
    /// still open and show the error screen.
    store: Mutex<Result<Store, CoreError>>,
    freshworks: Result<FreshworksClient, CoreError>,
    demo: Mutex<Option<Demo>>,
    /// Held while the demo starts, resets or stops: one switch at a time.
    demo_switch: tokio::sync::Mutex<()>,
}

/// The in-process simulator and the demo's own store; dropping it stops the simulator.
struct Demo {
    _sim: idesk_sim::SimHandle,
    store: Store,
    client: FreshworksClient,
    info: DemoInfo,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Workspace {
    /// Opens the store in `paths` (an empty data folder is the error screen's "no folder").
    pub fn open(paths: AppPaths, freshworks: Result<FreshworksClient, CoreError>) -> Self {
        Self::open_with(paths, freshworks, IntegrityCheck::Now)
    }

    /// [`Workspace::open`] for the app's start: the store's page-by-page check is left for
    /// [`Workspace::check_user_store`], after the window's first paint.
    pub fn open_for_start(
        paths: AppPaths,
        freshworks: Result<FreshworksClient, CoreError>,
    ) -> Self {
        Self::open_with(paths, freshworks, IntegrityCheck::Deferred)
    }

    fn open_with(
        paths: AppPaths,
        freshworks: Result<FreshworksClient, CoreError>,
        check: IntegrityCheck,
    ) -> Self {
        let store = if paths.data_dir.as_os_str().is_empty() {
            Err(CoreError::new(
                ErrorCode::DataDirUnavailable,
                "no app-data folder is known; set IDESK_DATA_DIR",
            ))
        } else {
            Store::open_with(&paths, check)
        };
        match &store {
            Ok(s) => {
                tracing::info!(database = %s.path().display(), version = idesk_core::VERSION, "store opened")
            }
            Err(e) => tracing::error!(code = e.code.as_str(), "{}", e.message),
        }
        Workspace {
            paths,
            store: Mutex::new(store),
            freshworks,
            demo: Mutex::new(None),
            demo_switch: Default::default(),
        }
    }

    pub fn demo_info(&self) -> Option<DemoInfo> {
        lock(&self.demo).as_ref().map(|d| d.info.clone())
    }

    /// The client for Freshworks hosts: the demo's simulator while the demo is on.
    pub fn freshworks(&self) -> Result<FreshworksClient, CoreError> {
        if let Some(d) = lock(&self.demo).as_ref() {
            return Ok(d.client.clone());
        }
        self.freshworks.clone()
    }

    /// A second connection to the store that holds integrations, for work that outlives one
    /// command (an import runs for minutes; SQLite's WAL lets it write beside the app's reads).
    pub fn open_integrations_store(&self) -> Result<Store, CoreError> {
        match lock(&self.demo).is_some() {
            true => Store::open(&demo_paths(&self.paths)),
            false => Store::open(&self.paths),
        }
    }

    /// One integration of the store that holds integrations, by id.
    pub fn integration(&self, id: &str) -> Result<Integration, CoreError> {
        self.with_store(|s| s.find_integration(id))
    }

    /// The folder where saved reports go: `<data folder>/reports` (the demo's own in the demo).
    pub fn reports_dir(&self) -> std::path::PathBuf {
        match lock(&self.demo).is_some() {
            true => demo_paths(&self.paths).data_dir.join("reports"),
            false => self.paths.data_dir.join("reports"),
        }
    }

    /// Saves the UI's language (in the user's own store, in every mode).
    pub fn set_language(&self, language: Language) -> Result<AppInfo, CoreError> {
        self.with_user_store(|s| s.set_language(language))?;
        tracing::info!(language = language.code(), "language changed");
        Ok(self.app_info())
    }

    /// Runs `f` on the user's own store (settings live there in every mode).
    pub fn with_user_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        match lock(&self.store).as_mut() {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    /// Runs the user's store's deferred integrity check (see [`Workspace::open_for_start`]). A
    /// damaged file becomes the store's error, which the error screen shows, and stays as it is.
    pub fn check_user_store(&self) -> Result<(), CoreError> {
        let path = match lock(&self.store).as_ref() {
            Ok(s) => s.path().to_path_buf(),
            Err(e) => return Err(e.clone()),
        };
        // The check reads every page (seconds for a large cache): without the store's lock, so
        // the commands the window calls meanwhile are answered; the store only refuses writes.
        let file_checked = idesk_core::store::check_file(&path);
        let mut store = lock(&self.store);
        let checked = match store.as_ref() {
            Ok(s) => file_checked.and_then(|()| s.check_integrity()),
            Err(e) => return Err(e.clone()),
        };
        if let Err(e) = &checked {
            tracing::error!(code = e.code.as_str(), "{}", e.message);
            *store = Err(e.clone());
        }
        checked
    }

    /// What the About box and the error screen show.
    pub fn app_info(&self) -> AppInfo {
        let demo = self.demo_info();
        let store = lock(&self.store);
        AppInfo::collect(&self.paths, store.as_ref(), demo)
    }

    /// Switches integrations to `<data folder>/demo` at its starting point (see [`Self::reset_demo`]);
    /// the demo already on stays as it is.
    pub async fn start_demo(
        &self,
        progress: &(dyn Fn(DemoProgress) + Send + Sync),
    ) -> Result<DemoInfo, CoreError> {
        let _switching = self.demo_switch.lock().await;
        if let Some(info) = self.demo_info() {
            return Ok(info);
        }
        self.prepare_demo(progress).await
    }

    /// Returns the demo to its starting point: a new simulator (its data generated anew), the
    /// demo's folder and keys wiped, both integrations set up and a few days imported.
    pub async fn reset_demo(
        &self,
        progress: &(dyn Fn(DemoProgress) + Send + Sync),
    ) -> Result<DemoInfo, CoreError> {
        let _switching = self.demo_switch.lock().await;
        lock(&self.demo).take();
        self.prepare_demo(progress).await
    }

    async fn prepare_demo(
        &self,
        progress: &(dyn Fn(DemoProgress) + Send + Sync),
    ) -> Result<DemoInfo, CoreError> {
        let started = std::time::Instant::now();
        let tracker = DemoTracker::new(progress);
        tracker.begin(DemoStep::Simulator, None);
        let internal =
            |what: &str, e: String| CoreError::new(ErrorCode::Internal, format!("{what}: {e}"));
        let sim = idesk_sim::start(idesk_sim::SimConfig {
            activity: true,
            ..idesk_sim::SimConfig::demo()
        })
        .await
        .map_err(|e| internal("the demo simulator could not start", e.to_string()))?;
        // The keychain's calls block: off the async threads.
        let real = self.paths.clone();
        tauri::async_runtime::spawn_blocking(move || demo::wipe(&real))
            .await
            .map_err(|e| internal("wiping the demo stopped", e.to_string()))??;
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
        tracing::info!(url = sim.url(), "demo simulator started");
        *lock(&self.demo) = Some(Demo {
            _sim: sim,
            store,
            client: client.clone(),
            info: info.clone(),
        });
        tracker.finish(DemoStep::Simulator, None);
        let seeded = demo::seed(
            &DemoStore(&self.demo),
            &paths,
            &client,
            &info.accounts,
            &tracker,
        )
        .await;
        if let Err(e) = seeded {
            lock(&self.demo).take();
            tracing::error!(
                code = e.code.as_str(),
                "the demo could not be prepared: {}",
                e.message
            );
            return Err(e);
        }
        tracing::info!(seconds = started.elapsed().as_secs_f64(), "demo ready");
        Ok(info)
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

    /// Leaves the demo: the simulator stops, and the demo's folder and keys are removed (every
    /// start begins anew, so nothing of it is kept for later).
    pub async fn stop_demo(&self) {
        let _switching = self.demo_switch.lock().await;
        if lock(&self.demo).take().is_none() {
            return;
        }
        tracing::info!("demo stopped");
        let real = self.paths.clone();
        match tauri::async_runtime::spawn_blocking(move || demo::wipe(&real)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(
                code = e.code.as_str(),
                "the demo's data stays until its next start: {}",
                e.message
            ),
            Err(e) => tracing::warn!("wiping the demo stopped: {e}"),
        }
    }
}

/// The store that holds integrations: the demo's while the demo is on. Held for one short step.
impl StoreAccess for Workspace {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        if let Some(d) = lock(&self.demo).as_mut() {
            return f(&mut d.store);
        }
        self.with_user_store(f)
    }
}

/// The demo's store only, for seeding it: never the user's, even if the demo went away meanwhile.
struct DemoStore<'a>(&'a Mutex<Option<Demo>>);

impl StoreAccess for DemoStore<'_> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        match lock(self.0).as_mut() {
            Some(d) => f(&mut d.store),
            None => Err(CoreError::new(
                ErrorCode::Internal,
                "the demo was left while it was being prepared",
            )),
        }
    }
}
