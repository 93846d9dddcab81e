-- A column moved and retyped at once: one MODIFY ... AFTER for it (was written twice, the
-- table copied twice), every row kept in its column both ways.
-- @before
CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b int, c int, d varchar(10));
-- @after
CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, c bigint, d varchar(20), b int);
