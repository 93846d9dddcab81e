-- Composite attributes with a collation of their own (as pg_dump writes them): created with it,
-- an attribute added with one to a type a column uses (allowed in place), another type's
-- attribute collation changed in place (`ALTER ATTRIBUTE ... TYPE ... COLLATE`), a typed
-- table's columns following (CASCADE).
-- @before
CREATE TYPE labelled AS (id integer, label text COLLATE "C", note text);
CREATE TYPE tagged AS (tag text);
CREATE TYPE spare AS (word text COLLATE "C");
CREATE TABLE items (id int PRIMARY KEY, item labelled);
CREATE TABLE tags OF tagged;
-- @after
CREATE TYPE labelled AS (id integer, label text COLLATE "C", note text, code varchar(10) COLLATE pg_catalog."POSIX");
CREATE TYPE tagged AS (tag text COLLATE "C");
CREATE TYPE spare AS (word text COLLATE "POSIX");
CREATE TABLE items (id int PRIMARY KEY, item labelled);
CREATE TABLE tags OF tagged;
