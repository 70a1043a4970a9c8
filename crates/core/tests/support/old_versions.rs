//! The migrations as released up to version 9, for tests that make files of older versions
//! (`store.rs`, `queue_report.rs`).

/// Migration n+1 at index n.
pub const MIGRATIONS_TO_9: [&str; 9] = [
    include_str!("../../migrations/0001_settings.sql"),
    include_str!("../../migrations/0002_integrations.sql"),
    include_str!("../../migrations/0003_cache.sql"),
    include_str!("../../migrations/0004_contacts_covering_index.sql"),
    include_str!("../../migrations/0005_queue_day_counts.sql"),
    include_str!("../../migrations/0006_sync_settings.sql"),
    include_str!("../../migrations/0007_drop_catalog_done.sql"),
    include_str!("../../migrations/0008_status.sql"),
    include_str!("../../migrations/0009_sparse_queue_day_counts.sql"),
];
