-- Kitchen sink (issue 12), every MariaDB object kind changed in turn: CHECKs (unnamed and
-- column-level ones: check_names.sql), INVISIBLE columns, IGNORED indexes, generated columns VIRTUAL <-> STORED,
-- DEFAULT (expr), system versioning dropped and added (and a versioned table altered), partitions of every type
-- (RANGE, LIST, HASH, KEY, RANGE COLUMNS, subpartitions), a sequence, a view (column names as
-- written), triggers (a body changed only in case: kept byte for byte), a procedure, a
-- function and an event. Written from the MariaDB manual (CREATE TABLE, CREATE SEQUENCE,
-- System-Versioned Tables, Partitioning Types, CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT).
-- @before
CREATE TABLE roles (
    id int NOT NULL PRIMARY KEY,
    name varchar(40) NOT NULL,
    CONSTRAINT roles_name_nonempty CHECK (name <> '')
);
CREATE TABLE users (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    role_id int,
    email varchar(120) NOT NULL,
    secret varchar(60) INVISIBLE DEFAULT 'x',
    score int NOT NULL DEFAULT 0,
    joined date DEFAULT (curdate()),
    email_domain varchar(120) AS (substring_index(email, '@', -1)) VIRTUAL,
    score_band int GENERATED ALWAYS AS (score DIV 10) STORED,
    KEY users_score (score) IGNORED,
    CONSTRAINT users_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE SET NULL,
    CONSTRAINT users_email_at CHECK (email LIKE '%@%')
);
CREATE TABLE audit (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id int,
    note varchar(200)
);
CREATE TABLE prices (id int NOT NULL PRIMARY KEY, amount decimal(10,2)) WITH SYSTEM VERSIONING;
CREATE TABLE vnotes (id int NOT NULL PRIMARY KEY, body text) WITH SYSTEM VERSIONING;
CREATE TABLE by_range (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d))
    PARTITION BY RANGE (year(d)) (PARTITION p2020 VALUES LESS THAN (2021), PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE by_list (id int NOT NULL, region int NOT NULL, PRIMARY KEY (id, region))
    PARTITION BY LIST (region) (PARTITION north VALUES IN (1, 2), PARTITION south VALUES IN (3, 4));
CREATE TABLE by_hash (id int NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 4;
CREATE TABLE by_key (id int NOT NULL PRIMARY KEY) PARTITION BY KEY (id) PARTITIONS 2;
CREATE TABLE by_columns (a int NOT NULL, b char(2) NOT NULL, PRIMARY KEY (a, b))
    PARTITION BY RANGE COLUMNS (a, b) (PARTITION c1 VALUES LESS THAN (10, 'm'), PARTITION c2 VALUES LESS THAN (MAXVALUE, MAXVALUE));
CREATE TABLE by_sub (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d))
    PARTITION BY RANGE (year(d)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2
    (PARTITION s2020 VALUES LESS THAN (2021), PARTITION smax VALUES LESS THAN MAXVALUE);
CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 10;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW active_users AS
    SELECT Id, Email AS `Login`, score FROM users WHERE score > 0 WITH CHECK OPTION;
CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW
    SET NEW.Email = LOWER(new.email);
DELIMITER //
CREATE TRIGGER users_au AFTER UPDATE ON users FOR EACH ROW
BEGIN
    IF NEW.score <> OLD.score THEN
        INSERT INTO audit (user_id, note) VALUES (NEW.id, CONCAT('Score: ', OLD.score, ' -> ', NEW.score));
    END IF;
END//
CREATE PROCEDURE bump_score(IN p_user int, IN p_by int)
    MODIFIES SQL DATA
    COMMENT 'Adds to a score'
BEGIN
    UPDATE users SET score = score + p_by WHERE id = p_user;
END//
CREATE FUNCTION score_label(s int) RETURNS varchar(10)
    DETERMINISTIC
    SQL SECURITY INVOKER
RETURN CASE WHEN s >= 100 THEN 'High' ELSE 'Low' END//
DELIMITER ;
CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00'
    ON COMPLETION PRESERVE DISABLE COMMENT 'Nightly'
    DO DELETE FROM audit WHERE id < 0;
-- @after
CREATE TABLE roles (
    id int NOT NULL PRIMARY KEY,
    name varchar(40) NOT NULL,
    CONSTRAINT roles_name_nonempty CHECK (char_length(name) > 1)
);
CREATE TABLE users (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    role_id int,
    email varchar(120) NOT NULL,
    secret varchar(60) DEFAULT 'x',
    pin char(4) INVISIBLE,
    score int NOT NULL DEFAULT 0,
    joined date DEFAULT (curdate()),
    email_domain varchar(120) AS (substring_index(email, '@', -1)) STORED,
    score_band int GENERATED ALWAYS AS (score DIV 5) VIRTUAL,
    KEY users_score (score),
    KEY users_email (email) IGNORED,
    CONSTRAINT users_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE SET NULL,
    CONSTRAINT users_email_at CHECK (email LIKE '%_@_%')
);
CREATE TABLE audit (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id int,
    note varchar(200)
);
CREATE TABLE prices (id int NOT NULL PRIMARY KEY, amount decimal(10,2));
CREATE TABLE rates (id int NOT NULL PRIMARY KEY, pct int) WITH SYSTEM VERSIONING;
CREATE TABLE vnotes (id int NOT NULL PRIMARY KEY, body text, lang char(2) DEFAULT 'en') WITH SYSTEM VERSIONING;
CREATE TABLE by_range (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d))
    PARTITION BY RANGE (year(d)) (PARTITION p2020 VALUES LESS THAN (2021), PARTITION p2021 VALUES LESS THAN (2022), PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE by_list (id int NOT NULL, region int NOT NULL, PRIMARY KEY (id, region))
    PARTITION BY LIST (region) (PARTITION north VALUES IN (1, 2, 5), PARTITION south VALUES IN (3, 4));
CREATE TABLE by_hash (id int NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2;
CREATE TABLE by_key (id int NOT NULL PRIMARY KEY) PARTITION BY KEY (id) PARTITIONS 2;
CREATE TABLE by_columns (a int NOT NULL, b char(2) NOT NULL, PRIMARY KEY (a, b))
    PARTITION BY RANGE COLUMNS (a, b) (PARTITION c1 VALUES LESS THAN (10, 'm'), PARTITION c2 VALUES LESS THAN (MAXVALUE, MAXVALUE));
CREATE TABLE by_sub (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d))
    PARTITION BY RANGE (year(d)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2
    (PARTITION s2020 VALUES LESS THAN (2021), PARTITION smax VALUES LESS THAN MAXVALUE);
CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 5 CACHE 20;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW active_users AS
    SELECT Id, Email AS `LoginName`, score FROM users WHERE score > 0;
CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW
    SET NEW.email = lower(NEW.Email);
DELIMITER //
CREATE PROCEDURE bump_score(IN p_user int, IN p_by int)
    MODIFIES SQL DATA
    COMMENT 'Adds to a score, never below zero'
BEGIN
    UPDATE users SET score = GREATEST(0, score + p_by) WHERE id = p_user;
END//
CREATE FUNCTION score_label(s int) RETURNS varchar(10)
    DETERMINISTIC
RETURN CASE WHEN s >= 50 THEN 'High' ELSE 'Low' END//
DELIMITER ;
CREATE EVENT purge_audit ON SCHEDULE EVERY 12 HOUR STARTS '2030-01-01 00:00:00'
    ON COMPLETION PRESERVE DISABLE COMMENT 'Twice a day'
    DO DELETE FROM audit WHERE id < 0;
