-- The login throttle and the request rate limit, shared by every instance on the database (issue 18). Keys are
-- attacker-chosen (a client id as sent, an address): `stale_at` says when a row no longer matters, and `id`
-- (order of creation) says which rows to forget first when there are too many; the store purges on both.

-- Attempts in a sliding window: `state` is the JSON array of the times (ms) still counted.
CREATE TABLE throttle_windows (
  key      TEXT PRIMARY KEY,
  state    JSONB NOT NULL,
  stale_at BIGINT NOT NULL,            -- ms: every counted attempt has left its window
  id       BIGSERIAL NOT NULL
);
CREATE INDEX throttle_windows_stale ON throttle_windows(stale_at);
CREATE INDEX throttle_windows_id ON throttle_windows(id);

-- Request buckets that refill continuously.
CREATE TABLE throttle_buckets (
  key       TEXT PRIMARY KEY,
  tokens    DOUBLE PRECISION NOT NULL,
  at        BIGINT NOT NULL,           -- ms of the last request taken
  capacity  DOUBLE PRECISION NOT NULL,
  refill_ms DOUBLE PRECISION NOT NULL,
  id        BIGSERIAL NOT NULL
);
CREATE INDEX throttle_buckets_id ON throttle_buckets(id);

-- Members remembered under a key (the addresses a client logged in from): `state` is the JSON array of
-- [member, until] pairs, oldest remembered first.
CREATE TABLE throttle_members (
  key      TEXT PRIMARY KEY,
  state    JSONB NOT NULL,
  stale_at BIGINT NOT NULL,            -- ms: every member has expired
  id       BIGSERIAL NOT NULL
);
CREATE INDEX throttle_members_stale ON throttle_members(stale_at);
CREATE INDEX throttle_members_id ON throttle_members(id);
