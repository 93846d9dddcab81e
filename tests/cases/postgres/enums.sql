-- An enum value added (in place) and a new enum used by a new column.
-- @before
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE people (id integer PRIMARY KEY, current_mood mood);
-- @after
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE size AS ENUM ('s', 'm', 'l');
CREATE TABLE people (id integer PRIMARY KEY, current_mood mood, shirt size DEFAULT 'm');
