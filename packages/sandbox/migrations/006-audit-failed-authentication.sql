-- Requests that authenticate nobody (failed logins, forged tokens, bad signatures, throttled requests) are audited
-- with what identifies them instead of a department: the client id as sent (sanitised, at most 128 characters),
-- why they were refused, and the peer address. Token requests record the client id and address when they succeed too.
ALTER TABLE audit_events ADD COLUMN client_id TEXT;
ALTER TABLE audit_events ADD COLUMN reason TEXT;
ALTER TABLE audit_events ADD COLUMN source_address TEXT;
