-- Unique and check constraints added and dropped, a foreign key added with actions.
-- @before
CREATE TABLE customers (
    id integer PRIMARY KEY,
    email text,
    age integer CHECK (age >= 0)
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer,
    total numeric(10,2)
);
-- @after
CREATE TABLE customers (
    id integer PRIMARY KEY,
    email text UNIQUE,
    age integer
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer REFERENCES customers (id) ON DELETE CASCADE,
    total numeric(10,2),
    CONSTRAINT total_positive CHECK (total > 0)
);
