-- A list-partitioned table is partitioned by range instead (PostgreSQL docs, CREATE TABLE
-- PARTITION BY): the partition key cannot be altered, so the table and its partitions are
-- re-created and the rows routed to the new partitions; a serial's sequence owned by the table
-- survives the re-creation. Down goes back to the list partitions.
-- @before
CREATE TABLE orders (
    id serial,
    region text NOT NULL,
    placed date NOT NULL,
    total numeric(10,2)
) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_archive PARTITION OF orders DEFAULT;
CREATE INDEX orders_placed_idx ON orders (placed);
-- @after
CREATE TABLE orders (
    id serial,
    region text NOT NULL,
    placed date NOT NULL,
    total numeric(10,2)
) PARTITION BY RANGE (placed);
CREATE TABLE orders_old PARTITION OF orders FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
CREATE TABLE orders_new PARTITION OF orders FOR VALUES FROM ('2020-01-01') TO (MAXVALUE);
CREATE INDEX orders_placed_idx ON orders (placed);
