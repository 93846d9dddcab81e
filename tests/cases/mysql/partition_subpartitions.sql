-- Sub-partitioning and partition options (MariaDB manual, Partitioning Types and CREATE TABLE
-- partition_definition: `SUBPARTITION BY HASH|KEY (...) SUBPARTITIONS n`, explicit
-- `SUBPARTITION name` definitions, a partition's `ENGINE` and `COMMENT`; MySQL manual,
-- Subpartitioning): added, changed and removed with rows kept, both ways.
-- @before
CREATE TABLE sales (id int NOT NULL, sold date NOT NULL, PRIMARY KEY (id, sold))
    PARTITION BY RANGE (YEAR(sold)) SUBPARTITION BY HASH (TO_DAYS(sold)) SUBPARTITIONS 2 (
        PARTITION p0 VALUES LESS THAN (1990),
        PARTITION p1 VALUES LESS THAN (2000),
        PARTITION p2 VALUES LESS THAN MAXVALUE
    );
CREATE TABLE visits (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at))
    PARTITION BY RANGE (YEAR(at)) SUBPARTITION BY KEY (id) (
        PARTITION old VALUES LESS THAN (2000) (SUBPARTITION old_a, SUBPARTITION old_b),
        PARTITION cur VALUES LESS THAN MAXVALUE (SUBPARTITION cur_a, SUBPARTITION cur_b)
    );
CREATE TABLE regions (id int NOT NULL, zone int NOT NULL, PRIMARY KEY (id, zone))
    PARTITION BY LIST (zone) (
        PARTITION north VALUES IN (1, 2) ENGINE = InnoDB COMMENT = 'northern zones',
        PARTITION south VALUES IN (3, 4, 5, 6, 7, 8, 9) ENGINE InnoDB
    );
CREATE TABLE plain (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at));
-- @after
CREATE TABLE sales (id int NOT NULL, sold date NOT NULL, PRIMARY KEY (id, sold))
    PARTITION BY RANGE (YEAR(sold)) SUBPARTITION BY HASH (TO_DAYS(sold)) SUBPARTITIONS 3 (
        PARTITION p0 VALUES LESS THAN (1990),
        PARTITION p1 VALUES LESS THAN (2000),
        PARTITION p2 VALUES LESS THAN MAXVALUE
    );
CREATE TABLE visits (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at))
    PARTITION BY RANGE (YEAR(at)) SUBPARTITION BY KEY (id) (
        PARTITION old VALUES LESS THAN (2000) (SUBPARTITION old_a, SUBPARTITION old_b),
        PARTITION cur VALUES LESS THAN (2050) (SUBPARTITION cur_a, SUBPARTITION cur_b),
        PARTITION future VALUES LESS THAN MAXVALUE (SUBPARTITION future_a, SUBPARTITION future_b)
    );
CREATE TABLE regions (id int NOT NULL, zone int NOT NULL, PRIMARY KEY (id, zone))
    PARTITION BY LIST (zone) (
        PARTITION north VALUES IN (1, 2) COMMENT = 'zones one and two',
        PARTITION south VALUES IN (3, 4, 5, 6, 7, 8, 9) COMMENT 'the rest'
    );
CREATE TABLE plain (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at))
    PARTITION BY RANGE COLUMNS (at) SUBPARTITION BY HASH (id) SUBPARTITIONS 2 (
        PARTITION before2000 VALUES LESS THAN ('2000-01-01'),
        PARTITION later VALUES LESS THAN (MAXVALUE)
    );
