-- COMMENT ON CONSTRAINT ... ON DOMAIN (PostgreSQL 15 manual, "COMMENT"; pg_dump writes it for a
-- commented domain CHECK): added with a new domain, kept when the CHECK is dropped and added
-- again because its expression changed, changed, and removed.
-- @before
CREATE DOMAIN qty AS integer CONSTRAINT qty_positive CHECK (VALUE > 0) CONSTRAINT qty_cap CHECK (VALUE < 1000);
COMMENT ON CONSTRAINT qty_positive ON DOMAIN qty IS 'no negative stock';
COMMENT ON CONSTRAINT qty_cap ON DOMAIN qty IS 'no bulk orders';
CREATE DOMAIN "Code" AS text CONSTRAINT "code shape" CHECK (VALUE ~ '^[A-Z]+$');
COMMENT ON CONSTRAINT "code shape" ON DOMAIN "Code" IS 'upper case letters';
CREATE TABLE stock (id integer PRIMARY KEY, amount qty, code "Code");
-- @after
CREATE DOMAIN qty AS integer CONSTRAINT qty_positive CHECK (VALUE >= 0) CONSTRAINT qty_cap CHECK (VALUE < 1000);
COMMENT ON CONSTRAINT qty_positive ON DOMAIN qty IS 'no negative stock';
COMMENT ON CONSTRAINT qty_cap ON DOMAIN qty IS 'no orders over 999';
CREATE DOMAIN "Code" AS text CONSTRAINT "code shape" CHECK (VALUE ~ '^[A-Z]+$');
CREATE DOMAIN percent AS numeric(5,2) CONSTRAINT percent_range CHECK (VALUE BETWEEN 0 AND 100);
COMMENT ON CONSTRAINT percent_range ON DOMAIN percent IS 'a share';
CREATE TABLE stock (id integer PRIMARY KEY, amount qty, code "Code", discount percent);
