//! Where data and logs live. `IDESK_DATA_DIR` overrides everything (tests, demos, the CLI).

use crate::error::{CoreError, CoreResult, ErrorCode};
use std::path::{Path, PathBuf};

/// Environment variable that points the data folder elsewhere.
pub const DATA_DIR_ENV: &str = "IDESK_DATA_DIR";

/// The SQLite file inside the data folder.
pub const DATABASE_FILE: &str = "integration-desk.sqlite3";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPaths {
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl AppPaths {
    /// Resolves the folders from the environment; with `IDESK_DATA_DIR` set, logs go to `<dir>/logs`.
    pub fn from_env() -> CoreResult<Self> {
        match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => Ok(Self::in_dir(PathBuf::from(dir))),
            None => Self::platform(),
        }
    }

    /// Everything under one folder (the override, and the demo's `<data folder>/demo`).
    pub fn in_dir(data_dir: PathBuf) -> Self {
        let log_dir = data_dir.join("logs");
        Self { data_dir, log_dir }
    }

    fn platform() -> CoreResult<Self> {
        let base = dirs::data_dir().ok_or_else(|| {
            CoreError::new(
                ErrorCode::DataDirUnavailable,
                format!("no app-data folder is known for this user; set {DATA_DIR_ENV}"),
            )
        })?;
        let data_dir = base.join(crate::APP_IDENTIFIER);
        // macOS keeps logs apart from data; Linux and Windows keep them in the app's data folder
        // (the same places Tauri's app_log_dir uses).
        let log_dir = if cfg!(target_os = "macos") {
            dirs::home_dir()
                .map(|h| h.join("Library/Logs").join(crate::APP_IDENTIFIER))
                .unwrap_or_else(|| data_dir.join("logs"))
        } else {
            data_dir.join("logs")
        };
        Ok(Self { data_dir, log_dir })
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }
}

/// Files with the user's data (database, log): readable and writable by the user only.
pub const PRIVATE_FILE_MODE: u32 = 0o600;

/// Folders the app creates: open to the user only.
pub const PRIVATE_DIR_MODE: u32 = 0o700;

/// Creates a folder (and parents) open to the user only, mapping failures to a clear code. A
/// folder that exists keeps its permissions: it may be one the user chose (`IDESK_DATA_DIR`).
pub fn ensure_dir(dir: &Path) -> CoreResult<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR_MODE);
    builder.create(dir).map_err(|e| {
        CoreError::new(
            ErrorCode::DataDirNotWritable,
            format!("cannot create the folder {}: {e}", dir.display()),
        )
    })
}

/// Narrows an existing file of ours to the user (best effort: a file that does not exist or
/// belongs to someone else is left alone).
#[cfg(unix)]
pub fn make_private(file: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(file) {
        if meta.permissions().mode() & 0o777 != PRIVATE_FILE_MODE {
            let _ =
                std::fs::set_permissions(file, std::fs::Permissions::from_mode(PRIVATE_FILE_MODE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_puts_database_and_logs_under_it() {
        let p = AppPaths::in_dir(PathBuf::from("/tmp/x"));
        assert_eq!(
            p.database(),
            PathBuf::from("/tmp/x/integration-desk.sqlite3")
        );
        assert_eq!(p.log_dir, PathBuf::from("/tmp/x/logs"));
    }
}
