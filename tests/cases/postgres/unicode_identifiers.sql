-- U&"..." identifiers (PostgreSQL 15 docs: Lexical Structure, 4.1.1) with \XXXX, \+XXXXXX and
-- a UESCAPE character, as table, column, index, view and sequence names.
-- @before
CREATE TABLE "data" (id int PRIMARY KEY, "été" text);
-- @after
CREATE TABLE U&"d\0061t\+000061" (id int PRIMARY KEY, U&"\00e9t\00e9" text, U&"n!0061me" UESCAPE '!' varchar(20));
CREATE INDEX U&"data_n\0061me_idx" ON "data" (U&"n\0061me");
CREATE VIEW U&"v\0069ew" AS SELECT id, U&"n\0061me" FROM U&"d\0061ta";
CREATE SEQUENCE U&"s\0065q" START 3;
COMMENT ON COLUMN U&"d\0061ta".U&"n\0061me" IS 'a name';
