-- A history adds a column, fills it from another with UPDATE and drops the old one: up runs the
-- UPDATE between the ADD and the DROP (the values kept, converted).
-- @before
CREATE TABLE orders (id int PRIMARY KEY, amount decimal(10,2), note text);
-- @after
CREATE TABLE orders (id int PRIMARY KEY, amount decimal(10,2), note text);
ALTER TABLE orders ADD COLUMN cents bigint;
UPDATE orders SET cents = ROUND(amount * 100);
ALTER TABLE orders DROP COLUMN amount;
