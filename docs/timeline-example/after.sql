CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
CREATE UNIQUE INDEX customers_email_key ON customers (email);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    status text NOT NULL DEFAULT 'new',
    total numeric(12,2) NOT NULL,
    placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
