-- A column added in the middle: MariaDB can place it (AFTER), so the order must match.
-- @before
CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, c int);
-- @after
CREATE TABLE t (id int NOT NULL PRIMARY KEY, a int, b varchar(10) DEFAULT 'b', c int);
