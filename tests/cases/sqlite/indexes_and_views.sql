-- Unique, partial and descending indexes, a changed view.
-- @before
CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, at TEXT, deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX events_kind ON events (kind);
CREATE VIEW live_events AS SELECT id, kind FROM events WHERE deleted = 0;
-- @after
CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, at TEXT, deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX events_kind ON events (kind, at DESC);
CREATE UNIQUE INDEX events_live_id ON events (id) WHERE deleted = 0;
CREATE VIEW live_events AS SELECT id, kind, at FROM events WHERE deleted = 0;
