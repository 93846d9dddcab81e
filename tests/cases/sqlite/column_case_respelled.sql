-- A column written in another case only (`[Important Data]` -> `"important data"`, a keyword
-- `[SELECT]` -> `"select"`) is the same column to SQLite, which matches names whatever their
-- case but returns them as declared (`SELECT *`, `PRAGMA table_info`): it is renamed to its new
-- spelling in place (`ALTER TABLE ... RENAME COLUMN`, SQLite 3.25+), rows untouched. A column
-- renamed by a hint is written once, in AFTER's case (it was written lower-cased, then renamed
-- again to fix the case).
-- @before
CREATE TABLE [bigdata] (
  [Important Data] integer,
  [SELECT] text,
  Old_Name text
);
-- @after
CREATE TABLE "bigdata" (
  "important data" integer,
  "select" text,
  NewName text -- schemashift:renamed-from Old_Name
);
