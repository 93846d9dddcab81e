-- A new REFERENCES column with a non-NULL DEFAULT cannot be added by ALTER TABLE (SQLite refuses
-- it with foreign keys on): the table is rebuilt with foreign keys off, and every copied row
-- takes the default, a parent that is not there. PRAGMA foreign_key_check only lists those rows
-- and COMMIT kept them (up "passed" with every row dangling); the rebuild now rolls back, so up
-- stops with the database as it was.
-- @before
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE child (id INTEGER PRIMARY KEY, note TEXT);
-- @after
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE child (id INTEGER PRIMARY KEY, note TEXT, parent_id INTEGER DEFAULT 987654 REFERENCES parent (id));
