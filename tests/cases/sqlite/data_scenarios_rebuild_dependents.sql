-- Scenarios with rows (SQLite manual, ALTER TABLE "making other kinds of table schema changes"):
-- a rebuild (NOT NULL with a default, a foreign key action changed) of a table with an index,
-- a trigger and a view depending on it, and a child whose foreign key references it.
-- @before
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT, score INTEGER);
CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE, x TEXT);
CREATE INDEX parent_name ON parent (name);
CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER parent_ins AFTER INSERT ON parent BEGIN INSERT INTO audit (what) VALUES (NEW.name); END;
CREATE VIEW parent_names AS SELECT id, name FROM parent;
-- @after
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', score INTEGER);
CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE SET NULL, x TEXT);
CREATE INDEX parent_name ON parent (name);
CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER parent_ins AFTER INSERT ON parent BEGIN INSERT INTO audit (what) VALUES (NEW.name); END;
CREATE VIEW parent_names AS SELECT id, name FROM parent;
