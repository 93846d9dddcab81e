-- Indexes (prefix, unique, multi-column, fulltext) and a foreign key with actions.
-- @before
CREATE TABLE customers (id int NOT NULL PRIMARY KEY, email varchar(200), bio text);
CREATE TABLE orders (
    id int NOT NULL PRIMARY KEY,
    customer_id int,
    placed_at datetime,
    KEY orders_placed (placed_at)
);
-- @after
CREATE TABLE customers (
    id int NOT NULL PRIMARY KEY,
    email varchar(200),
    bio text,
    UNIQUE KEY customers_email (email),
    KEY customers_email_prefix (email(10)),
    FULLTEXT KEY customers_bio (bio)
);
CREATE TABLE orders (
    id int NOT NULL PRIMARY KEY,
    customer_id int,
    placed_at datetime,
    KEY orders_placed (customer_id, placed_at),
    CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE ON UPDATE RESTRICT
);
