-- A column that becomes generated, or whose generation expression changes (PostgreSQL 15 has
-- no ALTER COLUMN ... SET EXPRESSION), is dropped and added again. DROP COLUMN also drops the
-- indexes and constraints that use the column (PostgreSQL 15 ALTER TABLE: "Indexes and table
-- constraints involving the column will be automatically dropped as well"): the ones AFTER
-- keeps unchanged must be made again, or up leaves the table without them, silently.
-- @before
CREATE TABLE line_items (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price integer NOT NULL,
    total integer,
    label text GENERATED ALWAYS AS ('x' || qty) STORED,
    CONSTRAINT total_not_negative CHECK (total >= 0),
    CONSTRAINT label_unique UNIQUE (label, id)
);
CREATE INDEX line_items_total ON line_items (total);
CREATE INDEX line_items_big ON line_items (id) WHERE total > 100;
CREATE INDEX line_items_label ON line_items (lower(label));
-- @after
CREATE TABLE line_items (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price integer NOT NULL,
    total integer GENERATED ALWAYS AS (qty * price) STORED,
    label text GENERATED ALWAYS AS ('item ' || id) STORED,
    CONSTRAINT total_not_negative CHECK (total >= 0),
    CONSTRAINT label_unique UNIQUE (label, id)
);
CREATE INDEX line_items_total ON line_items (total);
CREATE INDEX line_items_big ON line_items (id) WHERE total > 100;
CREATE INDEX line_items_label ON line_items (lower(label));
