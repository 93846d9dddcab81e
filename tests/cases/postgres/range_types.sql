-- Range and multirange types (CREATE TYPE ... AS RANGE, PostgreSQL 15 reference): a range
-- nothing uses redefined (dropped and created again, its multirange with it), new ranges with
-- an operator class, a collation and a multirange name used by new columns, and a range kept
-- under a column holding rows.
-- @before
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE timespan AS RANGE (subtype = time);
CREATE TABLE shifts (id integer PRIMARY KEY, hours timespan);
-- @after
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi, multirange_type_name = floatranges);
CREATE TYPE timespan AS RANGE (subtype = time);
CREATE TYPE intspan AS RANGE (subtype = int4, subtype_opclass = int4_ops);
CREATE TYPE textspan AS RANGE (subtype = text, collation = "C");
CREATE TYPE patspan AS RANGE (subtype = text, subtype_opclass = text_pattern_ops);
COMMENT ON TYPE intspan IS 'integer spans';
CREATE TABLE shifts (id integer PRIMARY KEY, hours timespan, breaks timespan_multirange, seats intspan, names textspan, prefixes patspan);
