-- A history renames enum labels (one twice): the migration renames them (rows holding the label
-- and a default of it follow), never rebuilds the type, and down renames them back.
-- @before
CREATE TYPE ticket_status AS ENUM ('new', 'doing', 'done');
CREATE TABLE tickets (id int PRIMARY KEY, status ticket_status NOT NULL DEFAULT 'new');
-- @after
CREATE TYPE ticket_status AS ENUM ('new', 'doing', 'done');
CREATE TABLE tickets (id int PRIMARY KEY, status ticket_status NOT NULL DEFAULT 'new');
ALTER TYPE ticket_status RENAME VALUE 'new' TO 'fresh';
ALTER TYPE ticket_status RENAME VALUE 'fresh' TO 'open';
ALTER TYPE ticket_status RENAME VALUE 'done' TO 'closed';
ALTER TYPE ticket_status ADD VALUE 'archived';
