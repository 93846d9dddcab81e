-- Storage clauses changed both ways: column STORAGE, COMPRESSION, STATISTICS and attribute
-- options, storage parameters from WITH and ALTER TABLE SET/RESET (toast.* too), LOGGED and
-- UNLOGGED, CLUSTER ON, a new table with all of them, an UNLOGGED sequence, and a sequence
-- whose new MINVALUE is above its old START (PostgreSQL 15 docs: ALTER TABLE, ALTER SEQUENCE).
-- @before
CREATE TABLE p (id int, c text COMPRESSION pglz, n numeric);
ALTER TABLE p ALTER COLUMN c SET STORAGE EXTERNAL;
ALTER TABLE p ALTER COLUMN id SET STATISTICS 500;
ALTER TABLE p ALTER COLUMN n SET (n_distinct = -0.5);
CREATE TABLE s (id int, b text) WITH (fillfactor=70);
CREATE UNLOGGED TABLE u (id serial PRIMARY KEY, v int);
CREATE INDEX u_v ON u (v);
ALTER TABLE u CLUSTER ON u_v;
CREATE SEQUENCE sq AS smallint MINVALUE 5 START 5 CACHE 10 CYCLE;
CREATE SEQUENCE down_sq INCREMENT -1;
-- @after
CREATE TABLE p (id int, c text COMPRESSION lz4, n numeric);
ALTER TABLE p ALTER COLUMN c SET STORAGE MAIN;
ALTER TABLE p ALTER COLUMN id SET STATISTICS 100;
ALTER TABLE p ALTER COLUMN n SET (n_distinct = 100, n_distinct_inherited = 5);
CREATE TABLE s (id int, b text) WITH (fillfactor=80, toast.autovacuum_enabled = false);
ALTER TABLE s SET (autovacuum_enabled = false);
CREATE TABLE u (id serial PRIMARY KEY, v int);
CREATE INDEX u_v ON u (v);
CREATE INDEX u_id_v ON u (id, v) WITH (fillfactor = 60);
ALTER TABLE u CLUSTER ON u_id_v;
CREATE UNLOGGED SEQUENCE sq AS integer MINVALUE 10 START 10 CACHE 1 NO CYCLE;
CREATE SEQUENCE down_sq INCREMENT -2 MAXVALUE -10 CYCLE;
CREATE TABLE fresh (id int, body text COMPRESSION lz4) WITH (fillfactor = 90, autovacuum_enabled = off);
ALTER TABLE fresh ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE fresh ALTER COLUMN id SET STATISTICS 1000;
CREATE UNLOGGED TABLE counted (id serial PRIMARY KEY, n int);
