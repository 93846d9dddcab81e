-- Dump statements about what every database already has: CREATE EXTENSION IF NOT EXISTS
-- plpgsql WITH SCHEMA pg_catalog and CREATE OR REPLACE PROCEDURAL LANGUAGE plpgsql (older
-- pg_dump output), ALTER PROCEDURAL LANGUAGE ... OWNER TO, on one side only: nothing to migrate,
-- and never a DROP of PL/pgSQL with the functions written in it.
-- @before
CREATE TABLE jobs (id integer PRIMARY KEY);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
-- @after
CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;
COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';
CREATE OR REPLACE PROCEDURAL LANGUAGE plpgsql;
ALTER PROCEDURAL LANGUAGE plpgsql OWNER TO postgres;
CREATE TABLE jobs (id integer PRIMARY KEY, done boolean DEFAULT false);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
