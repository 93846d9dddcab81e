-- A commented object that the migration drops and creates again keeps its comment (PostgreSQL 15
-- manual, "COMMENT": a comment is dropped with its object): a CHECK constraint whose expression
-- changes, an index whose predicate changes, a policy whose command changes.
-- @before
CREATE TABLE orders (
    id integer PRIMARY KEY,
    qty integer,
    CONSTRAINT qty_cap CHECK (qty < 1000)
);
COMMENT ON CONSTRAINT qty_cap ON orders IS 'no bulk orders';
CREATE INDEX orders_qty ON orders (qty);
COMMENT ON INDEX orders_qty IS 'for reports';
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON orders FOR SELECT USING (true);
COMMENT ON POLICY own_rows ON orders IS 'everyone reads';
-- @after
CREATE TABLE orders (
    id integer PRIMARY KEY,
    qty integer,
    CONSTRAINT qty_cap CHECK (qty < 500)
);
COMMENT ON CONSTRAINT qty_cap ON orders IS 'no bulk orders';
CREATE INDEX orders_qty ON orders (qty) WHERE qty > 0;
COMMENT ON INDEX orders_qty IS 'for reports';
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON orders FOR UPDATE USING (true);
COMMENT ON POLICY own_rows ON orders IS 'everyone reads';
