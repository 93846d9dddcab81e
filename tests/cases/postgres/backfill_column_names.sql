-- Columns named like the variables of the zero-downtime backfill's DO block (n, done,
-- last_key, batch_end) change type: PL/pgSQL refuses a name that is both a variable and a
-- column, so the block's variables must not take such names (with --zero-downtime).
-- @before
CREATE TABLE counters (
    id integer PRIMARY KEY,
    n integer,
    done integer,
    last_key integer,
    batch_end integer
);
CREATE TABLE tallies (
    n integer,
    done smallint
);
-- @after
CREATE TABLE counters (
    id integer PRIMARY KEY,
    n bigint,
    done bigint,
    last_key bigint,
    batch_end bigint
);
CREATE TABLE tallies (
    n bigint,
    done integer
);
