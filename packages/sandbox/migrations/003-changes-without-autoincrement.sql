-- The change feed never deletes a row, so SQLite's plain rowid (max + 1) is already monotonic and never reused;
-- AUTOINCREMENT only added a write to sqlite_sequence per change.
CREATE TABLE changes_rowid (
  seq           INTEGER PRIMARY KEY,
  resource_code TEXT NOT NULL,
  op            TEXT NOT NULL,
  record_key    TEXT NOT NULL,
  data          TEXT,
  batch_id      TEXT NOT NULL,
  at            TEXT NOT NULL
);
INSERT INTO changes_rowid (seq, resource_code, op, record_key, data, batch_id, at)
  SELECT seq, resource_code, op, record_key, data, batch_id, at FROM changes;
DROP TABLE changes;
ALTER TABLE changes_rowid RENAME TO changes;
CREATE INDEX changes_resource ON changes(resource_code, seq);
