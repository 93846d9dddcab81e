-- SQLite conflict clauses (SQLite documentation, "The ON CONFLICT Clause"): a primary key and a
-- unique constraint that replace or ignore a conflicting row instead of failing, at column and
-- table level; changing the clause rebuilds the table, rows kept.
-- @before
CREATE TABLE tags (id integer PRIMARY KEY, name text UNIQUE, slug text, UNIQUE (slug));
-- @after
CREATE TABLE tags (id integer PRIMARY KEY ON CONFLICT REPLACE, name text UNIQUE ON CONFLICT IGNORE, slug text, UNIQUE (slug) ON CONFLICT FAIL);
