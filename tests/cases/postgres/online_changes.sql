-- Changes that --zero-downtime rewrites into their online forms (concurrent indexes, NOT VALID +
-- VALIDATE, SET NOT NULL through a validated CHECK, UNIQUE USING INDEX, a volatile default
-- backfilled in batches, expand/contract for a type change and a rename of indexed columns), on
-- seeded rows.
-- @before
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    code text,
    qty integer,
    note text,
    status text
);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_qty_idx ON orders (qty);
CREATE INDEX orders_note_idx ON orders (note) INCLUDE (status);
-- @after
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    code text NOT NULL,
    qty bigint,
    remark text, -- schemashift:renamed-from note
    status text,
    token uuid NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT orders_code_key UNIQUE (code),
    CONSTRAINT orders_id_positive CHECK (id > 0)
);
CREATE INDEX orders_code_status_idx ON orders (code, status);
CREATE INDEX orders_qty_idx ON orders (qty);
CREATE INDEX orders_note_idx ON orders (remark) INCLUDE (status);
