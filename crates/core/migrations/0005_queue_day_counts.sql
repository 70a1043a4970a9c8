-- Contacts per queue, UTC day and 15-minute block, kept in the transaction that adds the
-- contacts: the queue report reads one row per queue and day instead of every contact (a year of
-- a large help desk is millions of contacts). `counts` holds 96 little-endian u32 values, block
-- k covering [day*86400 + k*900, +900). Filled from the contacts already cached after this
-- script runs (store::migrations).
CREATE TABLE import_queue_days (
    integration_id TEXT NOT NULL,
    day            INTEGER NOT NULL,
    queue          TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('ticket', 'reply', 'chat')),
    counts         BLOB NOT NULL CHECK (length(counts) = 384),
    PRIMARY KEY (integration_id, day, queue)
) STRICT, WITHOUT ROWID;
