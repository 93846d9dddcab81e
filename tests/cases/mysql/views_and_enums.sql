-- An enum widened, a view replaced, a check constraint added.
-- @before
CREATE TABLE tickets (
    id int NOT NULL PRIMARY KEY,
    state enum('open','closed') NOT NULL DEFAULT 'open',
    priority int
);
CREATE VIEW open_tickets AS SELECT id FROM tickets WHERE state = 'open';
-- @after
CREATE TABLE tickets (
    id int NOT NULL PRIMARY KEY,
    state enum('open','closed','waiting') NOT NULL DEFAULT 'open',
    priority int,
    CONSTRAINT priority_range CHECK (priority BETWEEN 0 AND 9)
);
CREATE VIEW open_tickets AS SELECT id, priority FROM tickets WHERE state <> 'closed';
