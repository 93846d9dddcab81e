-- A table created in a new schema, a table dropped, a table created.
-- @before
CREATE TABLE obsolete (id integer PRIMARY KEY, data text);
CREATE TABLE kept (id integer PRIMARY KEY);
-- @after
CREATE SCHEMA reporting;
CREATE TABLE reporting.daily (day date PRIMARY KEY, total bigint NOT NULL DEFAULT 0);
CREATE TABLE kept (id integer PRIMARY KEY);
CREATE TABLE fresh (id integer PRIMARY KEY, kept_id integer REFERENCES kept);
