-- CLUSTER ON (PostgreSQL 15 docs: ALTER TABLE): an index rebuilt under a clustered table is
-- clustered again, a primary key index can be the one, renames carry the mark, dropping the
-- clustered index removes it, SET WITHOUT CLUSTER.
-- @before
CREATE TABLE a (id int PRIMARY KEY, v int);
CREATE INDEX a_v ON a (v);
ALTER TABLE a CLUSTER ON a_v;
CREATE TABLE b (id int, v int, CONSTRAINT b_pk PRIMARY KEY (id));
ALTER TABLE b CLUSTER ON b_pk;
CREATE TABLE c (id int, v int);
CREATE INDEX c_v ON c (v);
ALTER TABLE c CLUSTER ON c_v;
CREATE TABLE d (id int, v int);
CREATE INDEX d_v ON d (v);
ALTER TABLE d CLUSTER ON d_v;
-- @after
CREATE TABLE a (id int PRIMARY KEY, v int);
CREATE INDEX a_v ON a (v DESC);
ALTER TABLE a CLUSTER ON a_v;
CREATE TABLE b (id int, v int, CONSTRAINT b_pk PRIMARY KEY (id, v));
ALTER TABLE b CLUSTER ON b_pk;
CREATE TABLE c (id int, v int);
CREATE INDEX c_v ON c (v);
ALTER TABLE c CLUSTER ON c_v;
ALTER INDEX c_v RENAME TO c_v_renamed;
DROP INDEX c_v_renamed;
CREATE TABLE d (id int, v int);
CREATE INDEX d_v ON d (v);
ALTER TABLE d CLUSTER ON d_v;
ALTER TABLE d SET WITHOUT CLUSTER;
