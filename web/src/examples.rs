//! Example scenarios the playground can load: realistic before/after pairs per dialect.

use schemashift::Dialect;

/// One scenario.
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub dialect: Dialect,
    pub before: &'static str,
    pub after: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "add-drop-column",
        title: "Add and drop a column (PostgreSQL)",
        dialect: Dialect::Postgres,
        before: "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  legacy_flag boolean\n);\n",
        after: "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  display_name text\n);\n",
    },
    Example {
        id: "add-foreign-key",
        title: "Add a foreign key (PostgreSQL)",
        dialect: Dialect::Postgres,
        before: "CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);\n\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL,\n  total numeric(12,2) NOT NULL\n);\n",
        after: "CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);\n\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  total numeric(12,2) NOT NULL\n);\n\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);\n",
    },
    Example {
        id: "mysql-change-type",
        title: "Change a column type (MySQL)",
        dialect: Dialect::Mysql,
        before: "CREATE TABLE `events` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `payload` varchar(255) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n",
        after: "CREATE TABLE `events` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `payload` text NOT NULL,\n  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n",
    },
    Example {
        id: "sqlite-rebuild",
        title: "Make a column NOT NULL (SQLite, table rebuild)",
        dialect: Dialect::Sqlite,
        before: "CREATE TABLE notes (\n  id INTEGER PRIMARY KEY,\n  title TEXT,\n  body TEXT\n);\n",
        after: "CREATE TABLE notes (\n  id INTEGER PRIMARY KEY,\n  title TEXT NOT NULL DEFAULT '',\n  body TEXT\n);\n",
    },
];

/// The example with this id.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_findable() {
        for e in EXAMPLES {
            assert_eq!(find(e.id).map(|f| f.title), Some(e.title));
            assert_ne!(e.before, e.after);
        }
    }
}
