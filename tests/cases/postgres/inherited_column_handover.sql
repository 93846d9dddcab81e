-- A column moves between an inheritance parent and its children (PostgreSQL docs, ALTER
-- TABLE DROP COLUMN: with ONLY, "the column of descendant tables will not be dropped but
-- marked as independently defined"): the parent drops it with ONLY, so the children keep it
-- and its values. Down: the parent adds it back while the children hold their own copy; it
-- must become the inherited one again, so the children's is set aside, the parent's added
-- (and inherited), and the values copied over.
-- @before
CREATE TABLE stamped (created_at timestamp DEFAULT now(), source text);
CREATE TABLE notes (body text) INHERITS (stamped);
CREATE TABLE tasks (title text, done boolean) INHERITS (stamped);
-- @after
CREATE TABLE stamped (created_at timestamp DEFAULT now());
CREATE TABLE notes (body text, source text) INHERITS (stamped);
CREATE TABLE tasks (title text, done boolean, source text) INHERITS (stamped);
