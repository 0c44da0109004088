-- The receipt-signing key is no longer kept in clear: like clients.hmac_key_sealed, it is sealed (AES-256-GCM)
-- with the configured sealing key, which SQL does not know. So the clear table is set aside here, and at start,
-- once the key is known, the exchange seals its keys into the new table and drops it with secure_delete on
-- (receipts/seal-clear-receipt-keys.ts). `seq` orders the keys: the newest signs, all stay published.
ALTER TABLE receipt_keys RENAME TO receipt_keys_clear;

CREATE TABLE receipt_keys (
  seq                INTEGER PRIMARY KEY,
  kid                TEXT NOT NULL UNIQUE,   -- RFC 7638 JWK thumbprint
  private_key_sealed BLOB NOT NULL,          -- PKCS#8 PEM sealed with the sealing key (iv, tag, ciphertext)
  public_x           TEXT NOT NULL,          -- base64url raw public key (JWK "x")
  created_at         TEXT NOT NULL
);
