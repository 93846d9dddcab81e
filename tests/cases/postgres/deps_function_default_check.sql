-- A function whose argument type changes (a new overload; the old one is dropped) is used by a
-- default, a check, an expression index and a view (AFTER spells the casts to the new argument
-- type as PostgreSQL stores them): they are dropped before the old function
-- goes and created again after, bound to the new one.
-- @before
CREATE FUNCTION clamp_score(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(0, least(x, 100)) $$;
CREATE TABLE scores (
    id integer PRIMARY KEY,
    raw integer NOT NULL,
    start integer DEFAULT clamp_score(50),
    CONSTRAINT scores_raw_ok CHECK (clamp_score(raw) >= 0)
);
CREATE INDEX scores_clamped ON scores (clamp_score(raw));
CREATE VIEW clamped_scores AS SELECT id, clamp_score(raw) AS score FROM scores;
-- @after
CREATE FUNCTION clamp_score(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(0, least(x, 100)) $$;
CREATE TABLE scores (
    id integer PRIMARY KEY,
    raw integer NOT NULL,
    start integer DEFAULT clamp_score(50::bigint),
    CONSTRAINT scores_raw_ok CHECK (clamp_score(raw::bigint) >= 0)
);
CREATE INDEX scores_clamped ON scores (clamp_score(raw::bigint));
CREATE VIEW clamped_scores AS SELECT id, clamp_score(raw::bigint) AS score FROM scores;
