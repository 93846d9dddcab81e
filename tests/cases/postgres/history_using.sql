-- A history's type change with its own conversion (`USING`): the migration converts the rows
-- the same way (dollars to cents, then to text), not with a plain cast.
-- @before
CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2) NOT NULL, label varchar(20));
-- @after
CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2) NOT NULL, label varchar(20));
ALTER TABLE prices ALTER COLUMN amount TYPE integer USING (amount * 100)::integer;
ALTER TABLE prices RENAME COLUMN amount TO cents;
ALTER TABLE prices ALTER COLUMN cents TYPE bigint, ALTER COLUMN label TYPE text USING upper(label);
