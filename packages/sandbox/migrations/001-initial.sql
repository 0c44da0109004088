-- Departments and their clients. Secrets are never stored in clear: `secret_hash` is scrypt for the
-- client-credentials grant; `hmac_key_sealed` is the HMAC key sealed (AES-256-GCM) with a key kept outside
-- the database file, because an HMAC can only be verified by recomputing it.
CREATE TABLE departments (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  code       TEXT NOT NULL UNIQUE,
  roles      TEXT NOT NULL,            -- JSON array
  created_at TEXT NOT NULL
);

CREATE TABLE clients (
  client_id       TEXT PRIMARY KEY,
  department_id   TEXT NOT NULL REFERENCES departments(id),
  secret_salt     BLOB NOT NULL,
  secret_hash     BLOB NOT NULL,
  hmac_key_sealed BLOB NOT NULL
);

CREATE TABLE access_tokens (
  token_hash    TEXT PRIMARY KEY,      -- sha256 hex of the bearer token
  client_id     TEXT NOT NULL REFERENCES clients(client_id),
  department_id TEXT NOT NULL REFERENCES departments(id),
  expires_at    INTEGER NOT NULL       -- ms since epoch
) WITHOUT ROWID;

CREATE TABLE nonces (
  client_id  TEXT NOT NULL,
  nonce      TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, nonce)
) WITHOUT ROWID;
CREATE INDEX nonces_expiry ON nonces(expires_at);

CREATE TABLE resources (
  code          TEXT PRIMARY KEY,
  provider_id   TEXT NOT NULL REFERENCES departments(id),
  provider_code TEXT NOT NULL,
  name          TEXT NOT NULL,
  status        TEXT NOT NULL,
  share_type    TEXT NOT NULL,
  update_cycle  TEXT NOT NULL,
  entry         TEXT NOT NULL,         -- the catalogue entry, JSON
  version       INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX resources_provider ON resources(provider_id);

CREATE TABLE resource_history (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  resource_code TEXT NOT NULL REFERENCES resources(code),
  action        TEXT NOT NULL,
  status        TEXT NOT NULL,
  department_id TEXT NOT NULL,
  reason        TEXT,
  at            TEXT NOT NULL
);
CREATE INDEX resource_history_code ON resource_history(resource_code, id);

CREATE TABLE records (
  resource_code TEXT NOT NULL,
  record_key    TEXT NOT NULL,         -- canonical JSON of the key fields
  data          TEXT NOT NULL,
  seq           INTEGER NOT NULL,      -- the change that wrote it last
  PRIMARY KEY (resource_code, record_key)
) WITHOUT ROWID;

-- The change feed: seq is monotonic across the exchange; deletes leave tombstones (op = 'delete').
CREATE TABLE changes (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  resource_code TEXT NOT NULL,
  op            TEXT NOT NULL,
  record_key    TEXT NOT NULL,
  data          TEXT,
  batch_id      TEXT NOT NULL,
  at            TEXT NOT NULL
);
CREATE INDEX changes_resource ON changes(resource_code, seq);

-- One row per accepted batch request; `response` holds the exact bytes of the first answer, replayed verbatim.
CREATE TABLE batches (
  id              TEXT PRIMARY KEY,
  department_id   TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  resource_code   TEXT NOT NULL,
  count           INTEGER NOT NULL,
  accepted        INTEGER NOT NULL,
  rejected        INTEGER NOT NULL,
  status_code     INTEGER NOT NULL,
  response        BLOB NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (department_id, idempotency_key)
);
CREATE INDEX batches_resource ON batches(resource_code, created_at);

CREATE TABLE share_requests (
  id            TEXT PRIMARY KEY,
  resource_code TEXT NOT NULL REFERENCES resources(code),
  consumer_id   TEXT NOT NULL REFERENCES departments(id),
  provider_id   TEXT NOT NULL REFERENCES departments(id),
  purpose       TEXT NOT NULL,
  status        TEXT NOT NULL,
  reason        TEXT,
  created_at    TEXT NOT NULL,
  decided_at    TEXT
);
CREATE INDEX share_requests_consumer ON share_requests(consumer_id, resource_code, status);
CREATE INDEX share_requests_provider ON share_requests(provider_id, status);

CREATE TABLE audit_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  department_id TEXT,
  action        TEXT NOT NULL,
  resource_code TEXT,
  resource_provider_id TEXT,
  status        INTEGER NOT NULL,
  request_id    TEXT NOT NULL,
  detail        TEXT
);
CREATE INDEX audit_department ON audit_events(department_id, id);
CREATE INDEX audit_resource ON audit_events(resource_code, id);

-- The receipt signing key lives in the database so receipts verify across restarts.
CREATE TABLE receipt_keys (
  kid         TEXT PRIMARY KEY,
  private_key BLOB NOT NULL,           -- PKCS#8 DER
  public_x    TEXT NOT NULL,           -- base64url raw public key (JWK "x")
  created_at  TEXT NOT NULL
);
