CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    status text,
    total numeric(12,2) NOT NULL,
    note text
);
