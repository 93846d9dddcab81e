-- A view over a view over a column whose type changes: both are dropped (readers first) and
-- created again (readers last) around ALTER COLUMN ... TYPE, which PostgreSQL refuses under them.
-- @before
CREATE TABLE orders (
    id integer PRIMARY KEY,
    amount integer NOT NULL,
    note text
);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW big_order_total AS SELECT sum(amount) AS total FROM big_orders;
COMMENT ON VIEW big_order_total IS 'sum of big orders';
-- @after
CREATE TABLE orders (
    id integer PRIMARY KEY,
    amount numeric(12,2) NOT NULL,
    note text
);
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE VIEW big_order_total AS SELECT sum(amount) AS total FROM big_orders;
COMMENT ON VIEW big_order_total IS 'sum of big orders';
