-- What an integration's status (issue 12) is computed from, beyond the integration row and the
-- cache: the end of every import and sync, the status transitions (so "since" survives a
-- restart), and the rate-limit headers seen per minute. Instants are seconds since the Unix epoch
-- (UTC). Keyed by integration id without a foreign key, like the cache tables.

-- The end of each run: the initial import (`import`) or a continuous-stage sync (`sync`).
CREATE TABLE status_runs (
    integration_id TEXT NOT NULL,
    stage          TEXT NOT NULL CHECK (stage IN ('import', 'sync')),
    at             INTEGER NOT NULL,
    ok             INTEGER NOT NULL CHECK (ok IN (0, 1)),
    code           TEXT,              -- the error code when it failed
    message        TEXT,              -- the error message when it failed (never holds a secret)
    new_contacts   INTEGER
) STRICT;
CREATE INDEX status_runs_at ON status_runs (integration_id, at);

-- State changes: the state and the reason code it entered, and when.
CREATE TABLE status_transitions (
    integration_id TEXT NOT NULL,
    state          TEXT NOT NULL,
    reason         TEXT,
    at             INTEGER NOT NULL
) STRICT;
CREATE INDEX status_transitions_at ON status_transitions (integration_id, at);

-- Rate-limit headers per wall-clock minute: the last X-RateLimit-Remaining / Total seen, the most
-- the server counted as used in that minute (total - remaining), and the credits charged to us.
CREATE TABLE status_rate_minutes (
    integration_id TEXT NOT NULL,
    minute         INTEGER NOT NULL,  -- unix seconds / 60
    remaining      INTEGER NOT NULL,
    total          INTEGER NOT NULL,
    used           INTEGER NOT NULL,
    ours           INTEGER NOT NULL,
    at             INTEGER NOT NULL,  -- when the last sample of the minute arrived
    PRIMARY KEY (integration_id, minute)
) STRICT, WITHOUT ROWID;
