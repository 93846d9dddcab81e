-- An enum value replaced (a rebuild of the type) while a column's default moves to the new
-- value: the default is set after the rebuild (the old type refuses the new value).
-- @before
CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE tickets (id int PRIMARY KEY, s status NOT NULL DEFAULT 'done', t status DEFAULT 'new');
-- @after
CREATE TYPE status AS ENUM ('open', 'done');
CREATE TABLE tickets (id int PRIMARY KEY, s status NOT NULL DEFAULT 'done', t status DEFAULT 'open');
