-- A MariaDB sequence renamed by a hint: RENAME TABLE both ways (the sequence keeps its value),
-- what else changed following as ALTER SEQUENCE; never DROP + CREATE SEQUENCE. (A column default
-- calling nextval is in `sequence-renames/hint/plain`: mariadb-dump qualifies its name with the
-- database, which the dump check here would read as another default.)
-- @before
CREATE SEQUENCE order_numbers START WITH 1000;
CREATE TABLE orders (id bigint PRIMARY KEY, num bigint);
-- @after
-- schemashift:renamed-from order_numbers
CREATE SEQUENCE order_numbrs START WITH 1000 INCREMENT BY 2;
CREATE TABLE orders (id bigint PRIMARY KEY, num bigint);
