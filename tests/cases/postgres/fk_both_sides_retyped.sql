-- A foreign key whose column and referenced column both change type (integer to varchar):
-- PostgreSQL re-checks the key after each ALTER COLUMN ... TYPE and refuses the half-changed
-- pair ("foreign key constraint cannot be implemented"), so the key is dropped first and
-- added back after both. A key with one side changing (integer to bigint) stays.
-- @before
CREATE TABLE accounts (code integer PRIMARY KEY, n integer UNIQUE);
CREATE TABLE "account entries" (
    id integer PRIMARY KEY,
    account_code integer REFERENCES accounts,
    account_n integer REFERENCES accounts (n)
);
-- @after
CREATE TABLE accounts (code varchar(20) PRIMARY KEY, n bigint UNIQUE);
CREATE TABLE "account entries" (
    id integer PRIMARY KEY,
    account_code varchar(20) REFERENCES accounts,
    account_n integer REFERENCES accounts (n)
);
