-- Composite types changed attribute by attribute (ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE,
-- CASCADE to typed tables), typed tables (CREATE TABLE ... OF type with column options and
-- constraints, ALTER TABLE ... OF / NOT OF) and ALTER TABLE ... INHERIT / NO INHERIT, written
-- from the PostgreSQL 15 CREATE TYPE, ALTER TYPE, CREATE TABLE and ALTER TABLE pages.
-- @before
CREATE TYPE address AS (street text, city text, zip varchar(10));
CREATE TYPE point3 AS (x integer, y integer, z integer);
CREATE TABLE homes OF address (street WITH OPTIONS NOT NULL, city WITH OPTIONS DEFAULT 'Oslo', PRIMARY KEY (street));
CREATE TABLE offices (street text, city text, zip varchar(10));
CREATE TABLE depots OF address;
CREATE TABLE items (id integer PRIMARY KEY, note text);
CREATE TABLE archived_items (id integer NOT NULL, note text, archived_on date);
CREATE TABLE samples (id integer PRIMARY KEY, at point3);
-- @after
CREATE TYPE address AS (street text, city text, zip varchar(20), country text);
CREATE TYPE point3 AS (x integer, y integer, z integer);
ALTER TYPE point3 DROP ATTRIBUTE z;
ALTER TYPE point3 ADD ATTRIBUTE label text;
CREATE TABLE homes OF address (street WITH OPTIONS NOT NULL, city WITH OPTIONS DEFAULT 'Bergen', PRIMARY KEY (street));
CREATE TABLE offices (street text, city text, zip varchar(20), country text);
ALTER TABLE offices OF address;
CREATE TABLE depots (street text, city text, zip varchar(20), country text);
CREATE TABLE items (id integer PRIMARY KEY, note text);
CREATE TABLE archived_items (id integer NOT NULL, note text, archived_on date);
ALTER TABLE archived_items INHERIT items;
CREATE TABLE samples (id integer PRIMARY KEY, at point3);
