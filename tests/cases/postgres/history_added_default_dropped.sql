-- A history adds columns with a default to a table with rows, then drops or changes the
-- default (the usual backfill): the migration adds them with the first default (the rows hold
-- it, and a NOT NULL column needs it), then sets the last one.
-- @before
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
-- @after
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE users ALTER COLUMN active DROP DEFAULT;
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'new';
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'pending';
