-- A history adds columns with a default to a table with rows, then drops or changes the
-- default (the usual backfill): the migration adds them with the first default, then sets the
-- last one.
-- @before
CREATE TABLE users (id int PRIMARY KEY, email varchar(80) NOT NULL);
-- @after
CREATE TABLE users (id int PRIMARY KEY, email varchar(80) NOT NULL);
ALTER TABLE users ADD COLUMN active tinyint(1) NOT NULL DEFAULT 1;
ALTER TABLE users ALTER COLUMN active DROP DEFAULT;
ALTER TABLE users ADD COLUMN status varchar(10) NOT NULL DEFAULT 'new';
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'pending';
