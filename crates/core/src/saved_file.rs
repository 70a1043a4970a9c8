//! Files the app writes for the user to take elsewhere (a diagnosis report, a queue list):
//! `<dir>/<kind>-<integration name>-<UTC time>.<ext>`, readable by the user only.

use crate::error::{CoreError, CoreResult, ErrorCode};
use std::path::{Path, PathBuf};

/// Writes `text` to a new file in `dir` and answers its path. The integration's name is reduced
/// to letters, digits and `-` so it cannot leave `dir`.
pub fn save_private_file(
    dir: &Path,
    kind: &str,
    integration_name: &str,
    ext: &str,
    text: &str,
) -> CoreResult<PathBuf> {
    crate::paths::ensure_dir(dir)?;
    let name: String = integration_name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let at = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let path = dir.join(format!("{kind}-{name}-{at}.{ext}"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, crate::paths::PRIVATE_FILE_MODE);
    let write = |path: &Path| -> std::io::Result<()> {
        use std::io::Write as _;
        options.open(path)?.write_all(text.as_bytes())
    };
    write(&path).map_err(|e| {
        CoreError::new(
            ErrorCode::DataDirNotWritable,
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_path_characters_stays_in_the_folder_and_the_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = save_private_file(dir.path(), "queues", "../EU/ü x", "csv", "a,b\n").unwrap();
        assert_eq!(path.parent().unwrap(), dir.path());
        let file = path.file_name().unwrap().to_str().unwrap();
        assert!(
            file.starts_with("queues----EU-ü-x-") && file.ends_with(".csv"),
            "{file}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}
