-- The index of a primary key or unique constraint: INCLUDE columns, WITH storage parameters
-- and USING INDEX TABLESPACE (pg_default), inline and table-level, and a constraint made
-- from a covering unique index (PostgreSQL 15 docs: CREATE TABLE index_parameters).
-- @before
CREATE TABLE a (id int PRIMARY KEY, code text, note text, UNIQUE (code));
CREATE TABLE b (id int, v int, w int, CONSTRAINT b_pk PRIMARY KEY (id) INCLUDE (v) WITH (fillfactor = 70));
-- @after
CREATE TABLE a (id int PRIMARY KEY WITH (fillfactor = 80) USING INDEX TABLESPACE pg_default, code text, note text, UNIQUE (code) INCLUDE (note));
CREATE TABLE b (id int, v int, w int, CONSTRAINT b_pk PRIMARY KEY (id) INCLUDE (v, w));
CREATE UNIQUE INDEX b_v ON b (v) INCLUDE (w) WITH (deduplicate_items = off);
ALTER TABLE b ADD CONSTRAINT b_v_key UNIQUE USING INDEX b_v;
