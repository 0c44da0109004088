-- A record row no longer holds a second copy of its data: it points at the change that wrote it last, whose row
-- holds the data (the change feed needs it anyway). Half the bytes per upsert, one large index less.
CREATE TABLE records_current (
  resource_code TEXT NOT NULL,
  record_key    TEXT NOT NULL,
  seq           INTEGER NOT NULL,      -- changes.seq of the upsert that wrote it last
  PRIMARY KEY (resource_code, record_key)
) WITHOUT ROWID;
INSERT INTO records_current (resource_code, record_key, seq) SELECT resource_code, record_key, seq FROM records;
DROP TABLE records;
ALTER TABLE records_current RENAME TO records;

-- Stored answers of batches are kept deflated (they repeat one result per operation); replays inflate them to the
-- exact bytes first sent.
ALTER TABLE batches ADD COLUMN response_encoding TEXT NOT NULL DEFAULT 'identity';
