//! Safe-alternative recipes used by several rules: batched backfills, PostgreSQL's online
//! NOT NULL, concurrent index statements.

use super::sql::{derived_name, id, qn, ty};
use crate::model::{Column, QName};
use crate::{Dialect, Target};

/// One batch of a backfill, to repeat until it updates no rows.
pub fn backfill(d: Dialect, table: &QName, column: &str, expr: &str) -> String {
    let (t, c) = (qn(d, table), id(d, column));
    let body = match d {
        Dialect::Postgres => format!("UPDATE {t} SET {c} = {expr} WHERE ctid IN (SELECT ctid FROM {t} WHERE {c} IS NULL LIMIT 10000)"),
        Dialect::Mysql => format!("UPDATE {t} SET {c} = {expr} WHERE {c} IS NULL LIMIT 10000"),
        Dialect::Sqlite => format!("UPDATE {t} SET {c} = {expr} WHERE rowid IN (SELECT rowid FROM {t} WHERE {c} IS NULL LIMIT 10000)"),
    };
    format!("-- repeat in its own transaction until it updates 0 rows\n{body}")
}

/// PostgreSQL: make `column` NOT NULL without holding ACCESS EXCLUSIVE during the scan.
pub fn pg_not_null(target: Target, table: &QName, column: &str) -> Vec<String> {
    let d = Dialect::Postgres;
    let (t, c) = (qn(d, table), id(d, column));
    let name = id(d, &derived_name(table, &format!("{column}_not_null")));
    if target.virtual_generated_columns() {
        return vec![
            format!("ALTER TABLE {t} ADD CONSTRAINT {name} NOT NULL {c} NOT VALID"),
            format!("-- in a separate transaction\nALTER TABLE {t} VALIDATE CONSTRAINT {name}"),
        ];
    }
    let mut out = vec![
        format!("ALTER TABLE {t} ADD CONSTRAINT {name} CHECK ({c} IS NOT NULL) NOT VALID"),
        format!("-- in a separate transaction\nALTER TABLE {t} VALIDATE CONSTRAINT {name}"),
    ];
    if target.not_null_proven_by_check() {
        out.push(format!("-- no scan: the validated check proves it\nALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL"));
        out.push(format!("ALTER TABLE {t} DROP CONSTRAINT {name}"));
    } else {
        out.push("-- before PostgreSQL 12 SET NOT NULL always scans: keep the check instead".to_string());
    }
    out
}

/// PostgreSQL: add `column` with its `default` without rewriting the table: the column alone,
/// then the default (for new rows only), a batched backfill of the existing rows, and the online
/// NOT NULL when the column is NOT NULL.
pub fn pg_add_column_then_default(target: Target, table: &QName, column: &Column, default: &str) -> Vec<String> {
    let d = Dialect::Postgres;
    let (t, c) = (qn(d, table), id(d, &column.name));
    let mut out = vec![
        format!("ALTER TABLE {t} ADD COLUMN {c} {}", ty(d, &column.data_type)),
        format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {default}"),
        backfill(d, table, &column.name, default),
    ];
    if !column.nullable {
        out.extend(pg_not_null(target, table, &column.name));
    }
    out
}

/// Rewrite `CREATE [UNIQUE] INDEX` / `DROP INDEX` into its CONCURRENTLY form.
pub fn concurrently(statement: &str) -> String {
    let upper = statement.to_ascii_uppercase();
    if upper.contains("CONCURRENTLY") {
        return statement.to_string();
    }
    for head in ["CREATE UNIQUE INDEX ", "CREATE INDEX ", "DROP INDEX "] {
        if let Some(pos) = upper.find(head) {
            let end = pos + head.len();
            let mut out = crate::text::upto(statement, end).to_string();
            out.push_str("CONCURRENTLY ");
            if head == "DROP INDEX " && !crate::text::from(&upper, end).starts_with("IF EXISTS") {
                out.push_str("IF EXISTS ");
            }
            out.push_str(crate::text::from(statement, end));
            return out;
        }
    }
    statement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrently_forms() {
        assert_eq!(concurrently("CREATE INDEX \"i\" ON \"t\" (\"a\")"), "CREATE INDEX CONCURRENTLY \"i\" ON \"t\" (\"a\")");
        assert_eq!(concurrently("DROP INDEX \"public\".\"i\""), "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"i\"");
    }

    #[test]
    fn not_null_recipe_by_version() {
        let t = QName::new("public", "users");
        let v11 = pg_not_null(Target { dialect: Dialect::Postgres, flavor: crate::Flavor::Postgres, version: (11, 0) }, &t, "email");
        assert!(v11.last().is_some_and(|s| s.contains("keep the check")));
        let v15 = pg_not_null(Target { dialect: Dialect::Postgres, flavor: crate::Flavor::Postgres, version: (15, 0) }, &t, "email");
        assert!(v15[2].contains("SET NOT NULL"));
        let v18 = pg_not_null(Target { dialect: Dialect::Postgres, flavor: crate::Flavor::Postgres, version: (18, 0) }, &t, "email");
        assert!(v18[0].contains("NOT NULL \"email\" NOT VALID"));
    }
}
