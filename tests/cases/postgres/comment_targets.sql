-- A comment on each kind of object COMMENT ON names in the model (PostgreSQL 15 manual,
-- "COMMENT": schema, sequence, type, domain, table, column, index, constraint, policy,
-- function, procedure, trigger, view, view column, materialized view), with names that need
-- quotes; BEFORE → AFTER adds, changes and removes them (a removed comment is `IS NULL`).
-- @before
CREATE SCHEMA "Sales";
COMMENT ON SCHEMA "Sales" IS 'where orders live';
CREATE SEQUENCE "Sales".order_no;
COMMENT ON SEQUENCE "Sales".order_no IS 'order numbers';
CREATE TYPE mood AS ENUM ('sad', 'happy');
COMMENT ON TYPE mood IS 'feelings';
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE "Sales"."Order Lines" (
    id integer PRIMARY KEY,
    qty integer,
    feeling mood,
    CONSTRAINT "qty cap" CHECK (qty < 1000)
);
COMMENT ON TABLE "Sales"."Order Lines" IS 'one row per line';
COMMENT ON COLUMN "Sales"."Order Lines".qty IS 'how many';
CREATE INDEX "lines by qty" ON "Sales"."Order Lines" (qty);
COMMENT ON INDEX "Sales"."lines by qty" IS 'for reports';
COMMENT ON CONSTRAINT "qty cap" ON "Sales"."Order Lines" IS 'no bulk orders';
CREATE POLICY "own rows" ON "Sales"."Order Lines" USING (true);
COMMENT ON POLICY "own rows" ON "Sales"."Order Lines" IS 'everyone for now';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
COMMENT ON FUNCTION touch() IS 'keeps rows fresh';
CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TRIGGER "touch it" BEFORE UPDATE ON "Sales"."Order Lines" FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TRIGGER "touch it" ON "Sales"."Order Lines" IS 'on every update';
CREATE VIEW line_qty AS SELECT id, qty FROM "Sales"."Order Lines";
COMMENT ON VIEW line_qty IS 'quantities';
COMMENT ON COLUMN line_qty.qty IS 'as ordered';
CREATE MATERIALIZED VIEW line_ids AS SELECT id FROM "Sales"."Order Lines";
COMMENT ON MATERIALIZED VIEW line_ids IS 'ids, refreshed nightly';
-- @after
CREATE SCHEMA "Sales";
CREATE SEQUENCE "Sales".order_no;
COMMENT ON SEQUENCE "Sales".order_no IS 'order numbers, from 1';
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
COMMENT ON DOMAIN positive IS 'greater than zero';
CREATE TABLE "Sales"."Order Lines" (
    id integer PRIMARY KEY,
    qty integer,
    feeling mood,
    CONSTRAINT "qty cap" CHECK (qty < 1000)
);
COMMENT ON TABLE "Sales"."Order Lines" IS 'one row per order line';
CREATE INDEX "lines by qty" ON "Sales"."Order Lines" (qty);
COMMENT ON CONSTRAINT "qty cap" ON "Sales"."Order Lines" IS 'no bulk orders (see the wholesale desk)';
COMMENT ON CONSTRAINT "Order Lines_pkey" ON "Sales"."Order Lines" IS 'the line''s id';
CREATE POLICY "own rows" ON "Sales"."Order Lines" USING (true);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
COMMENT ON FUNCTION touch() IS 'keeps rows fresh (BEFORE UPDATE)';
CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$;
COMMENT ON PROCEDURE noop() IS 'does nothing';
CREATE TRIGGER "touch it" BEFORE UPDATE ON "Sales"."Order Lines" FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW line_qty AS SELECT id, qty FROM "Sales"."Order Lines";
COMMENT ON VIEW line_qty IS 'quantities per line';
CREATE MATERIALIZED VIEW line_ids AS SELECT id FROM "Sales"."Order Lines";
COMMENT ON INDEX "Sales"."lines by qty" IS NULL;
