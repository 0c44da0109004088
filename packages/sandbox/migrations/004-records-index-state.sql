-- `records` (key → the change that wrote it last) is an index derived from the change feed, and may lag it by
-- one group of upserts, taken in key order (see src/records/record-store.ts). This row says up to which change
-- of the feed it is current; on start the rest is replayed from the feed.
CREATE TABLE index_state (
  name TEXT PRIMARY KEY,
  seq  INTEGER NOT NULL
);
INSERT INTO index_state (name, seq) SELECT 'records', coalesce(max(seq), 0) FROM changes;

-- From here on `changes.data` holds a record's canonical JSON as its UTF-8 bytes (a BLOB, stored as the server
-- encoded it); older rows hold TEXT. Readers take CAST(data AS TEXT), which gives the same text for both.
