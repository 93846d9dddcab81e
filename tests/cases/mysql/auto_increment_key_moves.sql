-- The AUTO_INCREMENT column leaves the front of the primary key (`PRIMARY KEY (id)` becomes
-- `(tenant_id, id)` with a plain `KEY (id)`): the engine wants the column to lead some key at
-- every moment ("there can be only one auto column and it must be defined as a key"), so the
-- new index comes in the statement that replaces the primary key. Down puts the key back first,
-- then drops the index.
-- @before
CREATE TABLE invoices (
    id int NOT NULL AUTO_INCREMENT,
    tenant_id int NOT NULL,
    total decimal(12,2) NOT NULL,
    PRIMARY KEY (id)
);
-- @after
CREATE TABLE invoices (
    id int NOT NULL AUTO_INCREMENT,
    tenant_id int NOT NULL,
    total decimal(12,2) NOT NULL,
    PRIMARY KEY (tenant_id, id),
    KEY invoices_id (id)
);
