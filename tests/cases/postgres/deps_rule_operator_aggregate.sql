-- A rule over a column whose type changes (refused under it like a view), and an operator and
-- an aggregate using a function whose signature changes (the old one is dropped): each is
-- dropped before and created again after.
-- @before
CREATE TABLE docs (id integer PRIMARY KEY, n integer NOT NULL);
CREATE TABLE doc_log (n integer);
CREATE RULE docs_log AS ON UPDATE TO public.docs WHERE (new.n < 0) DO INSTEAD NOTHING;
CREATE FUNCTION add_em(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT $1 + $2$$;
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = add_em);
CREATE AGGREGATE sum_em(integer) (SFUNC = add_em, STYPE = integer, INITCOND = '0');
-- @after
CREATE TABLE docs (id integer PRIMARY KEY, n bigint NOT NULL);
CREATE TABLE doc_log (n integer);
CREATE RULE docs_log AS ON UPDATE TO public.docs WHERE (new.n < 0) DO INSTEAD NOTHING;
CREATE FUNCTION add_em(bigint, integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$SELECT $1 + $2$$;
CREATE OPERATOR === (LEFTARG = bigint, RIGHTARG = integer, FUNCTION = add_em);
CREATE AGGREGATE sum_em(integer) (SFUNC = add_em, STYPE = bigint, INITCOND = '0');
