-- The queue report reads (queue, kind, at) of every contact in a range. With only (integration_id,
-- at) indexed, each row cost a lookup in the table's primary key; covering the columns lets the
-- report scan the index alone.
CREATE INDEX import_contacts_report ON import_contacts (integration_id, at, queue, kind);
DROP INDEX import_contacts_at;
