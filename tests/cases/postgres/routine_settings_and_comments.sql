-- Routine configuration settings (CREATE FUNCTION ... SET configuration_parameter {TO | =}
-- value, PostgreSQL 15 reference): the engine keeps them in the order written, and pg_dump
-- prints them so; a setting changed, one added before another, and a routine replaced in place
-- (CREATE OR REPLACE keeps its comment) whose comment AFTER no longer has.
-- @before
CREATE FUNCTION scaled(a integer, b integer) RETURNS integer LANGUAGE plpgsql
  SET work_mem TO '50MB' SET enable_seqscan TO false
  AS $$ BEGIN RETURN a * b; END $$;
COMMENT ON FUNCTION scaled(integer, integer) IS 'multiplies';
CREATE FUNCTION plain_sum(a integer, b integer) RETURNS integer LANGUAGE sql SET search_path = public AS 'SELECT a + b';
-- @after
CREATE FUNCTION scaled(a integer, b integer) RETURNS integer LANGUAGE plpgsql
  SET search_path TO public, pg_temp SET work_mem TO '100MB'
  AS $$ BEGIN RETURN a * b * a; END $$;
CREATE FUNCTION plain_sum(a integer, b integer) RETURNS integer LANGUAGE sql SET search_path TO 'public' AS 'SELECT a + b';
COMMENT ON FUNCTION plain_sum(integer, integer) IS 'adds';
