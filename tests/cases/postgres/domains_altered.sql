-- Domains changed in place (ALTER DOMAIN, never drop and create while columns use them):
-- defaults set and dropped, NOT NULL set, checks added, dropped, added NOT VALID and validated,
-- and a new domain with every clause. Written from the PostgreSQL 15 CREATE DOMAIN / ALTER
-- DOMAIN reference pages.
-- @before
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN code AS text COLLATE "C" DEFAULT 'x';
CREATE DOMAIN pct AS numeric(5,2) CONSTRAINT pct_range CHECK (VALUE >= 0);
ALTER DOMAIN pct ADD CONSTRAINT pct_max CHECK (VALUE <= 100) NOT VALID;
CREATE DOMAIN label AS varchar(40) DEFAULT 'none' CONSTRAINT label_nonblank CHECK (VALUE <> '');
CREATE TABLE items (id integer PRIMARY KEY, qty posint, tag code, share pct, name label);
-- @after
CREATE DOMAIN posint AS integer DEFAULT 1 CHECK (VALUE > 0);
ALTER DOMAIN posint ADD CONSTRAINT posint_small CHECK (VALUE < 1000000) NOT VALID;
CREATE DOMAIN code AS text COLLATE "C" DEFAULT 'y' CONSTRAINT code_len CHECK (length(VALUE) < 50);
CREATE DOMAIN pct AS numeric(5,2) CONSTRAINT pct_range CHECK (VALUE >= 0);
ALTER DOMAIN pct ADD CONSTRAINT pct_max CHECK (VALUE <= 100) NOT VALID;
ALTER DOMAIN pct VALIDATE CONSTRAINT pct_max;
CREATE DOMAIN label AS varchar(40) NULL CONSTRAINT label_nonblank CHECK (VALUE <> '');
ALTER DOMAIN label RENAME CONSTRAINT label_nonblank TO label_filled;
COMMENT ON DOMAIN code IS 'short codes';
CREATE DOMAIN rating AS smallint DEFAULT 3 CONSTRAINT rating_nn NOT NULL CONSTRAINT rating_range CHECK (VALUE >= 1 AND VALUE <= 5);
CREATE TABLE items (id integer PRIMARY KEY, qty posint, tag code, share pct, name label, stars rating);
