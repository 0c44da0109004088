-- The version of each catalogue entry that is in force: the one its last publication put there. `resources`
-- holds the provider's working version, which after an update waits for review (submitted, registered) while
-- this one stays in force: other departments see it, reads and share requests follow its share type, and
-- pushed records are checked against it. A resource without a row here was never published and is its
-- provider's and the authority's only.
CREATE TABLE published_entries (
  resource_code TEXT PRIMARY KEY REFERENCES resources(code),
  provider_code TEXT NOT NULL,
  name          TEXT NOT NULL,
  share_type    TEXT NOT NULL,
  update_cycle  TEXT NOT NULL,
  entry         TEXT NOT NULL,         -- the catalogue entry as published, JSON
  version       INTEGER NOT NULL,      -- the resource's version right after that publication
  published_at  TEXT NOT NULL
) WITHOUT ROWID;

-- A published resource's current entry is the published one, and so is a withdrawn one's when the step before
-- its withdrawal was its publication. A resource changed after its publication (now submitted or registered,
-- or withdrawn with the change) has no copy of the version that was in force before this migration: it counts
-- as never published until it is published again, rather than have the unreviewed change take effect.
INSERT INTO published_entries (resource_code, provider_code, name, share_type, update_cycle, entry, version,
    published_at)
  SELECT r.code, r.provider_code, r.name, r.share_type, r.update_cycle, r.entry, r.version,
    coalesce((SELECT max(h.at) FROM resource_history h WHERE h.resource_code = r.code AND h.action = 'publish'),
      r.updated_at)
  FROM resources r
  WHERE r.status = 'published'
    OR (r.status = 'withdrawn'
      AND (SELECT h.action FROM resource_history h
           WHERE h.resource_code = r.code AND h.action <> 'withdraw' ORDER BY h.id DESC LIMIT 1) = 'publish');
