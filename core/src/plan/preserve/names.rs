//! Names of the backup tables `--preserve-data` creates: `schemashift_backup_<table>` for a
//! dropped table, `schemashift_backup_<table>_<column>` for a dropped or narrowed column, in
//! the schema of the table. Deterministic, so that up (which fills the backup) and down (which
//! restores from it) agree. A name over the engine's identifier limit (PostgreSQL 63 bytes,
//! MySQL/MariaDB 64 characters) is cut and ends with 8 hex digits of a CRC-32 of the full name.

use crate::model::QName;
use crate::package::hash::crc32;
use crate::Dialect;

const PREFIX: &str = "schemashift_backup_";

/// The longest identifier the dialect keeps (in bytes, to be safe for PostgreSQL's NAMEDATALEN).
fn limit(d: Dialect) -> usize {
    match d {
        Dialect::Postgres => 63,
        Dialect::Mysql => 64,
        Dialect::Sqlite => 128,
    }
}

/// The backup table of a whole dropped table.
pub fn table_backup(d: Dialect, table: &QName) -> QName {
    QName::new(table.schema.clone(), fit(d, format!("{PREFIX}{}", table.name)))
}

/// The backup table of one column of `table`.
pub fn column_backup(d: Dialect, table: &QName, column: &str) -> QName {
    QName::new(table.schema.clone(), fit(d, format!("{PREFIX}{}_{column}", table.name)))
}

fn fit(d: Dialect, full: String) -> String {
    let max = limit(d);
    if full.len() <= max {
        return full;
    }
    let tag = format!("_{:08x}", crc32(full.as_bytes()));
    format!("{}{tag}", crate::text::clip(&full, max - tag.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_read_plainly() {
        let t = QName::new("public", "users");
        assert_eq!(column_backup(Dialect::Postgres, &t, "email").name, "schemashift_backup_users_email");
        assert_eq!(table_backup(Dialect::Mysql, &t).name, "schemashift_backup_users");
        assert_eq!(table_backup(Dialect::Mysql, &t).schema, "public");
    }

    #[test]
    fn long_names_fit_the_limit_and_stay_distinct() {
        let t = QName::new("", "a_rather_long_table_name_for_orders");
        let a = column_backup(Dialect::Postgres, &t, "shipping_address_line_one");
        let b = column_backup(Dialect::Postgres, &t, "shipping_address_line_two");
        assert_eq!(a.name.len(), 63);
        assert_ne!(a, b);
        assert!(column_backup(Dialect::Mysql, &t, "shipping_address_line_one").name.len() <= 64);
        // Multi-byte names are cut on a character boundary.
        let u = QName::new("", "ééééééééééééééééééééééééééééééééééé");
        assert!(table_backup(Dialect::Postgres, &u).name.len() <= 63);
    }
}
