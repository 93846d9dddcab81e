-- The hand-written schema that pg_partitions.dump.sql is the pg_dump (PostgreSQL 15) of.
-- Spelled `VALUE >= 100 AND VALUE <= 599` and `'error'::level` on purpose: BETWEEN and an
-- uncast enum literal do not yet compare equal to the forms PostgreSQL stores.
CREATE TYPE level AS ENUM ('debug', 'info', 'error');
CREATE DOMAIN http_status AS smallint CHECK (VALUE >= 100 AND VALUE <= 599);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.seen_at := now();
  RETURN NEW;
END
$$;
CREATE TABLE events (
  id bigserial,
  at timestamptz NOT NULL,
  level level NOT NULL DEFAULT 'info',
  status http_status,
  payload jsonb,
  seen_at timestamptz,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
COMMENT ON TABLE events IS 'request log, one partition per year';
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE INDEX ON events (level) WHERE level = 'error'::level;
CREATE TRIGGER events_stamp BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION stamp();
CREATE POLICY errors_only ON events FOR SELECT USING (level = 'error'::level);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
-- The database this was dumped from had a public schema without USAGE for PUBLIC (pg_dump prints
-- REVOKE USAGE ON SCHEMA public FROM PUBLIC): privileges are part of the model.
REVOKE USAGE ON SCHEMA public FROM PUBLIC;
