-- A partition is added to a table whose DEFAULT partition holds rows the new bound covers
-- (PostgreSQL docs, CREATE TABLE ... PARTITION OF: "If a DEFAULT partition exists, a new
-- partition cannot be created if there are any rows in the default partition that would
-- otherwise fit in the new partition"): the default partition is detached, the new one
-- created, and the default's rows routed again through the parent. Down detaches the new
-- partition and puts its rows back through the parent (into the default) before dropping it.
-- @before
CREATE TABLE events (
    happened date NOT NULL,
    kind text
) PARTITION BY RANGE (happened);
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE INDEX events_kind_idx ON events (kind);
-- @after
CREATE TABLE events (
    happened date NOT NULL,
    kind text
) PARTITION BY RANGE (happened);
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE INDEX events_kind_idx ON events (kind);
