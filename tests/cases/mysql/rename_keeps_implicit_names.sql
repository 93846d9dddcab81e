-- A table and a column renamed: the keys named after the column (`email`, `email_2`) are renamed
-- with it (RENAME INDEX), not dropped and rebuilt.
-- @before
CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE customers (
    id int AUTO_INCREMENT PRIMARY KEY,
    email varchar(100) UNIQUE,
    org_id int,
    KEY (email, id),
    FOREIGN KEY (org_id) REFERENCES orgs (id)
);
-- @after
CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE clients ( -- schemashift:renamed-from customers
    id int AUTO_INCREMENT PRIMARY KEY,
    mail varchar(100) UNIQUE, -- schemashift:renamed-from email
    org_id int,
    KEY (mail, id),
    FOREIGN KEY (org_id) REFERENCES orgs (id)
);
