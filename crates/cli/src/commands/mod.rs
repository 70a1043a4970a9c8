pub mod data;
pub mod diagnose;
pub mod explain;
pub mod info;
pub mod integrations;
pub mod key;
pub mod sim;
pub mod status;

use crate::output::{Failure, Format};
use idesk_core::paths::AppPaths;
use idesk_core::Store;

/// The store of `IDESK_DATA_DIR` (or the platform folder), with logging to its log folder.
pub(crate) fn open_store(format: Format) -> Result<Store, Failure> {
    let paths = AppPaths::from_env().map_err(|e| Failure::new(e, format))?;
    let store = Store::open(&paths).map_err(|e| Failure::new(e, format))?;
    idesk_core::logging::init(&paths.log_dir, false).map_err(|e| Failure::new(e, format))?;
    Ok(store)
}

/// Commands run one task at a time; a single-threaded runtime is enough.
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}
