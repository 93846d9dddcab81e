-- Indexes on expressions (sqlite.org/expridx.html: a key part is any expression, stored as
-- written, parentheses included) and generated columns whose expression changes (their values
-- are recomputed, the other columns' rows are kept).
-- @before
CREATE TABLE users (
  id integer PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) VIRTUAL,
  score int AS (id * 2) STORED
);
CREATE INDEX users_full ON users ((first_name || ' ' || last_name));
CREATE INDEX users_key ON users (lower(last_name), id + 1 DESC);
CREATE INDEX users_last ON users (last_name COLLATE nocase);
-- @after
CREATE TABLE users (
  id integer PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  full_name text GENERATED ALWAYS AS (last_name || ', ' || first_name) VIRTUAL,
  score int AS (id * 3) STORED
);
CREATE INDEX users_full ON users (((first_name || ' ' || last_name)));
CREATE INDEX users_key ON users (lower(last_name), (id + 1) DESC);
CREATE INDEX users_last ON users ((last_name) COLLATE nocase);
