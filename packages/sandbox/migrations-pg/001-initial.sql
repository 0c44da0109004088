-- The exchange on PostgreSQL: the same tables as the SQLite schema after its migrations 001–008, in one step.
-- Times stay ISO 8601 text (as the contract writes them), expiries ms since the epoch.

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
  secret_salt     BYTEA NOT NULL,
  secret_hash     BYTEA NOT NULL,
  hmac_key_sealed BYTEA NOT NULL
);

CREATE TABLE access_tokens (
  token_hash    TEXT PRIMARY KEY,      -- sha256 hex of the bearer token
  client_id     TEXT NOT NULL REFERENCES clients(client_id),
  department_id TEXT NOT NULL REFERENCES departments(id),
  expires_at    BIGINT NOT NULL        -- ms since epoch
);
CREATE INDEX access_tokens_expiry ON access_tokens(expires_at);

CREATE TABLE nonces (
  client_id  TEXT NOT NULL,
  nonce      TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, nonce)
);
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
  id            BIGSERIAL PRIMARY KEY,
  resource_code TEXT NOT NULL REFERENCES resources(code),
  action        TEXT NOT NULL,
  status        TEXT NOT NULL,
  department_id TEXT NOT NULL,
  reason        TEXT,
  at            TEXT NOT NULL
);
CREATE INDEX resource_history_code ON resource_history(resource_code, id);

CREATE TABLE published_entries (
  resource_code TEXT PRIMARY KEY REFERENCES resources(code),
  provider_code TEXT NOT NULL,
  name          TEXT NOT NULL,
  share_type    TEXT NOT NULL,
  update_cycle  TEXT NOT NULL,
  entry         TEXT NOT NULL,         -- the catalogue entry as published, JSON
  version       INTEGER NOT NULL,      -- the resource's version right after that publication
  published_at  TEXT NOT NULL
);

-- The change feed is the truth; `records` indexes the current version of each key (the seq of its last upsert).
-- A feed append takes `changes_seq` only while holding its resource's advisory lock, so within a resource the
-- order of seq is the order of commit and a reader following the cursor never skips a change.
CREATE SEQUENCE changes_seq;
CREATE TABLE changes (
  seq           BIGINT PRIMARY KEY,
  resource_code TEXT NOT NULL,
  op            TEXT NOT NULL,
  record_key    TEXT NOT NULL,
  data          TEXT,
  batch_id      TEXT NOT NULL,
  at            TEXT NOT NULL
);
CREATE INDEX changes_resource ON changes(resource_code, seq);

CREATE TABLE records (
  resource_code TEXT NOT NULL,
  record_key    TEXT NOT NULL,         -- canonical JSON of the key fields
  seq           BIGINT NOT NULL,       -- changes.seq of the upsert that wrote it last
  PRIMARY KEY (resource_code, record_key)
);

CREATE TABLE batches (
  id                TEXT PRIMARY KEY,
  department_id     TEXT NOT NULL,
  idempotency_key   TEXT NOT NULL,
  request_hash      TEXT NOT NULL,
  resource_code     TEXT NOT NULL,
  count             INTEGER NOT NULL,
  accepted          BIGINT NOT NULL,
  rejected          INTEGER NOT NULL,
  status_code       INTEGER NOT NULL,
  response          BYTEA NOT NULL,
  response_encoding TEXT NOT NULL DEFAULT 'identity',
  created_at        TEXT NOT NULL,
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
  id                   BIGSERIAL PRIMARY KEY,
  at                   TEXT NOT NULL,
  department_id        TEXT,
  action               TEXT NOT NULL,
  resource_code        TEXT,
  resource_provider_id TEXT,
  status               INTEGER NOT NULL,
  request_id           TEXT NOT NULL,
  detail               TEXT,
  client_id            TEXT,
  reason               TEXT,
  source_address       TEXT
);
CREATE INDEX audit_department ON audit_events(department_id, id);
CREATE INDEX audit_resource ON audit_events(resource_code, id);

CREATE TABLE receipt_keys (
  seq                BIGSERIAL PRIMARY KEY,
  kid                TEXT NOT NULL UNIQUE,   -- RFC 7638 JWK thumbprint
  private_key_sealed BYTEA NOT NULL,         -- PKCS#8 PEM sealed with the sealing key (iv, tag, ciphertext)
  public_x           TEXT NOT NULL,          -- base64url raw public key (JWK "x")
  created_at         TEXT NOT NULL
);

CREATE TABLE sync_runs (
  id                TEXT PRIMARY KEY,
  resource_code     TEXT NOT NULL REFERENCES resources(code),
  department_id     TEXT NOT NULL,
  run_id            TEXT,                   -- the client's id of the run; NULL when it gave none
  mode              TEXT,
  rows_read         BIGINT NOT NULL,
  accepted          BIGINT NOT NULL,
  refused_locally   BIGINT NOT NULL,
  refused_by_reason TEXT NOT NULL,          -- JSON object: rule → rows
  started_at        TEXT,
  finished_at       TEXT,
  received_at       TEXT NOT NULL,
  UNIQUE (resource_code, run_id)
);
