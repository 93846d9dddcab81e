-- Renames written as statements in AFTER's migration history (RENAME COLUMN, CHANGE, RENAME
-- TABLE, RENAME INDEX): the migration renames, as the history did (the rows follow), never
-- drops the old column or table and adds a new one.
-- @before
CREATE TABLE customers (id int PRIMARY KEY, name varchar(40) NOT NULL, email varchar(80), note text, KEY customers_email (email));
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total decimal(10,2), CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id));
-- @after
CREATE TABLE customers (id int PRIMARY KEY, name varchar(40) NOT NULL, email varchar(80), note text, KEY customers_email (email));
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total decimal(10,2), CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id));
ALTER TABLE customers RENAME COLUMN name TO label;
ALTER TABLE customers CHANGE label full_name varchar(60) NOT NULL;
ALTER TABLE customers CHANGE COLUMN note remark text;
ALTER TABLE customers DROP COLUMN remark;
ALTER TABLE customers RENAME INDEX customers_email TO customers_email_idx;
RENAME TABLE customers TO clients;
ALTER TABLE orders CHANGE total amount decimal(10,2);
