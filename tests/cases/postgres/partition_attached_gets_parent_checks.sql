-- Tables that already hold rows become partitions of a parent with CHECK constraints
-- (PostgreSQL docs, ALTER TABLE ... ATTACH PARTITION: "the table to be attached must have all
-- the same columns as the target table and no more ...; it must also have all the NOT NULL and
-- CHECK constraints of the target table"; the engine matches them by name: "child table is
-- missing constraint"). A partition moved from a dropped parent to a new one, and a plain table
-- attached to a kept parent: each gets the parent's checks under the parent's names before it
-- is attached; the check the moved partition had from its old parent is dropped. Down does the
-- same the other way.
-- @before
CREATE TABLE readings_old (
    id integer NOT NULL,
    station text NOT NULL CHECK (length(station) > 0),
    value numeric
) PARTITION BY LIST (station);
CREATE TABLE readings_north PARTITION OF readings_old FOR VALUES IN ('north');
CREATE TABLE sales (
    id integer NOT NULL,
    region text NOT NULL,
    amount numeric,
    CONSTRAINT sales_amount_nonneg CHECK (amount >= 0)
) PARTITION BY LIST (region);
CREATE TABLE sales_eu PARTITION OF sales FOR VALUES IN ('eu');
CREATE TABLE sales_us (
    id integer NOT NULL,
    region text NOT NULL,
    amount numeric
);
-- @after
CREATE TABLE readings_new (
    id integer NOT NULL,
    station text NOT NULL CHECK (length(station) > 0),
    value numeric
) PARTITION BY LIST (station);
CREATE TABLE readings_north PARTITION OF readings_new FOR VALUES IN ('north');
CREATE TABLE sales (
    id integer NOT NULL,
    region text NOT NULL,
    amount numeric,
    CONSTRAINT sales_amount_nonneg CHECK (amount >= 0)
) PARTITION BY LIST (region);
CREATE TABLE sales_eu PARTITION OF sales FOR VALUES IN ('eu');
CREATE TABLE sales_us PARTITION OF sales FOR VALUES IN ('us');
