//! MySQL/MariaDB character sets and collations that one side leaves unspecified.
//!
//! A table without `DEFAULT CHARSET` takes the database's default, and a column without
//! `CHARACTER SET`/`COLLATE` takes its table's. Hand-written DDL usually says nothing, while
//! `mysqldump` spells the inherited values out on every table. The model cannot know the
//! server's defaults, so "unspecified" means "whatever the database already has": it matches
//! any value on the other side, and no migration converts a table or column because the other
//! side did not state its character set (`CONVERT TO` rewrites the whole table). A change is
//! made only when both sides state different values.

use super::Schema;
use crate::Dialect;

/// Fill each unspecified table or column character set / collation of `a` and `b` from the
/// other side, for tables and columns present in both. Only for MySQL/MariaDB schemas.
pub fn unify_unspecified_charsets(a: &mut Schema, b: &mut Schema) {
    if a.dialect != Dialect::Mysql || b.dialect != Dialect::Mysql {
        return;
    }
    for (name, ta) in a.tables.iter_mut() {
        let Some(tb) = b.tables.get_mut(name) else { continue };
        // A column without a collation in a table that states its character set has the
        // table's collation: that is stated too, and differs from a column's own collation.
        let stated = |t: &super::Table| t.options.charset.is_some() || t.options.collation.is_some();
        let (a_stated, b_stated) = (stated(ta), stated(tb));
        fill(&mut ta.options.charset, &mut tb.options.charset, true, true);
        fill(&mut ta.options.collation, &mut tb.options.collation, true, true);
        for ca in ta.columns.iter_mut() {
            let Some(cb) = tb.columns.iter_mut().find(|c| c.name == ca.name) else { continue };
            fill(&mut ca.charset, &mut cb.charset, true, true);
            fill(&mut ca.collation, &mut cb.collation, !a_stated, !b_stated);
        }
    }
}

/// Copy a value to the side that leaves it unspecified, if that side may take it.
fn fill(x: &mut Option<String>, y: &mut Option<String>, x_open: bool, y_open: bool) {
    match (x.is_some(), y.is_some()) {
        (false, true) if x_open => *x = y.clone(),
        (true, false) if y_open => *y = x.clone(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, DataType, QName, Table};

    fn schema(dialect: Dialect, charset: Option<&str>, col_collation: Option<&str>) -> Schema {
        let mut s = Schema::new(dialect);
        let mut t = Table::new(QName::new("", "t"));
        t.options.charset = charset.map(str::to_string);
        let mut c = Column::new("a", DataType::simple("text"));
        c.collation = col_collation.map(str::to_string);
        t.columns.push(c);
        s.tables.insert(t.name.clone(), t);
        s
    }

    #[test]
    fn unspecified_matches_what_the_other_side_states() {
        let mut dump = schema(Dialect::Mysql, Some("utf8mb4"), Some("utf8mb4_bin"));
        let mut ddl = schema(Dialect::Mysql, None, None);
        unify_unspecified_charsets(&mut dump, &mut ddl);
        assert!(dump.same_as(&ddl));
    }

    #[test]
    fn a_column_of_a_table_with_a_stated_charset_has_the_table_collation() {
        // `varchar(9)` in a utf8mb4 table vs `varchar(9) BINARY` (utf8mb4_bin): a change.
        let mut plain = schema(Dialect::Mysql, Some("utf8mb4"), None);
        let mut binary = schema(Dialect::Mysql, Some("utf8mb4"), Some("utf8mb4_bin"));
        unify_unspecified_charsets(&mut plain, &mut binary);
        assert!(!plain.same_as(&binary));
    }

    #[test]
    fn two_stated_values_still_differ() {
        let a = schema(Dialect::Mysql, Some("latin1"), None);
        let b = schema(Dialect::Mysql, Some("utf8mb4"), None);
        assert!(!a.same_as(&b));
    }

    #[test]
    fn postgres_collations_are_left_alone() {
        let mut a = schema(Dialect::Postgres, None, Some("C"));
        let mut b = schema(Dialect::Postgres, None, None);
        unify_unspecified_charsets(&mut a, &mut b);
        assert!(b.tables.values().all(|t| t.columns[0].collation.is_none()));
    }
}
