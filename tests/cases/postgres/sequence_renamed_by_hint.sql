-- A sequence renamed by a hint (and a column default reading it, owned by the column): one
-- ALTER SEQUENCE ... RENAME TO both ways, the default following the sequence (regclass), never
-- DROP + CREATE (which would restart the numbering under rows that hold its numbers).
-- @before
CREATE SEQUENCE order_numbers START 1000;
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    num bigint DEFAULT nextval('order_numbers')
);
ALTER SEQUENCE order_numbers OWNED BY orders.num;
-- @after
-- schemashift:renamed-from order_numbers
CREATE SEQUENCE order_numbrs START 1000 INCREMENT BY 2;
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    num bigint DEFAULT nextval('order_numbrs')
);
ALTER SEQUENCE order_numbrs OWNED BY orders.num;
