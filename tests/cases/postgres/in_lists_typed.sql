-- IN lists on columns that are not text (PostgreSQL 15: the parser types an IN list's literals
-- from the column and stores `x = ANY (ARRAY['a'::T, ...])`; an uncast ARRAY['a', 'b'] is
-- text[], which has no operator against a date or an enum, and compares a citext as text):
-- the migration's checks and partial index run and mean what AFTER says, and the dump of
-- each side parses to the same model as its DDL. A column of a domain is compared as the
-- domain's base type (`(starts)::date = ANY (ARRAY['2024-01-01'::date, ...])`). A written
-- `= ANY (ARRAY['x', 'y'])` is an array of text: on a citext column, compared as text.
-- @before
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE status AS ENUM ('new', 'open', 'closed');
CREATE DOMAIN day AS date;
CREATE DOMAIN label AS text;
CREATE TABLE holidays (
    d date CHECK (d IN ('2024-12-25', '2025-12-25'))
);
CREATE TABLE tickets (
    id integer PRIMARY KEY,
    st status,
    role citext,
    nick citext,
    due date,
    starts day,
    tag label
);
-- @after
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE status AS ENUM ('new', 'open', 'closed');
CREATE DOMAIN day AS date;
CREATE DOMAIN label AS text;
CREATE TABLE holidays (
    d date CHECK (d IN ('2024-12-25', '2025-12-25')),
    note text
);
CREATE TABLE tickets (
    id integer PRIMARY KEY,
    st status CHECK (st IN ('new', 'open', 'closed')),
    role citext CHECK (role IN ('admin', 'user')),
    nick citext CHECK (nick = ANY (ARRAY['x', 'y'])),
    due date CHECK (due NOT IN ('2024-12-25', '2025-12-25')),
    starts day CHECK (starts IN ('2024-01-01', '2024-01-02')),
    tag label CHECK (tag IN ('x', 'y'))
);
CREATE DOMAIN holiday AS date CHECK (VALUE IN ('2024-12-25', '2025-12-25'));
CREATE INDEX tickets_live ON tickets (id) WHERE st NOT IN ('closed', 'new');
