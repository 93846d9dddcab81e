-- SQLite compares names without their ASCII case but keeps them as declared: `SELECT *` and
-- `PRAGMA table_info` show `UserName`, and applications read rows by those keys. A table
-- created, a column added and a table rebuilt (a NOT NULL and a CHECK added) must declare
-- their columns (and name the table) as AFTER writes them, not lower-cased; the catalog
-- compares the columns' spelling (a table's spelling changed alone cannot be migrated: SQLite
-- refuses a RENAME TO a name differing only in case).
-- @before
CREATE TABLE Users (Id INTEGER PRIMARY KEY, UserName TEXT, "Qu""Ote" TEXT, eMail TEXT);
CREATE TABLE Notes (NoteId INTEGER PRIMARY KEY, Body TEXT);
-- @after
CREATE TABLE Users (Id INTEGER PRIMARY KEY, UserName TEXT NOT NULL DEFAULT '', "Qu""Ote" TEXT, eMail TEXT CHECK (eMail <> ''), LastSeen TEXT);
CREATE TABLE Notes (NoteId INTEGER PRIMARY KEY, Body TEXT, CreatedAt TEXT);
CREATE TABLE "Audit Log" (EntryId INTEGER PRIMARY KEY, "What Happened" TEXT NOT NULL);
