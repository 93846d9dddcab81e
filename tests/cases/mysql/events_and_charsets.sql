-- Event schedules with ENDS added and removed (ALTER EVENT cannot remove one: dropped and
-- created again) and STARTS changed (MariaDB manual, CREATE EVENT / ALTER EVENT), and
-- column character sets and collations stated on one side only (CREATE TABLE: a column that
-- states none has its table's; MODIFY without CHARACTER SET gives it the table's again).
-- @before
CREATE TABLE notes (id int NOT NULL PRIMARY KEY, title varchar(40) CHARACTER SET hebrew NOT NULL, body varchar(200) COLLATE utf8mb4_bin, tag varchar(20));
CREATE EVENT purge_daily ON SCHEDULE EVERY 1 DAY DO DELETE FROM notes WHERE id < 0;
CREATE EVENT purge_bounded ON SCHEDULE EVERY 1 HOUR STARTS '2031-01-01 00:00:00' ENDS '2037-01-01 00:00:00' DO DELETE FROM notes WHERE id < 0;
CREATE EVENT purge_started ON SCHEDULE EVERY 2 DAY STARTS '2030-01-01 00:00:00' DO DELETE FROM notes WHERE id < 0;
-- @after
CREATE TABLE notes (id int NOT NULL PRIMARY KEY, title varchar(40) NOT NULL, body varchar(200), tag varchar(20) CHARACTER SET latin1);
CREATE EVENT purge_daily ON SCHEDULE EVERY 1 DAY ENDS '2037-01-01 00:00:00' DO DELETE FROM notes WHERE id < 0;
CREATE EVENT purge_bounded ON SCHEDULE EVERY 30 MINUTE STARTS '2031-01-01 00:00:00' DO DELETE FROM notes WHERE id < 0;
CREATE EVENT purge_started ON SCHEDULE EVERY 2 DAY STARTS '2032-06-01 12:00:00' ENDS '2037-06-01 00:00:00' DO DELETE FROM notes WHERE id < 0;
