-- A row level security policy that reads a column whose type changes: PostgreSQL refuses the
-- change under it, so it is dropped and created again; the policy on another column stays.
-- @before
CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner_id integer NOT NULL,
    level smallint NOT NULL
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner_id > 0);
CREATE POLICY documents_level ON documents FOR SELECT USING (level < 5);
-- @after
CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner_id bigint NOT NULL,
    level smallint NOT NULL
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner_id > 0);
CREATE POLICY documents_level ON documents FOR SELECT USING (level < 5);
