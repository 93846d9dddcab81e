-- Materialized view columns with their own statistics target and storage (ALTER MATERIALIZED
-- VIEW ... ALTER [COLUMN] ... SET STATISTICS / SET STORAGE, and ALTER TABLE on the view as
-- pg_dump writes it, PostgreSQL 15 reference), changed, removed and given to a new view.
-- @before
CREATE TABLE products (id integer PRIMARY KEY, title varchar(50) NOT NULL, price numeric(12,2) NOT NULL);
CREATE MATERIALIZED VIEW cheap AS SELECT id, title, price FROM products WHERE price < 10;
ALTER MATERIALIZED VIEW cheap ALTER COLUMN id SET STATISTICS 80;
ALTER MATERIALIZED VIEW cheap ALTER COLUMN price SET STATISTICS 21;
ALTER MATERIALIZED VIEW cheap ALTER COLUMN title SET STORAGE EXTERNAL;
-- @after
CREATE TABLE products (id integer PRIMARY KEY, title varchar(50) NOT NULL, price numeric(12,2) NOT NULL);
CREATE MATERIALIZED VIEW cheap AS SELECT id, title, price FROM products WHERE price < 10;
ALTER MATERIALIZED VIEW cheap ALTER COLUMN price SET STATISTICS 35;
CREATE MATERIALIZED VIEW titles AS SELECT id, title FROM products;
ALTER TABLE titles ALTER COLUMN title SET STORAGE EXTERNAL;
ALTER MATERIALIZED VIEW titles ALTER COLUMN title SET (n_distinct = 100);
