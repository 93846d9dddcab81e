//! Example scenarios the playground can load: realistic before/after pairs per dialect.

use schemashift::Dialect;

/// One scenario.
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub dialect: Dialect,
    /// Loads with the zero-downtime switch on (the scenario is about the online form).
    pub zero_downtime: bool,
    pub before: &'static str,
    pub after: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "add-drop-column",
        title: "Add and drop a column (PostgreSQL)",
        dialect: Dialect::Postgres,
        zero_downtime: false,
        before: "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  legacy_flag boolean\n);\n",
        after: "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL,\n  display_name text\n);\n",
    },
    Example {
        id: "add-foreign-key",
        title: "Add a foreign key (PostgreSQL)",
        dialect: Dialect::Postgres,
        zero_downtime: false,
        before: "CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);\n\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL,\n  total numeric(12,2) NOT NULL\n);\n",
        after: "CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);\n\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  total numeric(12,2) NOT NULL\n);\n\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);\n",
    },
    Example {
        id: "mysql-change-type",
        title: "Change a column type (MySQL)",
        dialect: Dialect::Mysql,
        zero_downtime: false,
        before: "CREATE TABLE `events` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `payload` varchar(255) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n",
        after: "CREATE TABLE `events` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `payload` text NOT NULL,\n  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n",
    },
    Example {
        id: "sqlite-rebuild",
        title: "Make a column NOT NULL (SQLite, table rebuild)",
        dialect: Dialect::Sqlite,
        zero_downtime: false,
        before: "CREATE TABLE notes (\n  id INTEGER PRIMARY KEY,\n  title TEXT,\n  body TEXT\n);\n",
        after: "CREATE TABLE notes (\n  id INTEGER PRIMARY KEY,\n  title TEXT NOT NULL DEFAULT '',\n  body TEXT\n);\n",
    },
    Example {
        id: "roles-permissions",
        title: "Add roles and permissions to users (PostgreSQL)",
        dialect: Dialect::Postgres,
        zero_downtime: false,
        before: "CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  email text NOT NULL UNIQUE,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n",
        after: "CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  email text NOT NULL UNIQUE,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n\nCREATE TABLE roles (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL UNIQUE\n);\n\nCREATE TABLE permissions (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  code text NOT NULL UNIQUE,\n  description text\n);\n\nCREATE TABLE role_permissions (\n  role_id bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,\n  permission_id bigint NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,\n  PRIMARY KEY (role_id, permission_id)\n);\n\nCREATE TABLE user_roles (\n  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n  role_id bigint NOT NULL REFERENCES roles (id),\n  granted_at timestamptz NOT NULL DEFAULT now(),\n  PRIMARY KEY (user_id, role_id)\n);\n\nCREATE INDEX user_roles_role_id_idx ON user_roles (role_id);\n",
    },
    Example {
        id: "split-address",
        title: "Split an address table into shipping and billing (PostgreSQL)",
        dialect: Dialect::Postgres,
        zero_downtime: false,
        before: "CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);\n\nCREATE TABLE addresses (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  kind text NOT NULL CHECK (kind IN ('shipping', 'billing')),\n  line1 text NOT NULL,\n  city text NOT NULL,\n  postal_code text NOT NULL,\n  country char(2) NOT NULL\n);\n",
        after: "CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);\n\n-- schemashift:copy-from addresses where kind = 'shipping'\nCREATE TABLE shipping_addresses (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  line1 text NOT NULL,\n  city text NOT NULL,\n  postal_code text NOT NULL,\n  country char(2) NOT NULL,\n  delivery_notes text\n);\n\n-- schemashift:copy-from addresses where kind = 'billing'\nCREATE TABLE billing_addresses (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL UNIQUE REFERENCES customers (id),\n  line1 text NOT NULL,\n  city text NOT NULL,\n  postal_code text NOT NULL,\n  country char(2) NOT NULL,\n  vat_number text\n);\n",
    },
    Example {
        id: "rename-column",
        title: "Rename a column under traffic (PostgreSQL, rename hint)",
        dialect: Dialect::Postgres,
        zero_downtime: false,
        before: "CREATE TABLE accounts (\n  id bigint PRIMARY KEY,\n  username text NOT NULL,\n  created_at timestamptz NOT NULL\n);\n\nCREATE UNIQUE INDEX accounts_username_key ON accounts (username);\n",
        after: "CREATE TABLE accounts (\n  id bigint PRIMARY KEY,\n  login text NOT NULL, -- schemashift:renamed-from username\n  created_at timestamptz NOT NULL\n);\n\nCREATE UNIQUE INDEX accounts_username_key ON accounts (login);\n",
    },
    Example {
        id: "not-null-large-table",
        title: "Add a NOT NULL column to a large table (PostgreSQL)",
        dialect: Dialect::Postgres,
        zero_downtime: false,
        before: "CREATE TABLE events (\n  id bigint PRIMARY KEY,\n  kind text NOT NULL,\n  payload jsonb NOT NULL,\n  created_at timestamptz NOT NULL\n);\n",
        after: "CREATE TABLE events (\n  id bigint PRIMARY KEY,\n  kind text NOT NULL,\n  payload jsonb NOT NULL,\n  created_at timestamptz NOT NULL,\n  tenant_id bigint NOT NULL DEFAULT 0,\n  source text NOT NULL\n);\n",
    },
    Example {
        id: "enum-value",
        title: "Add an enum value (PostgreSQL)",
        dialect: Dialect::Postgres,
        zero_downtime: false,
        before: "CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');\n\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  status order_status NOT NULL DEFAULT 'pending'\n);\n",
        after: "CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'refunded');\n\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  status order_status NOT NULL DEFAULT 'pending'\n);\n",
    },
    Example {
        id: "mysql-online-ddl",
        title: "Online ALTER with ALGORITHM/LOCK (MySQL, zero-downtime)",
        dialect: Dialect::Mysql,
        zero_downtime: true,
        before: "CREATE TABLE `orders` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `customer_id` bigint NOT NULL,\n  `total` decimal(12,2) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n",
        after: "CREATE TABLE `orders` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `customer_id` bigint NOT NULL,\n  `total` decimal(12,2) NOT NULL,\n  `note` varchar(200) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `orders_customer_id_idx` (`customer_id`)\n) ENGINE=InnoDB;\n",
    },
];

/// True when the editors hold text the user would lose: not empty and not an example as loaded.
pub fn is_user_work(before: &str, after: &str) -> bool {
    (!before.trim().is_empty() || !after.trim().is_empty()) && !EXAMPLES.iter().any(|e| e.before == before && e.after == after)
}

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

    #[test]
    fn examples_as_loaded_are_not_work_to_keep() {
        let e = &EXAMPLES[0];
        assert!(!is_user_work(e.before, e.after));
        assert!(!is_user_work(" ", ""));
        assert!(is_user_work(e.before, "CREATE TABLE mine (id int);"));
    }

    /// Every example parses cleanly and produces a migration (the gallery is a demo).
    #[test]
    fn every_example_generates_without_diagnostics() {
        for e in EXAMPLES {
            let mut options = schemashift::Options::new(e.dialect);
            options.zero_downtime = e.zero_downtime;
            let m = schemashift::generate(e.before, e.after, &options);
            assert!(m.diagnostics.is_empty(), "{}: {:?}", e.id, m.diagnostics);
            assert!(!m.up.is_empty() && !m.down.is_empty(), "{}", e.id);
            if e.id == "mysql-online-ddl" {
                assert!(m.up_sql().contains("ALGORITHM=INSTANT") && m.up_sql().contains("LOCK=NONE"), "{}", m.up_sql());
            }
        }
        let up = |id: &str| find(id).map(|e| schemashift::generate(e.before, e.after, &schemashift::Options::new(e.dialect)).up_sql());
        assert!(up("rename-column").is_some_and(|sql| sql.contains("RENAME COLUMN")), "{:?}", up("rename-column"));
        assert!(up("enum-value").is_some_and(|sql| sql.contains("ADD VALUE")), "{:?}", up("enum-value"));
    }
}
