-- What providers' clients report of their sync runs (reportSyncRun): rows read, accepted, and refused before
-- sending, by reason. The exchange never sees the refused rows; the quality figures count them from here.
-- A run reported again under the same run id (a resumed run) replaces its row.
CREATE TABLE sync_runs (
  id                TEXT PRIMARY KEY,
  resource_code     TEXT NOT NULL REFERENCES resources(code),
  department_id     TEXT NOT NULL,
  run_id            TEXT,                   -- the client's id of the run; NULL when it gave none
  mode              TEXT,
  rows_read         INTEGER NOT NULL,
  accepted          INTEGER NOT NULL,
  refused_locally   INTEGER NOT NULL,
  refused_by_reason TEXT NOT NULL,          -- JSON object: rule → rows
  started_at        TEXT,
  finished_at       TEXT,
  received_at       TEXT NOT NULL,
  UNIQUE (resource_code, run_id)
);
