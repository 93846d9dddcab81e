-- A table moved to another schema and renamed at once (hint naming its old schema): PostgreSQL
-- moves the serial's sequence with the table, which then follows the new name (never a new
-- sequence starting at 1); the primary key's implicit name follows too. Down moves it all back.
-- @before
CREATE SCHEMA archive;
CREATE TABLE orders (id serial PRIMARY KEY, total numeric(10,2) NOT NULL, note text);
CREATE INDEX orders_total_idx ON orders (total);
-- @after
CREATE SCHEMA archive;
-- schemashift:renamed-from public.orders
CREATE TABLE archive.old_orders (id serial PRIMARY KEY, total numeric(10,2) NOT NULL, note text);
CREATE INDEX orders_total_idx ON archive.old_orders (total);
