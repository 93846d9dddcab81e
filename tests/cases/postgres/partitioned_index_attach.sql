-- Partitioned indexes built the way the PostgreSQL docs describe (ddl-partitioning, "Partition
-- Maintenance"; sql-createindex, ON ONLY; sql-alterindex, ATTACH PARTITION): the parent's index
-- is created ON ONLY (invalid while a partition has no index attached to it), each partition's
-- index is created and attached; the same for a unique constraint added with ALTER TABLE ONLY.
-- Up attaches the second partition's indexes (the parent's become valid); down must give the
-- parent's indexes back with the second partition's indexes unattached, which PostgreSQL only
-- allows by re-creating the parent's index. A partition's primary key backs a parent's plain
-- unique index too (attached to it).
-- @before
CREATE TABLE measurement (
    city_id int NOT NULL,
    logdate date NOT NULL,
    peaktemp int,
    unitsales int
) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006m02 PARTITION OF measurement FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');
CREATE TABLE measurement_y2006m03 PARTITION OF measurement FOR VALUES FROM ('2006-03-01') TO ('2006-04-01');
CREATE INDEX measurement_usls_idx ON ONLY measurement (unitsales);
CREATE INDEX measurement_usls_200602_idx ON measurement_y2006m02 (unitsales);
ALTER INDEX measurement_usls_idx ATTACH PARTITION measurement_usls_200602_idx;
CREATE INDEX measurement_usls_200603_idx ON measurement_y2006m03 (unitsales);
ALTER TABLE ONLY measurement ADD UNIQUE (city_id, logdate);
ALTER TABLE measurement_y2006m02 ADD UNIQUE (city_id, logdate);
ALTER INDEX measurement_city_id_logdate_key ATTACH PARTITION measurement_y2006m02_city_id_logdate_key;
ALTER TABLE measurement_y2006m03 ADD UNIQUE (city_id, logdate);
CREATE UNIQUE INDEX measurement_day_idx ON ONLY measurement (logdate, city_id);
-- @after
CREATE TABLE measurement (
    city_id int NOT NULL,
    logdate date NOT NULL,
    peaktemp int,
    unitsales int
) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006m02 PARTITION OF measurement FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');
CREATE TABLE measurement_y2006m03 PARTITION OF measurement FOR VALUES FROM ('2006-03-01') TO ('2006-04-01');
CREATE INDEX measurement_usls_idx ON ONLY measurement (unitsales);
CREATE INDEX measurement_usls_200602_idx ON measurement_y2006m02 (unitsales);
ALTER INDEX measurement_usls_idx ATTACH PARTITION measurement_usls_200602_idx;
CREATE INDEX measurement_usls_200603_idx ON measurement_y2006m03 (unitsales);
ALTER INDEX measurement_usls_idx ATTACH PARTITION measurement_usls_200603_idx;
ALTER TABLE ONLY measurement ADD UNIQUE (city_id, logdate);
ALTER TABLE measurement_y2006m02 ADD UNIQUE (city_id, logdate);
ALTER INDEX measurement_city_id_logdate_key ATTACH PARTITION measurement_y2006m02_city_id_logdate_key;
ALTER TABLE measurement_y2006m03 ADD UNIQUE (city_id, logdate);
ALTER INDEX measurement_city_id_logdate_key ATTACH PARTITION measurement_y2006m03_city_id_logdate_key;
CREATE UNIQUE INDEX measurement_day_idx ON ONLY measurement (logdate, city_id);
ALTER TABLE measurement_y2006m02 ADD PRIMARY KEY (logdate, city_id);
ALTER INDEX measurement_day_idx ATTACH PARTITION measurement_y2006m02_pkey;
CREATE UNIQUE INDEX measurement_y2006m03_day_idx ON measurement_y2006m03 (logdate, city_id);
ALTER INDEX measurement_day_idx ATTACH PARTITION measurement_y2006m03_day_idx;
