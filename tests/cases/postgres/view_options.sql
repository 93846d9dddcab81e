-- View options both ways: WITH (security_barrier, security_invoker), check options written
-- as WITH (check_option) and as WITH LOCAL CHECK OPTION, ALTER VIEW SET/RESET (PostgreSQL 15
-- docs: CREATE VIEW, ALTER VIEW), a materialized view's storage parameters, view column
-- defaults and comments on view and materialized view columns (COMMENT).
-- @before
CREATE TABLE t (id int, v int);
CREATE VIEW a AS SELECT id, v FROM t;
CREATE VIEW b WITH (security_barrier) AS SELECT id FROM t WHERE v > 0;
CREATE VIEW c AS SELECT id, v FROM t WHERE v > 0 WITH LOCAL CHECK OPTION;
CREATE MATERIALIZED VIEW m AS SELECT id FROM t;
CREATE VIEW d AS SELECT id, v FROM t;
ALTER VIEW d ALTER COLUMN v SET DEFAULT 7;
COMMENT ON COLUMN d.id IS 'the id';
COMMENT ON COLUMN m.id IS 'kept';
COMMENT ON MATERIALIZED VIEW m IS 'stays';
-- @after
CREATE TABLE t (id int, v int);
CREATE VIEW a WITH (security_invoker = true) AS SELECT id, v FROM t;
CREATE VIEW b AS SELECT id FROM t WHERE v > 0;
ALTER VIEW b SET (security_barrier = false);
CREATE VIEW c WITH (check_option = cascaded) AS SELECT id, v FROM t WHERE v > 0;
CREATE MATERIALIZED VIEW m WITH (fillfactor = 70) AS SELECT id FROM t;
CREATE VIEW d AS SELECT id, v FROM t;
ALTER TABLE ONLY d ALTER COLUMN id SET DEFAULT 1;
COMMENT ON COLUMN d.v IS 'the value';
COMMENT ON COLUMN m.id IS 'kept';
COMMENT ON MATERIALIZED VIEW m IS 'stays';
