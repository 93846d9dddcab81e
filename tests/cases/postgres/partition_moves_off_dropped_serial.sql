-- A partition moves to a new parent while its old parent is dropped. The partition's column
-- keeps the old parent's `serial` default (nextval of a sequence the old parent owns), and AFTER
-- has no default there. PostgreSQL refuses DROP TABLE of the old parent while that default
-- depends on its sequence, so the default is dropped first.
-- @before
CREATE TABLE foobar (id int, bar serial NOT NULL, foo text NOT NULL) PARTITION BY LIST (foo);
CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('a', 'b');
CREATE TABLE other (id serial PRIMARY KEY, n int);
CREATE TABLE keeper (id int NOT NULL DEFAULT nextval('other_id_seq'), note text);
-- @after
CREATE TABLE new_foobar (id int, bar int NOT NULL, foo text NOT NULL) PARTITION BY LIST (foo);
CREATE TABLE foobar_1 PARTITION OF new_foobar FOR VALUES IN ('a', 'b');
CREATE TABLE keeper (id int NOT NULL, note text);
