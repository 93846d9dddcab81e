-- A view's column names are its select list's aliases as written (MariaDB manual, CREATE VIEW:
-- the column names come from the select list): an alias whose case changes is a changed view,
-- re-created with its new column names.
-- @before
CREATE TABLE orders (id int NOT NULL PRIMARY KEY, amount int NOT NULL);
CREATE VIEW order_totals AS SELECT id AS OrderId, amount AS Total FROM orders;
-- @after
CREATE TABLE orders (id int NOT NULL PRIMARY KEY, amount int NOT NULL);
CREATE VIEW order_totals AS SELECT id AS orderId, amount AS Total FROM orders;
