-- A column added and a column dropped, both ways.
-- @before
CREATE TABLE users (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email varchar(255) NOT NULL,
    legacy_flag tinyint(1)
);
-- @after
CREATE TABLE users (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email varchar(255) NOT NULL,
    display_name varchar(100) DEFAULT 'anonymous'
);
