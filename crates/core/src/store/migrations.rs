//! Embedded migrations, applied in one transaction; `PRAGMA user_version` records how far a file is.

use rusqlite::Connection;

/// Every migration, oldest first. Append only: a released migration is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_settings.sql"),
    include_str!("../../migrations/0002_integrations.sql"),
    include_str!("../../migrations/0003_cache.sql"),
    include_str!("../../migrations/0004_contacts_covering_index.sql"),
    include_str!("../../migrations/0005_queue_day_counts.sql"),
    include_str!("../../migrations/0006_sync_settings.sql"),
    include_str!("../../migrations/0007_drop_catalog_done.sql"),
    include_str!("../../migrations/0008_status.sql"),
    include_str!("../../migrations/0009_sparse_queue_day_counts.sql"),
    include_str!("../../migrations/0010_integer_keys.sql"),
];

/// The version that added the per-block counts: a file from before it has none to convert, so
/// they are counted from its contacts.
const QUEUE_DAY_COUNTS: i64 = 5;
/// The version that stores the per-block counts sparsely; its rows are converted in Rust.
const SPARSE_QUEUE_DAY_COUNTS: usize = 9;

/// The version that rewrote the contacts with integer keys: a file from before it gives back the
/// pages of the old tables (1.8 GB became 0.35 GB for 10M contacts).
const INTEGER_KEYS: i64 = 10;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn apply(conn: &mut Connection, found: i64) -> rusqlite::Result<()> {
    if found >= SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        if index + 1 == SPARSE_QUEUE_DAY_COUNTS {
            crate::import::cache::queue_days::convert_dense(&tx)?;
            if found < QUEUE_DAY_COUNTS {
                crate::import::cache::queue_days::rebuild(&tx)?;
            }
        }
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    if (1..INTEGER_KEYS).contains(&found) {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}
