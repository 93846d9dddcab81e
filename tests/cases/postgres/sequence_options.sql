-- Sequence options in combinations PostgreSQL 15 accepts (docs: CREATE SEQUENCE, ALTER
-- SEQUENCE): direction reversed, AS type widened and narrowed with defaulted bounds, MINVALUE
-- above the old START, MAXVALUE below it, CYCLE, CACHE, OWNED BY moved, UNLOGGED.
-- @before
CREATE TABLE owner_a (id int);
CREATE TABLE owner_b (id int);
CREATE SEQUENCE up_to_down;
CREATE SEQUENCE widened AS smallint;
CREATE SEQUENCE narrowed AS integer;
CREATE SEQUENCE raised_min MINVALUE 5 START 5;
CREATE SEQUENCE lowered_max MAXVALUE 1000 START 900;
CREATE SEQUENCE down_to_up INCREMENT -5 MINVALUE -100;
CREATE SEQUENCE cycling CACHE 20 CYCLE OWNED BY owner_a.id;
CREATE UNLOGGED SEQUENCE was_unlogged;
-- @after
CREATE TABLE owner_a (id int);
CREATE TABLE owner_b (id int);
CREATE SEQUENCE up_to_down INCREMENT -1;
CREATE SEQUENCE widened AS bigint;
CREATE SEQUENCE narrowed AS smallint;
CREATE SEQUENCE raised_min MINVALUE 50 START 60;
CREATE SEQUENCE lowered_max MAXVALUE 100 START 1;
CREATE SEQUENCE down_to_up INCREMENT 3;
CREATE SEQUENCE cycling CACHE 5 OWNED BY owner_b.id;
CREATE SEQUENCE was_unlogged AS integer;
