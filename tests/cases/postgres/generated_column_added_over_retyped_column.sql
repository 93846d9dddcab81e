-- A stored generated column added in the migration that reads a column whose type changes in
-- it: PostgreSQL refuses to change the type of a column a generated column uses ("cannot alter
-- type of a column used by a generated column"), so the type changes first and the generated
-- column is added after it. A column whose type does not change keeps its place.
-- @before
CREATE TABLE orders (
    id integer PRIMARY KEY,
    total numeric(10,2) NOT NULL,
    qty integer NOT NULL
);
-- @after
CREATE TABLE orders (
    id integer PRIMARY KEY,
    total numeric(12,2) NOT NULL,
    qty integer NOT NULL,
    total_abs numeric GENERATED ALWAYS AS (abs(total)) STORED,
    double_qty integer GENERATED ALWAYS AS (qty * 2) STORED
);
