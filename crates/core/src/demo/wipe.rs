//! Back to nothing: the demo's data folder and the keychain entries of the integrations in it
//! (the seeded ones and any the presenter added) are removed. Never touches the user's own data.

use super::demo_paths;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::keychain::{self, SecretKind};
use crate::paths::AppPaths;
use crate::store::Store;

/// Removes the demo's folder inside `real` (the user's paths) and its integrations' keys. The
/// caller has closed its own connections to the demo's store first.
pub fn wipe(real: &AppPaths) -> CoreResult<()> {
    let demo = demo_paths(real);
    if demo.database().exists() {
        // A store that no longer opens has no keys to find; its folder goes all the same.
        match Store::open(&demo).and_then(|s| s.list_integrations()) {
            Ok(integrations) => {
                for integration in integrations {
                    keychain::delete(&integration.id, SecretKind::ApiKey)?;
                }
            }
            Err(e) => tracing::warn!(
                code = e.code.as_str(),
                "the demo's old store did not open: {}",
                e.message
            ),
        }
    }
    match std::fs::remove_dir_all(&demo.data_dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(CoreError::new(
            ErrorCode::DataDirNotWritable,
            format!(
                "the demo's folder {} could not be removed: {e}",
                demo.data_dir.display()
            ),
        )),
    }
}
