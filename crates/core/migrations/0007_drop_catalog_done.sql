-- `import_runs.catalog_done` was always 1: a run starts in the transaction that stores its catalog,
-- so nothing reads it. SQLite 3.35 and later drop a column in place; the rows keep their data.
ALTER TABLE import_runs DROP COLUMN catalog_done;
