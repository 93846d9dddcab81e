-- SQLite keeps an index's and a view's name as declared (`PRAGMA index_list`, sqlite_master's
-- `name`); they were written lower-cased (`ix_users_email`, `v_active`). An index created, one
-- made again over more columns, one rebuilt with its table, a view made again and one respelled
-- alone keep AFTER's spelling; the catalog compares those names exactly.
-- @before
CREATE TABLE Users (Id INTEGER PRIMARY KEY, Email TEXT, Active INTEGER);
CREATE INDEX IX_Users_Email ON Users (Email);
CREATE VIEW V_Active AS SELECT Id, Email FROM Users WHERE Active = 1;
CREATE VIEW V_All AS SELECT Id FROM Users;
CREATE TABLE Orders (OrderId INTEGER PRIMARY KEY, UserId INTEGER, Total INTEGER);
CREATE INDEX "IX Orders User" ON Orders (UserId);
-- @after
CREATE TABLE Users (Id INTEGER PRIMARY KEY, Email TEXT, Active INTEGER, Name TEXT);
CREATE INDEX IX_Users_Email ON Users (Email, Name);
CREATE INDEX IX_Users_Name ON Users (Name);
CREATE VIEW V_Active AS SELECT Id, Email, Name FROM Users WHERE Active = 1;
CREATE VIEW v_all AS SELECT Id FROM Users;
CREATE TABLE Orders (OrderId INTEGER PRIMARY KEY, UserId INTEGER NOT NULL DEFAULT 0, Total INTEGER CHECK (Total >= 0));
CREATE INDEX "IX Orders User" ON Orders (UserId);
