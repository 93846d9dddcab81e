-- A plain table becomes a range-partitioned one (PostgreSQL docs, 5.11.2 "Declarative
-- Partitioning"): the table is re-created with its rows, which go to AFTER's partitions (a
-- DEFAULT partition takes the rest); the foreign key of another table pointing at it, the view
-- reading it, its identity, index, comment, trigger and privileges are made again. Down turns
-- it back into a plain table with the same rows.
-- @before
CREATE TABLE measurement (
    id int GENERATED ALWAYS AS IDENTITY,
    city_id int NOT NULL,
    logdate date NOT NULL,
    peaktemp int,
    unitsales int,
    PRIMARY KEY (id, logdate)
);
CREATE INDEX measurement_city_idx ON measurement (city_id);
COMMENT ON TABLE measurement IS 'daily readings';
COMMENT ON COLUMN measurement.peaktemp IS 'degrees C';
CREATE TABLE alert (
    id serial PRIMARY KEY,
    measurement_id int,
    measurement_logdate date,
    FOREIGN KEY (measurement_id, measurement_logdate) REFERENCES measurement (id, logdate)
);
CREATE VIEW hot_days AS SELECT city_id, logdate FROM measurement WHERE peaktemp > 30;
CREATE FUNCTION measurement_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER measurement_touch BEFORE INSERT ON measurement FOR EACH ROW EXECUTE FUNCTION measurement_touch();
GRANT SELECT ON measurement TO app_reader;
-- @after
CREATE TABLE measurement (
    id int GENERATED ALWAYS AS IDENTITY,
    city_id int NOT NULL,
    logdate date NOT NULL,
    peaktemp int,
    unitsales int,
    PRIMARY KEY (id, logdate)
) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006 PARTITION OF measurement FOR VALUES FROM ('2006-01-01') TO ('2007-01-01');
CREATE TABLE measurement_y2007 PARTITION OF measurement FOR VALUES FROM ('2007-01-01') TO ('2008-01-01');
CREATE TABLE measurement_other PARTITION OF measurement DEFAULT;
CREATE INDEX measurement_city_idx ON measurement (city_id);
COMMENT ON TABLE measurement IS 'daily readings';
COMMENT ON COLUMN measurement.peaktemp IS 'degrees C';
CREATE TABLE alert (
    id serial PRIMARY KEY,
    measurement_id int,
    measurement_logdate date,
    FOREIGN KEY (measurement_id, measurement_logdate) REFERENCES measurement (id, logdate)
);
CREATE VIEW hot_days AS SELECT city_id, logdate FROM measurement WHERE peaktemp > 30;
CREATE FUNCTION measurement_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER measurement_touch BEFORE INSERT ON measurement FOR EACH ROW EXECUTE FUNCTION measurement_touch();
GRANT SELECT ON measurement TO app_reader;
