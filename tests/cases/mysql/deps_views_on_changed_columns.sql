-- Views over columns that are renamed, dropped or change type: MariaDB/MySQL accept the change
-- and leave the view invalid without an error, so each view is dropped and created again.
-- @before
CREATE TABLE customers (
    id int NOT NULL PRIMARY KEY,
    email varchar(100) NOT NULL,
    phone varchar(20),
    score int
);
CREATE VIEW customer_contacts AS SELECT id, email, phone FROM customers;
CREATE VIEW customer_scores AS SELECT id, score FROM customers;
CREATE VIEW top_scores AS SELECT id, score FROM customer_scores WHERE score > 10;
-- @after
CREATE TABLE customers (
    id int NOT NULL PRIMARY KEY,
    mail varchar(100) NOT NULL, -- schemashift:renamed-from email
    score bigint
);
CREATE VIEW customer_contacts AS SELECT id, mail FROM customers;
CREATE VIEW customer_scores AS SELECT id, score FROM customers;
CREATE VIEW top_scores AS SELECT id, score FROM customer_scores WHERE score > 10;
