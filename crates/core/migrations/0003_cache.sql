-- Local cache of imported help-desk data (issue 6). Rows are keyed by integration id without a
-- foreign key on purpose: imported data outlives `integrations remove` until `--purge` (cli.md).
-- Instants are seconds since the Unix epoch (UTC).

-- The import in progress (or the last one) per integration: its window and how far it got.
CREATE TABLE import_runs (
    integration_id TEXT PRIMARY KEY NOT NULL,
    since          INTEGER NOT NULL,          -- backfill window start (inclusive)
    until          INTEGER NOT NULL,          -- when the run started: coverage ends here
    catalog_done   INTEGER NOT NULL DEFAULT 0,
    started_at     TEXT NOT NULL,
    completed_at   TEXT
) STRICT;

-- One bookmark per pass (Freshdesk: default, spam, deleted; Freshchat: resolved), written in the
-- same transaction as the rows of the page or day it follows.
CREATE TABLE import_bookmarks (
    integration_id TEXT NOT NULL,
    pass           TEXT NOT NULL,
    updated_since  INTEGER NOT NULL,          -- Freshdesk: updated_since; Freshchat: next day's start
    next_page      INTEGER NOT NULL,
    done           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (integration_id, pass)
) STRICT;

-- Account facts the reports need (Freshdesk's Rails time-zone name).
CREATE TABLE import_accounts (
    integration_id TEXT PRIMARY KEY NOT NULL,
    time_zone      TEXT
) STRICT;

-- Groups of either product (Freshdesk ids are numbers, Freshchat ids UUIDs: kept as text).
CREATE TABLE import_groups (
    integration_id TEXT NOT NULL,
    id             TEXT NOT NULL,
    name           TEXT NOT NULL,
    PRIMARY KEY (integration_id, id)
) STRICT;

-- Freshdesk `default_source` choices from /ticket_fields.
CREATE TABLE import_ticket_sources (
    integration_id TEXT NOT NULL,
    code           INTEGER NOT NULL,
    name           TEXT NOT NULL,
    PRIMARY KEY (integration_id, code)
) STRICT;

-- Freshdesk tickets as last listed. conversations: 'none' (never updated since creation, so no
-- conversation can exist), 'pending', 'done', 'skipped' (403/404: queued for deletion or purged).
CREATE TABLE import_tickets (
    integration_id TEXT NOT NULL,
    id             INTEGER NOT NULL,
    group_id       INTEGER,
    source         INTEGER NOT NULL,
    status         INTEGER NOT NULL,
    spam           INTEGER NOT NULL,
    deleted        INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    conversations  TEXT NOT NULL CHECK (conversations IN ('none', 'pending', 'done', 'skipped')),
    PRIMARY KEY (integration_id, id)
) STRICT;
CREATE INDEX import_tickets_pending ON import_tickets (integration_id, conversations, id);

CREATE TABLE import_conversations (
    integration_id TEXT NOT NULL,
    id             INTEGER NOT NULL,
    ticket_id      INTEGER NOT NULL,
    incoming       INTEGER NOT NULL,
    private        INTEGER NOT NULL,
    source         INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (integration_id, id)
) STRICT;
CREATE INDEX import_conversations_ticket ON import_conversations (integration_id, ticket_id);

-- Freshchat `Conversation-Resolved` rows; a row seen twice is one resolution.
CREATE TABLE import_chat_resolutions (
    integration_id  TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    resolved_ms     INTEGER NOT NULL,
    interaction_id  TEXT,
    group_id        TEXT,
    group_name      TEXT,
    channel_id      TEXT,
    PRIMARY KEY (integration_id, conversation_id, resolved_ms)
) STRICT;

-- Offered contacts by stable identity (`ticket:1`, `conversation:2`, `chat:<id>:<time>`). The
-- first name given stands (NameLedger semantics): rows are only ever inserted with
-- ON CONFLICT DO NOTHING.
CREATE TABLE import_contacts (
    integration_id TEXT NOT NULL,
    contact_id     TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('ticket', 'reply', 'chat')),
    queue          TEXT NOT NULL,
    at             INTEGER NOT NULL,
    PRIMARY KEY (integration_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX import_contacts_at ON import_contacts (integration_id, at);

-- Imported ranges [from_at, to_at): outside them an interval is "no data", never 0.
CREATE TABLE import_coverage (
    integration_id TEXT NOT NULL,
    from_at        INTEGER NOT NULL,
    to_at          INTEGER NOT NULL,
    PRIMARY KEY (integration_id, from_at, to_at)
) STRICT;
