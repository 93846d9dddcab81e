-- Privileges of an object's owner (PostgreSQL docs, 5.8 Privileges: "the owner has all
-- privileges by default"; an owner may revoke its own ordinary privileges; GRANT to the owner
-- of a privilege it holds changes nothing). notes is owned by app_writer (OWNER TO): its GRANTs
-- to app_writer are no-ops, its REVOKE and its grant option are real. drafts states no owner:
-- it is owned by the role that runs the migration (postgres here), so the REVOKE from postgres
-- that a non-owner would need must not take the owner's own privilege away.
-- @before
CREATE TABLE notes (id int PRIMARY KEY, body text);
ALTER TABLE notes OWNER TO app_writer;
GRANT SELECT, INSERT ON notes TO app_writer;
REVOKE TRUNCATE ON notes FROM app_writer;
GRANT SELECT ON notes TO app_reader;
CREATE TABLE drafts (id int PRIMARY KEY, body text);
GRANT SELECT, UPDATE ON drafts TO postgres;
GRANT SELECT, UPDATE ON drafts TO app_reader;
-- @after
CREATE TABLE notes (id int PRIMARY KEY, body text);
ALTER TABLE notes OWNER TO app_writer;
GRANT UPDATE ON notes TO app_writer WITH GRANT OPTION;
REVOKE DELETE ON notes FROM app_writer;
GRANT SELECT ON notes TO app_reader;
CREATE TABLE drafts (id int PRIMARY KEY, body text);
GRANT UPDATE ON drafts TO postgres;
GRANT UPDATE ON drafts TO app_reader;
