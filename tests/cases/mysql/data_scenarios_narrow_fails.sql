-- A narrowing the seeded rows do not fit (MariaDB manual, SQL_MODE: strict mode makes an
-- ALTER TABLE that would truncate fail): up stops at it with every row intact, as the plan's
-- critical note says; the statement before it (a new column) is left applied.
-- @before
CREATE TABLE words (id int NOT NULL PRIMARY KEY, word varchar(40) NOT NULL);
-- @after
CREATE TABLE words (id int NOT NULL PRIMARY KEY, word varchar(1) NOT NULL, added int);
