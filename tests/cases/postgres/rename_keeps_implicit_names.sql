-- A table and a column renamed: the implicit names that follow them (primary key, unique key,
-- foreign key, index, the serial's sequence) are renamed with them, not dropped and rebuilt.
-- @before
CREATE TABLE orgs (id bigint PRIMARY KEY);
CREATE TABLE customers (
    id serial PRIMARY KEY,
    email text UNIQUE,
    org_id bigint REFERENCES orgs
);
CREATE INDEX ON customers (email, id);
-- @after
CREATE TABLE orgs (id bigint PRIMARY KEY);
CREATE TABLE clients ( -- schemashift:renamed-from customers
    id serial PRIMARY KEY,
    mail text UNIQUE, -- schemashift:renamed-from email
    org_id bigint REFERENCES orgs
);
CREATE INDEX ON clients (mail, id);
