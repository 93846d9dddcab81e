-- Primary key parts with a column prefix and a direction (MariaDB manual, CREATE TABLE,
-- index_col_name: `col_name [(length)] [ASC | DESC]`; Descending Indexes, 10.8): the prefix
-- length and DESC of a primary key part are the key's, so a change replaces the key, both ways,
-- rows kept. Unique keys and indexes on prefixes and DESC parts beside them.
-- @before
CREATE TABLE pages (
    slug varchar(40) NOT NULL,
    lang char(2) NOT NULL,
    body text,
    PRIMARY KEY (slug(10), lang)
);
CREATE TABLE ticks (
    at int NOT NULL,
    seq int NOT NULL,
    PRIMARY KEY (at, seq)
);
CREATE TABLE notes (
    title varchar(60) NOT NULL,
    author varchar(30) NOT NULL,
    PRIMARY KEY (title DESC),
    UNIQUE KEY notes_author (author(8), title(4)),
    KEY notes_title (title(12) DESC)
);
-- @after
CREATE TABLE pages (
    slug varchar(40) NOT NULL,
    lang char(2) NOT NULL,
    body text,
    PRIMARY KEY (slug(20), lang DESC)
);
CREATE TABLE ticks (
    at int NOT NULL,
    seq int NOT NULL,
    PRIMARY KEY (at DESC, seq)
);
CREATE TABLE notes (
    title varchar(60) NOT NULL,
    author varchar(30) NOT NULL,
    PRIMARY KEY (title(30)),
    UNIQUE KEY notes_author (author(9) DESC, title(4)),
    KEY notes_title (title(12))
);
