-- The index a foreign key needs, handed over (issue 12). InnoDB creates an index for a foreign
-- key that has none, named after the key, and drops it once another index serves the key; it
-- refuses to drop the only index a key can use (ERROR 1553). So: `orders` gets an index of its
-- own for its key (the engine's `orders_customer` index goes), `order_lines` loses its own index (the
-- engine's index named after the key comes back), `notes` gets an unnamed key (`notes_ibfk_1`)
-- declared after an index that serves it. MariaDB manual, FOREIGN KEY: "index_name represents a
-- foreign key ID ... an index is created on the referencing table automatically if it does
-- not exist"; MySQL manual 15.1.20.5 on the index being "silently dropped later".
-- @before
CREATE TABLE customers (id int NOT NULL PRIMARY KEY);
CREATE TABLE orders (
    id int NOT NULL PRIMARY KEY,
    customer_id int,
    CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);
CREATE TABLE order_lines (
    id int NOT NULL PRIMARY KEY,
    order_id int,
    KEY order_lines_by_order (order_id),
    CONSTRAINT order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
);
CREATE TABLE notes (id int NOT NULL PRIMARY KEY, order_id int);
-- @after
CREATE TABLE customers (id int NOT NULL PRIMARY KEY);
CREATE TABLE orders (
    id int NOT NULL PRIMARY KEY,
    customer_id int,
    CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);
CREATE INDEX orders_by_customer ON orders (customer_id, id);
CREATE TABLE order_lines (
    id int NOT NULL PRIMARY KEY,
    order_id int,
    CONSTRAINT order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
);
CREATE TABLE notes (id int NOT NULL PRIMARY KEY, order_id int, KEY notes_order (order_id));
ALTER TABLE notes ADD FOREIGN KEY (order_id) REFERENCES orders (id);
