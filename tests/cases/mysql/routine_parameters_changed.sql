-- A procedure and a function whose parameter lists change, as mariadb-dump prints them after a
-- Rails migration re-created them. MySQL does not overload routines (a schema has one function
-- and one procedure of a name: CREATE of the name with other parameters fails, "already
-- exists"), so each is the same routine changed: dropped and created again, in that order. Also
-- a function and a procedure of one name (two namespaces): dropping the procedure keeps the
-- function.
-- @before
CREATE TABLE projects (id bigint NOT NULL PRIMARY KEY, archived tinyint(1) NOT NULL DEFAULT 0, last_activity_at datetime DEFAULT NULL);
DELIMITER ;;
CREATE PROCEDURE `archive_stale_projects`(IN days int)
BEGIN
  UPDATE projects SET archived = 1 WHERE last_activity_at < NOW() - INTERVAL days DAY;
END;;
CREATE FUNCTION `project_ref`(p_id bigint) RETURNS varchar(40) CHARSET utf8mb4
    READS SQL DATA
BEGIN
  RETURN CONCAT('#', p_id);
END;;
CREATE FUNCTION `stale_count`() RETURNS int
    READS SQL DATA
BEGIN
  RETURN (SELECT COUNT(*) FROM projects WHERE archived = 0);
END;;
CREATE PROCEDURE `stale_count`()
BEGIN
  SELECT COUNT(*) FROM projects WHERE archived = 0;
END;;
DELIMITER ;
DROP PROCEDURE `stale_count`;
-- @after
CREATE TABLE projects (id bigint NOT NULL PRIMARY KEY, archived tinyint(1) NOT NULL DEFAULT 0, last_activity_at datetime DEFAULT NULL);
DELIMITER ;;
CREATE PROCEDURE `archive_stale_projects`(IN days int, IN dry_run tinyint)
BEGIN
  IF dry_run = 0 THEN
    UPDATE projects SET archived = 1 WHERE last_activity_at < NOW() - INTERVAL days DAY;
  END IF;
END;;
CREATE FUNCTION `project_ref`(p_id bigint, p_prefix varchar(10)) RETURNS varchar(40) CHARSET utf8mb4
    READS SQL DATA
BEGIN
  RETURN CONCAT(p_prefix, p_id);
END;;
CREATE FUNCTION `stale_count`() RETURNS int
    READS SQL DATA
BEGIN
  RETURN (SELECT COUNT(*) FROM projects WHERE archived = 0);
END;;
DELIMITER ;
