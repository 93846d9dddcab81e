-- A column dropped and added again (made generated, or its expression changed: PostgreSQL 15
-- has no SET EXPRESSION) loses its column privileges with DROP COLUMN (PostgreSQL 15 GRANT:
-- column privileges belong to the column): AFTER's are given again, or up reaches AFTER
-- without them and nothing says so.
-- @before
CREATE TABLE orders (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price integer NOT NULL,
    total integer,
    label text GENERATED ALWAYS AS ('x' || qty) STORED
);
GRANT SELECT (total, label), UPDATE (total) ON orders TO app_reader;
GRANT SELECT (label) ON orders TO app_writer;
-- @after
CREATE TABLE orders (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price integer NOT NULL,
    total integer GENERATED ALWAYS AS (qty * price) STORED,
    label text GENERATED ALWAYS AS ('item ' || id) STORED
);
GRANT SELECT (total, label) ON orders TO app_reader;
GRANT SELECT (label) ON orders TO app_writer;
