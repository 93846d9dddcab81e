-- Kitchen sink (issue 12), every SQLite object kind changed in turn: STRICT and WITHOUT ROWID
-- tables, generated columns (VIRTUAL, STORED), CHECK, COLLATE, partial and expression indexes,
-- a view (column names as written), triggers (a body changed only in case: kept byte for byte;
-- one with WHEN dropped), virtual tables (FTS5 with its shadow tables, R*Tree) kept whole and
-- re-created. Written from the SQLite documentation (CREATE TABLE, STRICT Tables, WITHOUT ROWID,
-- Generated Columns, CREATE TRIGGER, FTS5, The R*Tree Module).
-- @before
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
    domain TEXT GENERATED ALWAYS AS (substr(email, instr(email, '@') + 1)) VIRTUAL,
    balance_band INTEGER AS (balance / 100) STORED
) STRICT;
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value ANY
) WITHOUT ROWID, STRICT;
CREATE TABLE ledger (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    amount INTEGER NOT NULL,
    note TEXT
);
CREATE INDEX ledger_account ON ledger (account_id, amount DESC);
CREATE INDEX ledger_big ON ledger (amount) WHERE amount > 1000;
CREATE INDEX accounts_lower_email ON accounts (lower(email));
CREATE VIEW rich_accounts AS SELECT id, email AS "Login", balance FROM accounts WHERE balance > 1000;
CREATE TRIGGER ledger_ai AFTER INSERT ON ledger
BEGIN
    UPDATE accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
END;
CREATE TRIGGER ledger_note BEFORE INSERT ON ledger WHEN NEW.note IS NULL
BEGIN
    SELECT RAISE(ABORT, 'A note is required');
END;
CREATE VIRTUAL TABLE notes_fts USING fts5(note, content='ledger', content_rowid='id');
CREATE VIRTUAL TABLE places USING rtree(id, min_x, max_x, min_y, max_y);
-- @after
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
    domain TEXT GENERATED ALWAYS AS (substr(email, instr(email, '@') + 1)) VIRTUAL,
    balance_band INTEGER AS (balance / 50) STORED,
    opened TEXT
) STRICT;
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;
CREATE TABLE ledger (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    amount INTEGER NOT NULL,
    note TEXT
);
CREATE INDEX ledger_account ON ledger (account_id, amount DESC);
CREATE INDEX ledger_big ON ledger (amount) WHERE amount > 5000;
CREATE INDEX accounts_lower_email ON accounts (lower(email));
CREATE VIEW rich_accounts AS SELECT id, email AS "LoginName", balance FROM accounts WHERE balance > 5000;
CREATE TRIGGER ledger_ai AFTER INSERT ON ledger
BEGIN
    update accounts set balance = balance + new.amount where id = new.account_id;
END;
CREATE VIRTUAL TABLE notes_fts USING fts5(note, content='ledger', content_rowid='id', tokenize='porter');
CREATE VIRTUAL TABLE places USING rtree(id, min_x, max_x);
