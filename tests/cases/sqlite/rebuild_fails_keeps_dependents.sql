-- A rebuild that stops on the rows (SQLite ALTER TABLE cannot add a CHECK: the table is
-- rebuilt, and the copy fails on the seeded rows, which the new CHECK refuses) must leave the
-- database as it was: the trigger on the table and the view over it as well as the rows. The
-- script is one transaction (foreign keys off around it), so the harness requires the catalog
-- it started from; the trigger and view were dropped by a transaction of their own, committed
-- before the rebuild, and made again by one after it.
-- @before
CREATE TABLE acct (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, bal INTEGER NOT NULL DEFAULT 0);
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, acct_id INTEGER, note TEXT);
CREATE TRIGGER acct_upd AFTER UPDATE OF bal ON acct BEGIN INSERT INTO audit (acct_id, note) VALUES (NEW.id, 'bal'); END;
CREATE VIEW rich AS SELECT id, owner FROM acct WHERE bal > 1000;
CREATE TABLE tx (id INTEGER PRIMARY KEY, acct_id INTEGER NOT NULL REFERENCES acct (id) ON DELETE CASCADE, amount INTEGER);
-- @after
CREATE TABLE acct (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, bal INTEGER NOT NULL DEFAULT 0 CHECK (bal > 100));
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, acct_id INTEGER, note TEXT);
CREATE TRIGGER acct_upd AFTER UPDATE OF bal ON acct BEGIN INSERT INTO audit (acct_id, note) VALUES (NEW.id, 'bal'); END;
CREATE VIEW rich AS SELECT id, owner FROM acct WHERE bal > 1000;
CREATE TABLE tx (id INTEGER PRIMARY KEY, acct_id INTEGER NOT NULL REFERENCES acct (id) ON DELETE CASCADE, amount INTEGER);
