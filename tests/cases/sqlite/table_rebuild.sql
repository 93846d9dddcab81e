-- Changes SQLite's ALTER TABLE cannot make (type, NOT NULL, default, new foreign key): the
-- table is rebuilt, keeping its rows, indexes and triggers.
-- @before
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    title TEXT,
    pages INTEGER,
    author_id INTEGER
);
CREATE INDEX books_title ON books (title);
CREATE TRIGGER books_no_empty BEFORE INSERT ON books WHEN NEW.title = '' BEGIN SELECT RAISE(ABORT, 'empty title'); END;
-- @after
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    pages REAL DEFAULT 0,
    author_id INTEGER REFERENCES authors (id) ON DELETE SET NULL
);
CREATE INDEX books_title ON books (title);
CREATE TRIGGER books_no_empty BEFORE INSERT ON books WHEN NEW.title = '' BEGIN SELECT RAISE(ABORT, 'empty title'); END;
