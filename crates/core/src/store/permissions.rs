//! The database is readable by its user only (0600 on Unix). The file is created with that mode
//! before SQLite opens it; SQLite gives its `-wal` and `-shm` files the database file's mode.

use crate::error::{CoreError, CoreResult, ErrorCode};
use std::path::Path;

/// Creates an empty database file readable by the user only, unless one exists (an empty file is
/// an empty SQLite database). An existing file is never opened for writing here.
pub(super) fn create_private(path: &Path) -> CoreResult<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, crate::paths::PRIVATE_FILE_MODE);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(CoreError::new(
            ErrorCode::DataDirNotWritable,
            format!(
                "cannot create {} ({e}). Make the folder writable or point IDESK_DATA_DIR elsewhere.",
                path.display()
            ),
        )),
    }
}

/// Narrows a file written by an earlier version (0644) to the user, with its `-wal` and `-shm`.
/// Runs only after the file passed its checks; a file owned by someone else is left as it is.
pub(super) fn tighten(path: &Path) {
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        crate::paths::make_private(Path::new(&file));
    }
    #[cfg(not(unix))]
    let _ = path;
}
