-- Integrations: metadata only. API keys live in the OS keychain, never here.
CREATE TABLE integrations (
    id          TEXT PRIMARY KEY NOT NULL,       -- random, also names the keychain entries
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,            -- lower-cased name: names are unique without regard to case
    product     TEXT NOT NULL CHECK (product IN ('freshdesk', 'freshchat')),
    domain      TEXT NOT NULL,
    status      TEXT NOT NULL,
    key_mask    TEXT NOT NULL,                   -- e.g. ••••••••a1b2, what the UI may show
    checks_json TEXT NOT NULL,                   -- the last connection test (warnings included)
    checked_at  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- injixo API keys: only a hash. A replaced key keeps its row with replaced_at set, so a pasted
-- key can later be answered "replaced on <date>".
CREATE TABLE injixo_keys (
    integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
    key_hash       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    replaced_at    TEXT,
    PRIMARY KEY (integration_id, key_hash)
) STRICT;
CREATE UNIQUE INDEX injixo_keys_one_active ON injixo_keys (integration_id) WHERE replaced_at IS NULL;
