-- A table's collation changed to its character set's default, as mariadb-dump prints it after a
-- Rails migration ran `ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE
-- utf8mb4_general_ci`: AFTER states `DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci` (the
-- parser leaves a charset's default collation implied), which is a change from
-- `utf8mb4_unicode_ci`, not a collation left unspecified. The columns stating none have their
-- own table's collation on each side, so they change with it (`ALTER TABLE ... DEFAULT COLLATE`
-- alone leaves existing columns as they are); non-character columns are left alone. A column
-- added in the same migration takes the new collation (the table's default changes first), so
-- the FULLTEXT index over it and a converted column does not mix collations.
-- @before
CREATE TABLE `users` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL DEFAULT '',
  `sign_in_count` int(10) unsigned NOT NULL DEFAULT 0,
  `bio` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `index_users_on_email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE `tags` (
  `id` int NOT NULL,
  `name` varchar(40) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
-- @after
CREATE TABLE `users` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL DEFAULT '',
  `sign_in_count` int(10) unsigned NOT NULL DEFAULT 0,
  `bio` text DEFAULT NULL,
  `full_name` varchar(150) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `index_users_on_email` (`email`),
  FULLTEXT KEY `index_users_on_bio_and_full_name` (`bio`,`full_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE TABLE `tags` (
  `id` int NOT NULL,
  `name` varchar(40) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
