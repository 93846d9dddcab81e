-- A column added and a column dropped, both ways.
-- @before
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    legacy_flag INTEGER
);
-- @after
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    display_name TEXT DEFAULT 'anonymous'
);
