-- A history adds a column, fills it from another with UPDATE and drops the old one: up runs the
-- UPDATE between the ADD and the DROP (the values kept, converted); down re-adds the old column
-- (its values are not restored: the drop's note says so).
-- @before
CREATE TABLE orders (id int PRIMARY KEY, amount numeric(10,2), note text);
-- @after
CREATE TABLE orders (id int PRIMARY KEY, amount numeric(10,2), note text);
ALTER TABLE orders ADD COLUMN cents bigint;
UPDATE orders SET cents = round(amount * 100);
ALTER TABLE orders DROP COLUMN amount;
