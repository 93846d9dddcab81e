-- A table rebuilt by the 12-step procedure (a column's type changes) under a view, a view over
-- that view and a trigger of another table that writes into it: they are dropped before and
-- created again after the rebuild.
-- @before
CREATE TABLE payments (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, memo TEXT);
CREATE TABLE audit (id INTEGER PRIMARY KEY, payment_id INTEGER, at TEXT);
CREATE VIEW big_payments AS SELECT id, amount FROM payments WHERE amount > 100;
CREATE VIEW big_payment_count AS SELECT count(*) AS n FROM big_payments;
CREATE TRIGGER audit_payment AFTER INSERT ON audit BEGIN UPDATE payments SET memo = 'audited' WHERE id = NEW.payment_id; END;
CREATE TRIGGER payments_memo AFTER UPDATE OF amount ON payments BEGIN INSERT INTO audit (payment_id) VALUES (NEW.id); END;
-- @after
CREATE TABLE payments (id INTEGER PRIMARY KEY, amount REAL NOT NULL, memo TEXT);
CREATE TABLE audit (id INTEGER PRIMARY KEY, payment_id INTEGER, at TEXT);
CREATE VIEW big_payments AS SELECT id, amount FROM payments WHERE amount > 100;
CREATE VIEW big_payment_count AS SELECT count(*) AS n FROM big_payments;
CREATE TRIGGER audit_payment AFTER INSERT ON audit BEGIN UPDATE payments SET memo = 'audited' WHERE id = NEW.payment_id; END;
CREATE TRIGGER payments_memo AFTER UPDATE OF amount ON payments BEGIN INSERT INTO audit (payment_id) VALUES (NEW.id); END;
