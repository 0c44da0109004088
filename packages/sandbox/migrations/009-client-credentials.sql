-- Client credentials managed by the authority (issue 19): when a client was created, rotated and revoked, and the
-- previous secret of a rotated client, valid until its grace period ends. A revoked client keeps its row (the
-- audit log names it) but obtains no tokens and signs nothing; its tokens are deleted when it is revoked.
ALTER TABLE clients ADD COLUMN created_at TEXT;
ALTER TABLE clients ADD COLUMN rotated_at TEXT;
ALTER TABLE clients ADD COLUMN revoked_at TEXT;
UPDATE clients SET created_at = (SELECT d.created_at FROM departments d WHERE d.id = clients.department_id);

-- One row per rotated client while it has a previous secret: its scrypt hash and its HMAC key, sealed.
CREATE TABLE client_previous_secrets (
  client_id       TEXT PRIMARY KEY REFERENCES clients(client_id),
  secret_salt     BLOB NOT NULL,
  secret_hash     BLOB NOT NULL,
  hmac_key_sealed BLOB NOT NULL,
  expires_at      INTEGER NOT NULL      -- ms since epoch
) WITHOUT ROWID;

-- A client's tokens, found at once when it is revoked.
CREATE INDEX access_tokens_client ON access_tokens(client_id);
