-- CHECK constraints MariaDB names itself: an unnamed table CHECK is `CONSTRAINT_1`, a
-- column-level CHECK is kept in its column's definition under the column's name (MariaDB
-- manual, CONSTRAINT: "If no constraint name is given, MariaDB generates one").
-- @before
CREATE TABLE users (
    id int NOT NULL PRIMARY KEY,
    email varchar(120) NOT NULL,
    score int NOT NULL DEFAULT 0
);
-- @after
CREATE TABLE users (
    id int NOT NULL PRIMARY KEY,
    email varchar(120) NOT NULL,
    score int NOT NULL DEFAULT 0 CHECK (score >= 0),
    CHECK (email LIKE '%@%')
);
