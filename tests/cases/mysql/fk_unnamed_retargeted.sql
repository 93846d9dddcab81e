-- An unnamed foreign key whose reference changes: the engine names it `<table>_ibfk_1` and its
-- index after the column (MariaDB manual, FOREIGN KEY: "If no index_name is given, ... the
-- index name is based on the column"); added back without a name, the engine gives both the
-- same names again.
-- @before
CREATE TABLE users (id int NOT NULL PRIMARY KEY);
CREATE TABLE admins (id int NOT NULL PRIMARY KEY);
CREATE TABLE posts (
    id int NOT NULL PRIMARY KEY,
    author_id int,
    FOREIGN KEY (author_id) REFERENCES users (id)
);
-- @after
CREATE TABLE users (id int NOT NULL PRIMARY KEY);
CREATE TABLE admins (id int NOT NULL PRIMARY KEY);
CREATE TABLE posts (
    id int NOT NULL PRIMARY KEY,
    author_id int,
    FOREIGN KEY (author_id) REFERENCES admins (id) ON DELETE CASCADE
);
