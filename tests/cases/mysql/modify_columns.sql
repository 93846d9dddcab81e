-- MODIFY COLUMN keeps the whole definition: type widened, default and NOT NULL changed,
-- comment and charset kept.
-- @before
CREATE TABLE accounts (
    id int NOT NULL PRIMARY KEY,
    balance int NOT NULL DEFAULT 0 COMMENT 'in cents',
    name varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    status varchar(10) DEFAULT 'new',
    note text NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- @after
CREATE TABLE accounts (
    id int NOT NULL PRIMARY KEY,
    balance bigint NOT NULL DEFAULT 0 COMMENT 'in cents',
    name varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    status varchar(10) DEFAULT 'active',
    note text
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
