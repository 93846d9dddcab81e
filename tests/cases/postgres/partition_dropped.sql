-- A partition dropped with no DEFAULT partition to take its rows: they leave the parent too.
-- The plan says so (any-drop-table, critical, naming the parent); the harness accepts rows
-- missing from a table whose loss the plan declares.
-- @before
CREATE TABLE events (
    id bigint NOT NULL,
    happened date NOT NULL,
    payload text
) PARTITION BY RANGE (happened);
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM ('2000-01-01') TO ('2020-01-01');
CREATE TABLE events_new PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2100-01-01');
-- @after
CREATE TABLE events (
    id bigint NOT NULL,
    happened date NOT NULL,
    payload text
) PARTITION BY RANGE (happened);
CREATE TABLE events_new PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2100-01-01');
