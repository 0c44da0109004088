-- Client credentials managed by the authority (issue 19), as SQLite's migration 009: when a client was created,
-- rotated and revoked, and the previous secret of a rotated client, valid until its grace period ends.
ALTER TABLE clients ADD COLUMN created_at TEXT;
ALTER TABLE clients ADD COLUMN rotated_at TEXT;
ALTER TABLE clients ADD COLUMN revoked_at TEXT;
UPDATE clients SET created_at = d.created_at FROM departments d WHERE d.id = clients.department_id;

CREATE TABLE client_previous_secrets (
  client_id       TEXT PRIMARY KEY REFERENCES clients(client_id),
  secret_salt     BYTEA NOT NULL,
  secret_hash     BYTEA NOT NULL,
  hmac_key_sealed BYTEA NOT NULL,
  expires_at      BIGINT NOT NULL       -- ms since epoch
);

CREATE INDEX access_tokens_client ON access_tokens(client_id);
