-- A domain altered in place (ALTER DOMAIN ... SET/DROP DEFAULT, SET NOT NULL) keeps its
-- privileges: the grants AFTER takes away are revoked, the new ones granted (GRANT/REVOKE
-- ... ON DOMAIN, PostgreSQL 15 reference); the application roles are the harness's.
-- @before
CREATE DOMAIN quantity AS integer DEFAULT 1;
COMMENT ON DOMAIN quantity IS 'how many';
GRANT ALL PRIVILEGES ON DOMAIN quantity TO app_reader;
CREATE TABLE lines (id integer PRIMARY KEY, qty quantity);
-- @after
CREATE DOMAIN quantity AS integer NOT NULL;
GRANT USAGE ON DOMAIN quantity TO app_writer;
CREATE TABLE lines (id integer PRIMARY KEY, qty quantity);
