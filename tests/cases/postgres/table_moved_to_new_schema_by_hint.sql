-- A table moved to a schema AFTER creates, marked with a hint naming its old schema: up creates
-- the schema before `SET SCHEMA` (the rename was ordered first and failed), the rows move with
-- the table and its key, index and serial; down moves it back.
-- @before
CREATE TABLE orders (id serial PRIMARY KEY, total numeric(10,2) NOT NULL, note text);
CREATE INDEX orders_total_idx ON orders (total);
-- @after
CREATE SCHEMA archive;
-- schemashift:renamed-from public.orders
CREATE TABLE archive.orders (id serial PRIMARY KEY, total numeric(10,2) NOT NULL, note text);
CREATE INDEX orders_total_idx ON archive.orders (total);
