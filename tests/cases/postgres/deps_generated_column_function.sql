-- A stored generated column calling a function whose return type changes (CREATE OR REPLACE is
-- refused, so the function is dropped and created): the column is dropped first and added
-- again after, computed again for every row; another generated column over a column whose
-- type changes is handled the same way.
-- @before
CREATE FUNCTION net_price(gross integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT gross * 100 / 120 $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    gross integer NOT NULL,
    qty integer NOT NULL,
    net integer GENERATED ALWAYS AS (net_price(gross)) STORED,
    double_qty integer GENERATED ALWAYS AS (qty * 2) STORED
);
-- @after
CREATE FUNCTION net_price(gross integer) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT gross * 100 / 120.0 $$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    gross integer NOT NULL,
    qty bigint NOT NULL,
    net numeric GENERATED ALWAYS AS (net_price(gross)) STORED,
    double_qty bigint GENERATED ALWAYS AS (qty * 2) STORED
);
