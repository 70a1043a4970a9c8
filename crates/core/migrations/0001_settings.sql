-- User preferences (language, ...). One row per key; values are plain text, never secrets.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
