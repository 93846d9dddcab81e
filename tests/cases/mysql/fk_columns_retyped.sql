-- A key widened with the foreign key that references it (int -> bigint on both sides): MariaDB
-- refuses to change the type of a column a foreign key uses ("Cannot change column 'pid': used
-- in a foreign key constraint"), so up failed on its first statement. The key is dropped before
-- the columns change and added back after them, the rows kept both ways.
-- @before
CREATE TABLE p (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(20));
CREATE TABLE c (id int NOT NULL PRIMARY KEY, pid int, note varchar(10), CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE);
CREATE TABLE d (id int NOT NULL PRIMARY KEY, code varchar(10) CHARACTER SET utf8mb4 NOT NULL UNIQUE);
CREATE TABLE e (id int NOT NULL PRIMARY KEY, code varchar(10) CHARACTER SET utf8mb4, FOREIGN KEY (code) REFERENCES d (code));
-- @after
CREATE TABLE p (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(20));
CREATE TABLE c (id int NOT NULL PRIMARY KEY, pid bigint, note varchar(10), CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE);
CREATE TABLE d (id int NOT NULL PRIMARY KEY, code varchar(20) CHARACTER SET utf8mb4 NOT NULL UNIQUE);
CREATE TABLE e (id int NOT NULL PRIMARY KEY, code varchar(20) CHARACTER SET utf8mb4, FOREIGN KEY (code) REFERENCES d (code));
