-- A view over a column whose type changes must be dropped and recreated around the change.
-- @before
CREATE TABLE products (
    id integer PRIMARY KEY,
    price integer NOT NULL,
    title text
);
CREATE VIEW cheap_products AS SELECT id, price FROM products WHERE price < 10;
-- @after
CREATE TABLE products (
    id integer PRIMARY KEY,
    price numeric(12,2) NOT NULL,
    title text
);
CREATE VIEW cheap_products AS SELECT id, price FROM products WHERE price < 10;
CREATE VIEW titled_products AS SELECT id, title FROM products WHERE title IS NOT NULL;
