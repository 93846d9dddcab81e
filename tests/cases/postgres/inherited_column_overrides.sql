-- Inheritance children that set their own default, NOT NULL or comment on a column they only
-- inherit (ALTER TABLE ONLY child ALTER COLUMN ..., as pg_dump writes a child's default that
-- differs from its parent's), written from the PostgreSQL 15 CREATE TABLE (INHERITS) and
-- ALTER TABLE pages: a new child with overrides, a grandchild, an override changed and dropped,
-- a column the parent adds and one it drops while a child overrides it.
-- @before
CREATE TABLE events (id integer NOT NULL, kind text DEFAULT 'generic', note text, legacy text);
CREATE TABLE audit_events (actor text) INHERITS (events);
ALTER TABLE ONLY audit_events ALTER COLUMN kind SET DEFAULT 'audit';
ALTER TABLE ONLY audit_events ALTER COLUMN legacy SET DEFAULT 'x';
COMMENT ON COLUMN audit_events.note IS 'free text';
CREATE TABLE login_events () INHERITS (audit_events);
ALTER TABLE ONLY login_events ALTER COLUMN kind SET DEFAULT 'login';
-- @after
CREATE TABLE events (id integer NOT NULL, kind text DEFAULT 'generic', note text, created_at timestamptz DEFAULT now());
CREATE TABLE audit_events (actor text) INHERITS (events);
ALTER TABLE ONLY audit_events ALTER COLUMN kind SET DEFAULT 'audited';
ALTER TABLE ONLY audit_events ALTER COLUMN note SET NOT NULL;
ALTER TABLE ONLY audit_events ALTER COLUMN created_at DROP DEFAULT;
COMMENT ON COLUMN audit_events.note IS 'what happened';
CREATE TABLE login_events () INHERITS (audit_events);
CREATE TABLE job_events (job text) INHERITS (events);
ALTER TABLE ONLY job_events ALTER COLUMN kind SET DEFAULT 'job';
ALTER TABLE ONLY job_events ALTER COLUMN id SET DEFAULT 0;
COMMENT ON COLUMN job_events.id IS 'job event id';
