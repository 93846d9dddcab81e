-- A new table the application role must read gets its grant in up; a dropped table's grants go with it.
-- @before
CREATE TABLE old_notes (id integer PRIMARY KEY, note text);
GRANT SELECT, UPDATE ON old_notes TO app_reader;
GRANT SELECT (note) ON old_notes TO app_writer;
-- @after
CREATE TABLE notes (id integer PRIMARY KEY, note text);
GRANT SELECT ON notes TO app_reader;
GRANT INSERT (note) ON notes TO app_writer;
