-- Plain, unique, partial, expression and multi-column indexes created, changed and dropped.
-- @before
CREATE TABLE events (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb,
    happened_at timestamptz NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX events_kind_idx ON events (kind);
CREATE INDEX events_old_idx ON events (happened_at);
-- @after
CREATE TABLE events (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb,
    happened_at timestamptz NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX events_kind_idx ON events (kind, happened_at DESC);
CREATE UNIQUE INDEX events_live_kind ON events (id, kind) WHERE NOT deleted;
CREATE INDEX events_lower_kind ON events (lower(kind));
