-- BETWEEN in CHECK constraints, domains and partial indexes (PostgreSQL 15 manual, "Comparison
-- Functions and Operators": `a BETWEEN x AND y` is `a >= x AND a <= y`, and the server stores
-- it so): a dump of these objects parses to the same model, and a bound change is one change.
-- @before
CREATE DOMAIN percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE grades (
    id integer PRIMARY KEY,
    score integer CHECK (score BETWEEN 0 AND 100),
    letter text CONSTRAINT letter_range CHECK (letter BETWEEN 'A' AND 'F' AND letter <> 'E'),
    share percent
);
CREATE INDEX passing ON grades (score) WHERE score BETWEEN 50 AND 100;
-- @after
CREATE DOMAIN percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE grades (
    id integer PRIMARY KEY,
    score integer CHECK (score BETWEEN 0 AND 110),
    letter text CONSTRAINT letter_range CHECK (letter BETWEEN 'A' AND 'F' AND letter <> 'E'),
    share percent
);
CREATE INDEX passing ON grades (score) WHERE score BETWEEN 60 AND 110;
