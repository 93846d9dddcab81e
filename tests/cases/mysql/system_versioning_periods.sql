-- MariaDB system versioning with explicit period columns (MariaDB manual, System-Versioned
-- Tables: `GENERATED ALWAYS AS ROW START/END`, `PERIOD FOR SYSTEM_TIME`, `WITHOUT SYSTEM
-- VERSIONING` columns; Application-Time Periods: `PERIOD FOR name (start, end)`). A plain table
-- gains versioning with its period columns in one statement (and loses it so, under
-- system_versioning_alter_history = KEEP); the engine adds the ROW END column to the primary key.
-- @before
CREATE TABLE t1 (id int NOT NULL PRIMARY KEY, x int, y int);
CREATE TABLE t2 (id int NOT NULL PRIMARY KEY, date_1 DATE NOT NULL, date_2 DATE NOT NULL);
-- @after
CREATE TABLE t1 (
  id int NOT NULL PRIMARY KEY,
  x int,
  y int WITHOUT SYSTEM VERSIONING,
  start_ts TIMESTAMP(6) GENERATED ALWAYS AS ROW START,
  end_ts TIMESTAMP(6) GENERATED ALWAYS AS ROW END,
  PERIOD FOR SYSTEM_TIME(start_ts, end_ts)
) WITH SYSTEM VERSIONING;
CREATE TABLE t2 (
  id int NOT NULL PRIMARY KEY,
  date_1 DATE NOT NULL,
  date_2 DATE NOT NULL,
  PERIOD FOR date_period(date_1, date_2)
);
