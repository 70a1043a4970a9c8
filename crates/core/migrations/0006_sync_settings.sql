-- The continuous stage of each integration: whether the user paused it, and how often it syncs.
-- No row: running, every 5 minutes.
CREATE TABLE import_sync_settings (
    integration_id TEXT PRIMARY KEY,
    paused         INTEGER NOT NULL CHECK (paused IN (0, 1)),
    every_minutes  INTEGER NOT NULL CHECK (every_minutes BETWEEN 1 AND 1440)
) STRICT;

-- When a run last completed; unlike `completed_at`, a new run does not clear it (the app shows
-- "last sync" while the next one runs or after it was interrupted).
ALTER TABLE import_runs ADD COLUMN last_completed_at TEXT;
UPDATE import_runs SET last_completed_at = completed_at;
