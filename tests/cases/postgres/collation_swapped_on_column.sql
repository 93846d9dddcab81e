-- A column moves from a collation the migration drops to one it creates (PostgreSQL docs,
-- CREATE COLLATION; DROP COLLATION refuses while a column uses it). The column's collation
-- changes while both collations exist: the new one is created first, the old one dropped
-- after the column no longer uses it (zero-downtime: in the same phase as the column change,
-- which keeps its plain form because the collation exists only for part of the plan).
-- @before
CREATE COLLATION public.c_plain (provider = libc, locale = 'C');
CREATE TABLE labels (
    id int PRIMARY KEY,
    name text COLLATE public.c_plain
);
-- @after
CREATE COLLATION public.c_posix (provider = libc, locale = 'POSIX');
CREATE TABLE labels (
    id int PRIMARY KEY,
    name text COLLATE public.c_posix
);
