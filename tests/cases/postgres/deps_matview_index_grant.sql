-- A materialized view with an index and a grant over a column whose type changes: dropped and
-- created again WITH DATA, its index built again and its privilege given back.
-- @before
CREATE TABLE readings (
    id integer PRIMARY KEY,
    sensor text NOT NULL,
    value integer NOT NULL
);
CREATE MATERIALIZED VIEW sensor_max AS SELECT sensor, max(value) AS top FROM readings GROUP BY sensor;
CREATE UNIQUE INDEX sensor_max_sensor ON sensor_max (sensor);
GRANT SELECT ON sensor_max TO app_reader;
-- @after
CREATE TABLE readings (
    id integer PRIMARY KEY,
    sensor text NOT NULL,
    value bigint NOT NULL
);
CREATE MATERIALIZED VIEW sensor_max AS SELECT sensor, max(value) AS top FROM readings GROUP BY sensor;
CREATE UNIQUE INDEX sensor_max_sensor ON sensor_max (sensor);
GRANT SELECT ON sensor_max TO app_reader;
