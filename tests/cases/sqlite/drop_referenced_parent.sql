-- A parent table dropped while the tables referencing it stay: one keeps its foreign key
-- (ON DELETE CASCADE), one loses it in a rebuild (ON DELETE SET NULL). SQLite's DROP TABLE,
-- with foreign keys on, deletes the parent's rows first, which would delete or null the
-- children's rows: the plan drops it with foreign keys off. (The harness runs migrations
-- with foreign keys on, as applications do.)
-- @before
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    author_id INTEGER REFERENCES authors (id) ON DELETE CASCADE,
    title TEXT
);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    author_id INTEGER REFERENCES authors (id) ON DELETE SET NULL,
    body TEXT
);
-- @after
CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    author_id INTEGER REFERENCES authors (id) ON DELETE CASCADE,
    title TEXT
);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    author_id INTEGER,
    body TEXT
);
