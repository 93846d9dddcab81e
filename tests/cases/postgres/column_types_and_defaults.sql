-- Column type widening, a default changed and added, NOT NULL added and dropped.
-- @before
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance integer NOT NULL,
    name varchar(50),
    status text DEFAULT 'new',
    note text NOT NULL,
    created_at timestamp
);
-- @after
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance bigint NOT NULL,
    name varchar(100) NOT NULL,
    status text DEFAULT 'active',
    note text,
    created_at timestamp DEFAULT now()
);
