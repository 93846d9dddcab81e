-- An event trigger that refuses DDL (CREATE EVENT TRIGGER ... ON ddl_command_start, PostgreSQL 15
-- reference) replaced by another: the one that goes is dropped before any other step of the
-- migration and the new one created after all of them, or it would refuse the migration itself.
-- Its function changes too, and a table is added (DDL the old trigger would refuse).
-- @before
CREATE TABLE notes (id integer PRIMARY KEY, body text);
CREATE FUNCTION refuse_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'command % is disabled', tg_tag;
END;
$$;
CREATE EVENT TRIGGER no_ddl ON ddl_command_start EXECUTE PROCEDURE refuse_ddl();
COMMENT ON EVENT TRIGGER no_ddl IS 'no DDL at all';
-- @after
CREATE TABLE notes (id integer PRIMARY KEY, body text, author text);
CREATE TABLE authors (name text PRIMARY KEY);
CREATE FUNCTION refuse_drops() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'drops are disabled (%)', tg_tag;
END;
$$;
CREATE EVENT TRIGGER no_drops ON ddl_command_start WHEN TAG IN ('DROP TABLE', 'DROP FUNCTION') EXECUTE FUNCTION refuse_drops();
COMMENT ON EVENT TRIGGER no_drops IS 'no drops';
