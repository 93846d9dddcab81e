-- Column, index and constraint names keep the case they are written in (MariaDB manual,
-- Identifier Case-sensitivity: column, index and constraint names are not case-sensitive, but
-- the engine stores and shows them as declared). Unnamed checks are the engine's `CONSTRAINT_n`;
-- a name whose case changes is restated (MODIFY COLUMN), renamed (RENAME INDEX) or re-added
-- (constraint), with the column's rows kept.
-- @before
CREATE TABLE Orders (
    id int NOT NULL PRIMARY KEY,
    CustomerName varchar(100) NOT NULL,
    Quantity int NOT NULL DEFAULT 1,
    KEY IDX_Customer (CustomerName),
    CONSTRAINT CHK_Quantity CHECK (Quantity > 0)
);
-- @after
CREATE TABLE Orders (
    id int NOT NULL PRIMARY KEY,
    customerName varchar(100) NOT NULL,
    Quantity int NOT NULL DEFAULT 1,
    dayOfWeek tinyint NOT NULL DEFAULT 1,
    UNIQUE (dayOfWeek, id),
    KEY idx_customer (customerName),
    CONSTRAINT chk_quantity CHECK (quantity > 0),
    CHECK (dayOfWeek BETWEEN 1 AND 7)
);
CREATE INDEX ByQuantity ON Orders (Quantity);
