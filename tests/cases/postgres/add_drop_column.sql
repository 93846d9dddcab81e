-- The thin slice: a column added and a column dropped, both ways.
-- @before
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    legacy_flag boolean
);
-- @after
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    display_name varchar(100) DEFAULT 'anonymous'
);
