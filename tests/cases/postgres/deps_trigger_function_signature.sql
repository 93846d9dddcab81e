-- A trigger whose WHEN condition calls a function whose signature changes, and whose column
-- list names a column whose type changes: dropped before both changes, created again after.
-- @before
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance integer NOT NULL,
    touched_at timestamptz
);
CREATE FUNCTION is_large(x integer) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x > 1000;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched_at := now(); RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE OF balance ON accounts FOR EACH ROW WHEN (is_large(NEW.balance)) EXECUTE FUNCTION touch();
COMMENT ON TRIGGER accounts_touch ON accounts IS 'large balances';
-- @after
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    balance bigint NOT NULL,
    touched_at timestamptz
);
CREATE FUNCTION is_large(x bigint) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x > 1000;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched_at := now(); RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE OF balance ON accounts FOR EACH ROW WHEN (is_large(NEW.balance)) EXECUTE FUNCTION touch();
COMMENT ON TRIGGER accounts_touch ON accounts IS 'large balances';
