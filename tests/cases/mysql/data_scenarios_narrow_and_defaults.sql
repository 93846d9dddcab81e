-- Scenarios with rows (MariaDB manual, ALTER TABLE / Data Types): a varchar narrowed, an int
-- narrowed to smallint, a nullable column made NOT NULL with a default, a column renamed by hint
-- with an index on it, a charset changed on a text column, a stored generated column added.
-- @before
CREATE TABLE items (
  id int NOT NULL PRIMARY KEY,
  code varchar(40),
  qty int,
  note varchar(20),
  label varchar(30) CHARACTER SET utf8mb4,
  price decimal(10,2) NOT NULL DEFAULT 0,
  KEY items_note (note)
);
-- @after
CREATE TABLE items (
  id int NOT NULL PRIMARY KEY,
  code varchar(20),
  qty smallint,
  remark varchar(20) NOT NULL DEFAULT '', -- schemashift:renamed-from note
  label varchar(30) CHARACTER SET latin1,
  price decimal(10,2) NOT NULL DEFAULT 0,
  price_x2 decimal(12,2) GENERATED ALWAYS AS (price * 2) STORED,
  KEY items_note (remark)
);
