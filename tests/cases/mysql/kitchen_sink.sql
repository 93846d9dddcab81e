-- Kitchen sink (issue 12): every MariaDB object kind created (up) and dropped (down), and the
-- AFTER schema's dump (mariadb-dump --no-data --routines --events --triggers) parses to the
-- same model. Written from the MariaDB manual (see kitchen_sink_changes.sql).
-- @before
CREATE TABLE roles (
    id int NOT NULL PRIMARY KEY,
    name varchar(40) NOT NULL,
    CONSTRAINT roles_name_nonempty CHECK (name <> '')
);
-- @after
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
CREATE TABLE price_history (
    id int NOT NULL PRIMARY KEY,
    amount decimal(10,2),
    note varchar(40) WITHOUT SYSTEM VERSIONING,
    valid_from date NOT NULL,
    valid_to date NOT NULL,
    row_start TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,
    row_end TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,
    PERIOD FOR SYSTEM_TIME(row_start, row_end),
    PERIOD FOR validity(valid_from, valid_to)
) WITH SYSTEM VERSIONING;
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
