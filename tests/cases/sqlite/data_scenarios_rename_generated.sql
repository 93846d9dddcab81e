-- Scenarios with rows: a column renamed by hint under an index and a view, a generated column
-- added (VIRTUAL, by ALTER TABLE ADD COLUMN), a CHECK added (rebuild), a column dropped.
-- @before
CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, gone TEXT);
CREATE INDEX t_a ON t (a);
CREATE VIEW t_view AS SELECT id, a FROM t;
-- @after
CREATE TABLE t (
  id INTEGER PRIMARY KEY,
  aa TEXT, -- schemashift:renamed-from a
  b INTEGER CHECK (b IS NULL OR b > -1000000000),
  b2 INTEGER GENERATED ALWAYS AS (b * 2) VIRTUAL
);
CREATE INDEX t_a ON t (aa);
CREATE VIEW t_view AS SELECT id, aa AS a FROM t;
