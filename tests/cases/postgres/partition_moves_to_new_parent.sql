-- A partition whose parent is replaced by a new table (no rename hint: the old parent is
-- dropped, the new one created) keeps its rows: it is detached before DROP TABLE of the old
-- parent (which would drop it along) and attached to the new parent afterwards. A NOT VALID
-- check of a new table stays NOT VALID (added after CREATE TABLE; inline it is validated).
-- @before
CREATE TABLE events_old (id integer NOT NULL, kind text NOT NULL) PARTITION BY LIST (kind);
CREATE TABLE events_login PARTITION OF events_old FOR VALUES IN ('login');
-- @after
CREATE TABLE events_new (id integer NOT NULL, kind text NOT NULL) PARTITION BY LIST (kind);
CREATE TABLE events_login PARTITION OF events_new FOR VALUES IN ('login');
CREATE TABLE audit (id integer, seen timestamptz DEFAULT now());
ALTER TABLE audit ADD CONSTRAINT audit_positive CHECK (id > 0) NO INHERIT NOT VALID;
