-- MariaDB column compression (MariaDB manual, Storage Engine Independent Column Compression:
-- `COMPRESSED[=zlib]` on BLOB, TEXT, VARCHAR and VARBINARY columns): added to and removed from a
-- column with its rows kept, both ways, and on a new column.
-- @before
CREATE TABLE docs (
    id int NOT NULL PRIMARY KEY,
    body text COMPRESSED CHARACTER SET utf8mb4,
    summary varchar(200)
);
-- @after
CREATE TABLE docs (
    id int NOT NULL PRIMARY KEY,
    body text CHARACTER SET utf8mb4,
    summary varchar(200) COMPRESSED=zlib,
    raw blob COMPRESSED
);
