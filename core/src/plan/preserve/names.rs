//! Names of the backup tables `--preserve-data` creates: `schemashift_backup_<table>` for a
//! dropped table, `schemashift_backup_<table>_<column>` for a dropped or narrowed column, in
//! the schema of the table. Deterministic, so that up (which fills the backup) and down (which
//! restores from it) agree. A name over the engine's identifier limit (PostgreSQL 63 bytes,
//! MySQL/MariaDB 64 characters) is cut and ends with 8 hex digits of a CRC-32 of the full name.

use crate::model::QName;
use crate::package::hash::crc32;
use crate::plan::Direction;
use crate::Dialect;

const PREFIX: &str = "schemashift_backup_";
/// Backups the down migration makes (of what up created): never the name of an up backup.
const DOWN_PREFIX: &str = "schemashift_down_backup_";

fn prefix(dir: Direction) -> &'static str {
    match dir {
        Direction::Up => PREFIX,
        Direction::Down => DOWN_PREFIX,
    }
}

/// The longest identifier the dialect keeps (in bytes, to be safe for PostgreSQL's NAMEDATALEN).
fn limit(d: Dialect) -> usize {
    match d {
        Dialect::Postgres => 63,
        Dialect::Mysql => 64,
        Dialect::Sqlite => 128,
    }
}

/// The backup table of a whole dropped table.
pub fn table_backup(d: Dialect, dir: Direction, table: &QName) -> QName {
    QName::new(table.schema.clone(), fit(d, format!("{}{}", prefix(dir), table.name)))
}

/// The backup table of one column of `table`.
pub fn column_backup(d: Dialect, dir: Direction, table: &QName, column: &str) -> QName {
    QName::new(table.schema.clone(), fit(d, format!("{}{}_{column}", prefix(dir), table.name)))
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
        assert_eq!(column_backup(Dialect::Postgres, Direction::Up, &t, "email").name, "schemashift_backup_users_email");
        assert_eq!(table_backup(Dialect::Mysql, Direction::Up, &t).name, "schemashift_backup_users");
        assert_eq!(table_backup(Dialect::Mysql, Direction::Up, &t).schema, "public");
    }

    #[test]
    fn long_names_fit_the_limit_and_stay_distinct() {
        let t = QName::new("", "a_rather_long_table_name_for_orders");
        let a = column_backup(Dialect::Postgres, Direction::Up, &t, "shipping_address_line_one");
        let b = column_backup(Dialect::Postgres, Direction::Up, &t, "shipping_address_line_two");
        assert_eq!(a.name.len(), 63);
        assert_ne!(a, b);
        assert!(column_backup(Dialect::Mysql, Direction::Up, &t, "shipping_address_line_one").name.len() <= 64);
        // Multi-byte names are cut on a character boundary.
        let u = QName::new("", "ééééééééééééééééééééééééééééééééééé");
        assert!(table_backup(Dialect::Postgres, Direction::Up, &u).name.len() <= 63);
    }

    #[test]
    fn down_backups_never_take_an_up_backup_name() {
        let t = QName::new("", "users");
        assert_eq!(column_backup(Dialect::Sqlite, Direction::Down, &t, "role_id").name, "schemashift_down_backup_users_role_id");
        assert_ne!(table_backup(Dialect::Sqlite, Direction::Down, &t), table_backup(Dialect::Sqlite, Direction::Up, &t));
    }
}
