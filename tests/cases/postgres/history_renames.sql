-- Renames written as statements in AFTER's migration history: the migration renames, as the
-- history did (the rows follow), never drops the old column or table and adds a new one.
-- A chain (name -> label -> title) is one rename; a column renamed and then dropped is dropped.
-- @before
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text, note text);
CREATE INDEX customers_email ON customers (email);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric(10,2));
CREATE TABLE events (id bigint, kind text, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- @after
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text, note text);
CREATE INDEX customers_email ON customers (email);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric(10,2));
CREATE TABLE events (id bigint, kind text, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE customers RENAME COLUMN name TO label;
ALTER TABLE customers RENAME COLUMN label TO full_name;
ALTER TABLE customers RENAME COLUMN note TO remark;
ALTER TABLE customers DROP COLUMN remark;
ALTER INDEX customers_email RENAME TO customers_email_idx;
ALTER TABLE customers RENAME TO clients;
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
ALTER TABLE orders RENAME COLUMN total TO amount;
ALTER TABLE events RENAME COLUMN kind TO category;
