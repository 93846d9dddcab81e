-- A plain table becomes partitioned, and a table of its own that already holds rows becomes
-- one of its partitions (PostgreSQL docs, ALTER TABLE ... ATTACH PARTITION: the table must have
-- the same columns as the parent, and its rows are checked against the bound: a row outside it
-- fails the statement). The old table's rows are held, the new partitioned table created, the
-- existing table attached with its rows where they are, then the held rows routed through the
-- new table (those of 'eu' into orders_eu, the others into the DEFAULT partition). Down takes
-- the tree apart the same way (orders_eu keeps its rows and leaves the parent's).
-- @before
CREATE TABLE orders (
    id int NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    total int
);
CREATE TABLE orders_eu (
    id int NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    total int,
    CONSTRAINT orders_eu_region CHECK (region = 'eu')
);
-- @after
CREATE TABLE orders (
    id int NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    total int
) PARTITION BY LIST (region);
CREATE TABLE orders_eu (
    id int NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    total int,
    CONSTRAINT orders_eu_region CHECK (region = 'eu')
);
ALTER TABLE orders ATTACH PARTITION orders_eu FOR VALUES IN ('eu');
CREATE TABLE orders_other PARTITION OF orders DEFAULT;
