//! What the Settings screen and `idesk info` show about this installation.

use crate::error::CoreError;
use crate::language::Language;
use crate::paths::AppPaths;
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub log_dir: String,
    pub database: String,
    /// The language in use: the user's choice, else the OS locale's.
    pub language: Language,
    /// Set when the store could not be opened; the UI then shows the error screen.
    pub store_error: Option<CoreError>,
    /// Set while the app runs on the demo account.
    pub demo: Option<crate::demo::DemoInfo>,
}

impl AppInfo {
    pub fn collect(
        paths: &AppPaths,
        store: Result<&Store, &CoreError>,
        demo: Option<crate::demo::DemoInfo>,
    ) -> Self {
        let (language, store_error) = match store {
            Ok(s) => match s.language() {
                Ok(l) => (l, None),
                Err(e) => (Language::from_os(), Some(e)),
            },
            Err(e) => (Language::from_os(), Some(e.clone())),
        };
        AppInfo {
            version: crate::VERSION.to_string(),
            data_dir: paths.data_dir.display().to_string(),
            log_dir: paths.log_dir.display().to_string(),
            database: paths.database().display().to_string(),
            language,
            store_error,
            demo,
        }
    }
}
