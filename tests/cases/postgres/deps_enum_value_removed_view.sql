-- An enum value removed under a view, a check comparing with a constant of the type and a
-- routine taking the type: the enum is rebuilt, they are dropped before and created again after.
-- @before
CREATE TYPE ticket_state AS ENUM ('open', 'waiting', 'closed');
CREATE TABLE tickets (
    id integer PRIMARY KEY,
    state ticket_state NOT NULL DEFAULT 'open',
    CONSTRAINT tickets_state_known CHECK (state <> 'closed'::ticket_state)
);
CREATE VIEW open_tickets AS SELECT id, state FROM tickets WHERE state = 'open'::ticket_state;
CREATE FUNCTION is_closed(s ticket_state) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'closed' $$;
-- @after
CREATE TYPE ticket_state AS ENUM ('open', 'closed');
CREATE TABLE tickets (
    id integer PRIMARY KEY,
    state ticket_state NOT NULL DEFAULT 'open',
    CONSTRAINT tickets_state_known CHECK (state <> 'closed'::ticket_state)
);
CREATE VIEW open_tickets AS SELECT id, state FROM tickets WHERE state = 'open'::ticket_state;
CREATE FUNCTION is_closed(s ticket_state) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'closed' $$;
