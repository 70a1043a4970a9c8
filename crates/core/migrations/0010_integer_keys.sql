-- Contacts and their per-block counts keyed by integers instead of text (issue 17). Each contact
-- repeated the 24-character integration id and its queue's name in the table and in its index,
-- its identity was text (`ticket:123`), and its kind was checked against a list, which SQLite
-- evaluates through a temporary table on every insert: writing a page of contacts cost more than
-- twice what it does now, and a million contacts took 134 MB.

-- A small key per integration that has imported data.
CREATE TABLE import_keys (
    key            INTEGER PRIMARY KEY,
    integration_id TEXT NOT NULL UNIQUE
) STRICT;

-- The queues an integration's contacts were named into. A queue's name ends in its kind
-- (`… Tickets`, `… Replies`, chat queues), so the name alone identifies it.
CREATE TABLE import_queues (
    id   INTEGER PRIMARY KEY,
    key  INTEGER NOT NULL,                -- import_keys.key
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ticket', 'reply', 'chat')),
    UNIQUE (key, name)
) STRICT;

-- Queues from both tables, so that no row is left without one.
CREATE TEMP TABLE named_queues AS
    SELECT integration_id, queue, min(kind) AS kind FROM (
        SELECT integration_id, queue, kind FROM import_queue_days
        UNION ALL
        SELECT integration_id, queue, kind FROM import_contacts
    ) GROUP BY integration_id, queue;
INSERT INTO import_keys (integration_id)
    SELECT DISTINCT integration_id FROM named_queues ORDER BY integration_id;
INSERT INTO import_queues (key, name, kind)
    SELECT k.key, n.queue, n.kind
    FROM named_queues n JOIN import_keys k ON k.integration_id = n.integration_id
    ORDER BY k.key, n.queue;
DROP TABLE named_queues;

-- contact_id: a ticket `2 × id`, a conversation `2 × id + 1` (ids of up to 18 digits), anything
-- else (chats) its text, e.g. `chat:<conversation id>:<resolved at>` (cache::contacts::stored_id).
CREATE TABLE import_contacts_keyed (
    key        INTEGER NOT NULL,          -- import_keys.key
    contact_id ANY NOT NULL,
    queue      INTEGER NOT NULL,          -- import_queues.id
    at         INTEGER NOT NULL,
    PRIMARY KEY (key, contact_id)
) STRICT, WITHOUT ROWID;
INSERT INTO import_contacts_keyed (key, contact_id, queue, at)
    SELECT k.key,
        CASE
            WHEN c.contact_id GLOB 'ticket:[0-9]*' AND length(c.contact_id) <= 7 + 18
                AND substr(c.contact_id, 8) NOT GLOB '*[^0-9]*'
                THEN CAST(substr(c.contact_id, 8) AS INTEGER) * 2
            WHEN c.contact_id GLOB 'conversation:[0-9]*' AND length(c.contact_id) <= 13 + 18
                AND substr(c.contact_id, 14) NOT GLOB '*[^0-9]*'
                THEN CAST(substr(c.contact_id, 14) AS INTEGER) * 2 + 1
            ELSE c.contact_id
        END,
        q.id, c.at
    FROM import_contacts c
    JOIN import_keys k ON k.integration_id = c.integration_id
    JOIN import_queues q ON q.key = k.key AND q.name = c.queue;
DROP TABLE import_contacts;
ALTER TABLE import_contacts_keyed RENAME TO import_contacts;
-- Contacts by time, covering the queue: the part-blocks at a report's ends, the status's counts.
CREATE INDEX import_contacts_at ON import_contacts (key, at, queue);

CREATE TABLE import_queue_days_keyed (
    key    INTEGER NOT NULL,              -- import_keys.key
    day    INTEGER NOT NULL,
    queue  INTEGER NOT NULL,              -- import_queues.id
    counts BLOB NOT NULL CHECK (length(counts) % 5 = 0 AND length(counts) <= 480),
    PRIMARY KEY (key, day, queue)
) STRICT, WITHOUT ROWID;
INSERT INTO import_queue_days_keyed (key, day, queue, counts)
    SELECT k.key, d.day, q.id, d.counts
    FROM import_queue_days d
    JOIN import_keys k ON k.integration_id = d.integration_id
    JOIN import_queues q ON q.key = k.key AND q.name = d.queue;
DROP TABLE import_queue_days;
ALTER TABLE import_queue_days_keyed RENAME TO import_queue_days;
