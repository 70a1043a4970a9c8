-- Per-block counts stored sparsely: a (block u8, count u32 little-endian) pair per non-empty
-- 15-minute block, blocks ascending (at most 96 pairs). Most (queue, day) rows have few non-empty
-- blocks; decoding 96 values per row, mostly zeros, was most of the preview's time (issue 17).
-- The dense rows are rewritten in Rust after this script runs (store::migrations), then dropped.
ALTER TABLE import_queue_days RENAME TO import_queue_days_dense;
CREATE TABLE import_queue_days (
    integration_id TEXT NOT NULL,
    day            INTEGER NOT NULL,
    queue          TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('ticket', 'reply', 'chat')),
    counts         BLOB NOT NULL CHECK (length(counts) % 5 = 0 AND length(counts) <= 480),
    PRIMARY KEY (integration_id, day, queue)
) STRICT, WITHOUT ROWID;
