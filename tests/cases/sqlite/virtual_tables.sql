-- Virtual tables (FTS5, R*Tree) are kept whole: created and dropped with their shadow tables.
-- @before
CREATE TABLE docs (id integer PRIMARY KEY, title text NOT NULL, body text);
CREATE VIRTUAL TABLE docs_fts USING fts5(title);
-- @after
CREATE TABLE docs (id integer PRIMARY KEY, title text NOT NULL, body text);
CREATE VIRTUAL TABLE docs_fts USING fts5(title, body);
CREATE VIRTUAL TABLE boxes USING rtree(id, min_x, max_x);
