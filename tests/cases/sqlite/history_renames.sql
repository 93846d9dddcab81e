-- Renames written as statements in AFTER's migration history: the migration renames, as the
-- history did (the rows follow), never drops the old column or table and adds a new one.
-- @before
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text, note text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id), total real);
-- @after
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text, note text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id), total real);
ALTER TABLE customers RENAME COLUMN name TO label;
ALTER TABLE customers RENAME COLUMN label TO full_name;
ALTER TABLE customers RENAME note TO remark;
ALTER TABLE customers DROP COLUMN remark;
ALTER TABLE customers RENAME TO clients;
ALTER TABLE orders RENAME COLUMN total TO amount;
