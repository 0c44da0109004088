-- How many audit events without a department the log holds, kept up to date by the instances that write them, so
-- that the cap on them (the oldest deleted first) needs no count(*) per write and two instances agree on it: the
-- row's lock makes their updates take turns.
CREATE TABLE audit_anonymous_count (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  events BIGINT NOT NULL
);
INSERT INTO audit_anonymous_count (id, events)
  SELECT 1, count(*) FROM audit_events WHERE department_id IS NULL;
