//! The local SQLite store: one file in the data folder, WAL, migrations embedded and applied at start.
//!
//! Opening never deletes, truncates or rewrites a file it cannot use: a newer schema, a damaged file
//! or an unwritable folder each end in their own error code, and the file stays as it was.

mod integrity;
mod migrations;
mod permissions;

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::paths::{ensure_dir, AppPaths};
use rusqlite::{Connection, ErrorCode as SqliteCode, OpenFlags};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use integrity::quick_checks_passed;
pub use migrations::SCHEMA_VERSION;

/// How long a writer waits for another process (the CLI beside the app) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Pages of WAL (4 KiB each) after which a commit checkpoints.
const WAL_AUTOCHECKPOINT_PAGES: i64 = 16384;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened with [`IntegrityCheck::Deferred`] and not checked yet: it refuses to write.
    awaiting_check: Cell<bool>,
}

/// When `quick_check` (which reads every page) runs on opening.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IntegrityCheck {
    /// Before `open` returns (the CLI, the jobs' own connections).
    Now,
    /// Later, through [`Store::check_integrity`]: the app's window paints first. Until the check
    /// has passed the store reads but refuses to write, so a damaged file is still never changed.
    /// A file that needs a migration is checked at once all the same (a migration writes).
    Deferred,
}

impl Store {
    /// Opens (or creates) the database in `paths.data_dir` and brings its schema up to date.
    ///
    /// Nothing is written before the file has passed every check (version, then `quick_check`):
    /// WAL mode, permissions and migrations come after.
    pub fn open(paths: &AppPaths) -> CoreResult<Self> {
        Self::open_with(paths, IntegrityCheck::Now)
    }

    /// [`Store::open`], with the page-by-page check now or left for [`Store::check_integrity`].
    pub fn open_with(paths: &AppPaths, check: IntegrityCheck) -> CoreResult<Self> {
        ensure_dir(&paths.data_dir)?;
        let path = paths.database();
        permissions::create_private(&path)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| map_sqlite(e, &path))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| map_sqlite(e, &path))?;

        // Read the version before anything writes: a newer or damaged file must stay untouched.
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| map_sqlite(e, &path))?;
        check_version(found, &path)?;
        let deferred = check == IntegrityCheck::Deferred && found == SCHEMA_VERSION;
        if !deferred {
            // Some damage only shows when pages beyond the header are read.
            integrity::quick_check_once(&conn, &path)?;
            checked(&conn, &path)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| map_sqlite(e, &path))?;
        // In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed process loses
        // nothing committed and a power cut at worst the last commits, never half of one (an
        // import resumes from the bookmark committed with its rows). FULL made every page of
        // an import wait for the disk: 5,000 contacts/s (issue 17).
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| map_sqlite(e, &path))?;
        // Checkpoint every 64 MB of WAL instead of 4 MB: the commit that crosses it does the
        // work, and an import rewrites the same pages (the newest contacts, the day's counts)
        // again and again, so a rarer checkpoint writes each of them fewer times. 16 MB: 186k
        // contacts/s at 10M; 64 MB: 198k (issue 17). Readers are never blocked by it in WAL mode.
        conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)
            .map_err(|e| map_sqlite(e, &path))?;
        let mut store = Store {
            conn,
            path,
            awaiting_check: Cell::new(false),
        };
        migrations::apply(&mut store.conn, found).map_err(|e| map_sqlite(e, &store.path))?;
        if deferred {
            store.set_query_only(true)?;
            store.awaiting_check.set(true);
        }
        Ok(store)
    }

    /// The `quick_check` that [`IntegrityCheck::Deferred`] left out (once per file and process,
    /// as on opening); once it passed, the store writes again. Instant when [`check_file`] has
    /// passed on this file.
    pub fn check_integrity(&self) -> CoreResult<()> {
        integrity::quick_check_once(&self.conn, &self.path)?;
        self.set_query_only(false)?;
        checked(&self.conn, &self.path)?;
        self.awaiting_check.set(false);
        Ok(())
    }

    fn set_query_only(&self, on: bool) -> CoreResult<()> {
        self.conn
            .pragma_update(None, "query_only", on)
            .map_err(|e| map_sqlite(e, &self.path))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> CoreResult<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| map_sqlite(e, &self.path))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub(crate) fn map_err(&self, e: rusqlite::Error) -> CoreError {
        if self.awaiting_check.get() && e.sqlite_error_code() == Some(SqliteCode::ReadOnly) {
            return CoreError::new(
                ErrorCode::StoreFailed,
                format!(
                    "{} is still being checked after start-up; nothing was changed. Try again in a moment.",
                    self.path.display()
                ),
            );
        }
        map_sqlite(e, &self.path)
    }
}

/// `quick_check` of the store file at `path` (once per file and process) on a read-only
/// connection of its own: the owner of the [`Store`] need not hold it, or a lock around it, while
/// every page is read (for 10M cached contacts 1.5 s, 0.4 GB; 8 s before migration 0010 shrank
/// the file from 1.8 GB: issue 17), so the window's reads go on meanwhile.
/// [`Store::check_integrity`] then finds the file checked.
pub fn check_file(path: &Path) -> CoreResult<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| map_sqlite(e, path))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| map_sqlite(e, path))?;
    integrity::quick_check_once(&conn, path)
}

/// What follows a passed check: the file private to the user, and WAL mode (both may write).
fn checked(conn: &Connection, path: &Path) -> CoreResult<()> {
    permissions::tighten(path);
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| map_sqlite(e, path))
}

/// No release will ever have this many migrations: a version above it was not written by us.
const MAX_PLAUSIBLE_VERSION: i64 = 10_000;

/// Refuses a version this build cannot use; the file is not touched.
fn check_version(found: i64, path: &Path) -> CoreResult<()> {
    if !(0..=MAX_PLAUSIBLE_VERSION).contains(&found) {
        return Err(CoreError::new(
            ErrorCode::StoreVersionInvalid,
            format!(
                "{} records schema version {found}, which no version of Integration Desk writes: the file is damaged or not ours. It was left as it is; move it away or restore a backup.",
                path.display()
            ),
        ));
    }
    if found > SCHEMA_VERSION {
        return Err(CoreError::new(
            ErrorCode::StoreNewerVersion,
            format!(
                "{} was written by a newer version of Integration Desk (schema {found}; this version knows up to {SCHEMA_VERSION}). Update the app; the file was not changed.",
                path.display()
            ),
        ));
    }
    Ok(())
}

pub(crate) fn corrupt(path: &Path, detail: &str) -> CoreError {
    CoreError::new(
        ErrorCode::StoreCorrupt,
        format!(
            "{} is damaged or is not an Integration Desk database ({detail}). It was left as it is; move it away or restore a backup.",
            path.display()
        ),
    )
}

pub(crate) fn map_sqlite(e: rusqlite::Error, path: &Path) -> CoreError {
    match e.sqlite_error_code() {
        Some(SqliteCode::NotADatabase) | Some(SqliteCode::DatabaseCorrupt) => corrupt(path, &e.to_string()),
        Some(SqliteCode::ReadOnly) | Some(SqliteCode::CannotOpen) | Some(SqliteCode::PermissionDenied) => {
            CoreError::new(
                ErrorCode::DataDirNotWritable,
                format!(
                    "cannot write {} ({e}). Make the folder writable or point IDESK_DATA_DIR elsewhere.",
                    path.display()
                ),
            )
        }
        _ => CoreError::new(ErrorCode::StoreFailed, format!("database error in {}: {e}", path.display())),
    }
}
