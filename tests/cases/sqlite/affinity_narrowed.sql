-- Declared types changed in a rebuild: TEXT to a numeric affinity (values that look like
-- numbers are converted: any-type-narrowing, critical), INTEGER to REAL, and a length
-- SQLite does not enforce.
-- @before
CREATE TABLE parts (
    id INTEGER PRIMARY KEY,
    code TEXT,
    weight INTEGER,
    label VARCHAR(50)
);
-- @after
CREATE TABLE parts (
    id INTEGER PRIMARY KEY,
    code NUMERIC,
    weight REAL,
    label VARCHAR(5)
);
