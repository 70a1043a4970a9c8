//! `PRAGMA quick_check` once per database file and process: it reads every page, which is worth
//! doing when a file is first opened, not on each of the many opens of a long-running app (each
//! sync, each CLI step).

use super::{corrupt, map_sqlite};
use crate::error::CoreResult;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Files that passed, by canonical path, with how often the check ran on each (for the tests).
static PASSED: Mutex<Option<HashMap<PathBuf, u32>>> = Mutex::new(None);

fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Runs `quick_check` unless this file already passed it in this process.
pub(super) fn quick_check_once(conn: &Connection, path: &Path) -> CoreResult<()> {
    let key = key(path);
    let mut passed = PASSED.lock().unwrap_or_else(|e| e.into_inner());
    let passed = passed.get_or_insert_with(HashMap::new);
    if passed.contains_key(&key) {
        return Ok(());
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| map_sqlite(e, path))?;
    if check != "ok" {
        return Err(corrupt(path, &check));
    }
    *passed.entry(key).or_insert(0) += 1;
    Ok(())
}

/// How many times `quick_check` passed on this file in this process.
pub fn quick_checks_passed(path: &Path) -> u32 {
    let passed = PASSED.lock().unwrap_or_else(|e| e.into_inner());
    passed
        .as_ref()
        .and_then(|m| m.get(&key(path)).copied())
        .unwrap_or(0)
}
