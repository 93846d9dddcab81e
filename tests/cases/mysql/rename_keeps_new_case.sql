-- A column renamed by a hint to a name in mixed case: MySQL keeps a column's case as written,
-- so the rename writes AFTER's spelling, and nothing is restated after it (a `MODIFY ... AFTER`
-- of the renamed column repeated its definition and position: a table copy on some versions).
-- @before
CREATE TABLE accounts (id int PRIMARY KEY, Old_Name varchar(40), note text);
-- @after
CREATE TABLE accounts (
  id int PRIMARY KEY,
  DisplayName varchar(40), -- schemashift:renamed-from Old_Name
  note text
);
