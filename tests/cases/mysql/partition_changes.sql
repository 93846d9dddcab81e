-- Partitioning changed with rows kept (MariaDB manual, Partitioning Types: RANGE, LIST,
-- RANGE COLUMNS, LIST COLUMNS, HASH, LINEAR HASH, KEY, LINEAR KEY; ALTER TABLE ... PARTITION BY,
-- REMOVE PARTITIONING): a plain table becomes partitioned and a partitioned one plain, a
-- partitioning changes type, partition counts and bounds change.
-- @before
CREATE TABLE orders (id int NOT NULL, placed date NOT NULL, PRIMARY KEY (id, placed));
CREATE TABLE events_log (id int NOT NULL PRIMARY KEY, kind int NOT NULL)
    PARTITION BY LINEAR HASH (id) PARTITIONS 4;
CREATE TABLE readings (sensor int NOT NULL, region varchar(10) NOT NULL, PRIMARY KEY (sensor, region))
    PARTITION BY LIST COLUMNS (sensor) (PARTITION pn VALUES IN (1, 2), PARTITION ps VALUES IN (3, 4));
CREATE TABLE sessions (id int NOT NULL PRIMARY KEY, started int NOT NULL)
    PARTITION BY KEY (id) PARTITIONS 2;
CREATE TABLE archive (id int NOT NULL PRIMARY KEY, y int NOT NULL)
    PARTITION BY RANGE (id) (PARTITION a VALUES LESS THAN (100), PARTITION b VALUES LESS THAN MAXVALUE);
-- @after
CREATE TABLE orders (id int NOT NULL, placed date NOT NULL, PRIMARY KEY (id, placed))
    PARTITION BY RANGE COLUMNS (placed) (PARTITION p_old VALUES LESS THAN ('2020-01-01'), PARTITION p_new VALUES LESS THAN (MAXVALUE));
CREATE TABLE events_log (id int NOT NULL PRIMARY KEY, kind int NOT NULL)
    PARTITION BY LINEAR KEY (id) PARTITIONS 3;
CREATE TABLE readings (sensor int NOT NULL, region varchar(10) NOT NULL, PRIMARY KEY (sensor, region))
    PARTITION BY LIST COLUMNS (sensor, region) (PARTITION pn VALUES IN ((1, '1_seed'), (2, '2_seed')), PARTITION ps VALUES IN ((3, '3_seed'), (4, 'x')));
CREATE TABLE sessions (id int NOT NULL PRIMARY KEY, started int NOT NULL)
    PARTITION BY HASH (id) PARTITIONS 3;
CREATE TABLE archive (id int NOT NULL PRIMARY KEY, y int NOT NULL);
