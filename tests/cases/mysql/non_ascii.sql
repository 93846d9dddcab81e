-- Non-ASCII in every position: table, column, index and constraint names, enum values,
-- default and CHECK literals, comments, view and trigger bodies. MariaDB names hold the Basic
-- Multilingual Plane only (utf8mb3), and so do column defaults and comments (an emoji there is
-- stored as `?`, enum values too): the emoji is in a CHECK. Local names (columns, indexes,
-- constraints) are compared and written lower-cased, and the view reads a lower-case table
-- (view bodies are lower-cased whole, `FROM MyT` too).
-- @before
CREATE TABLE `İ表` (
  `c1_é` int NOT NULL PRIMARY KEY,
  `c2_ß` varchar(100) DEFAULT 'Straße' COMMENT 'جж'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- @after
CREATE TABLE `İ表` (
  `c1_é` int NOT NULL PRIMARY KEY,
  `c2_ß` varchar(100) DEFAULT 'Größe ǅ' COMMENT 'ﬃ ‏RTL‎',
  `c3_ж` enum('v1_é','v2_表ǅ') DEFAULT 'v1_é',
  KEY `i_ع` (`c2_ß`),
  CONSTRAINT `k_ǆ` CHECK (`c2_ß` <> 'ﬃ😀')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Äpfel';
CREATE TABLE `ä表` (`c1_é` int NOT NULL PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE VIEW `v_ω` AS SELECT `c1_é` AS `a_ж`, 'ﾃ' AS x FROM `ä表`;
CREATE TRIGGER `t_ǅ` BEFORE INSERT ON `İ表` FOR EACH ROW SET NEW.`c2_ß` = 'ⅷ';
