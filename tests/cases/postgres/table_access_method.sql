-- A table's access method (CREATE TABLE ... USING, ALTER TABLE SET ACCESS METHOD, PostgreSQL
-- 15 docs: ALTER TABLE) changed both ways, with a second table AM built on heap's handler;
-- a materialized view's access method (recreated).
-- @before
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE t (id int PRIMARY KEY, v text) USING heap;
CREATE TABLE w (id int) USING heap2;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
-- @after
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE t (id int PRIMARY KEY, v text) USING heap2;
CREATE TABLE w (id int);
CREATE TABLE fresh (id int) USING heap2;
CREATE MATERIALIZED VIEW mv USING heap2 AS SELECT id FROM t;
