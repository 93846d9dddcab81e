-- MariaDB keeps a CHECK written in a column's definition in that column (MariaDB manual,
-- CONSTRAINT: a column-level constraint is named after its column, and SHOW CREATE TABLE shows
-- it in the column). It is added, kept and dropped with the column's definition: a type change
-- of the column keeps its check, a check moved between table and column level is replaced.
-- @before
CREATE TABLE payments (
    id int NOT NULL PRIMARY KEY,
    method varchar(20) NOT NULL,
    amount int NOT NULL CHECK (amount >= 0),
    note varchar(40) CHECK (note <> ''),
    CONSTRAINT payments_method_chk CHECK (method IN ('card', 'cash'))
);
-- @after
CREATE TABLE payments (
    id int NOT NULL PRIMARY KEY,
    method varchar(20) NOT NULL CHECK (method IN ('card', 'cash')),
    amount bigint NOT NULL CHECK (amount >= 0),
    note varchar(40),
    status varchar(10) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'done'))
);
