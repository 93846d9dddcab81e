//! MySQL/MariaDB online-DDL facts shared by the `mysql-` rules.

use crate::model::{Column, QName, Table};
use crate::Target;

/// `ALGORITHM=..., LOCK=...` appended to an `ALTER TABLE` statement (left alone when it
/// already names an algorithm).
pub fn with_algorithm(statement: &str, algorithm: &str, lock: Option<&str>) -> String {
    if statement.to_ascii_uppercase().contains("ALGORITHM") {
        return statement.to_string();
    }
    let base = statement.trim_end().trim_end_matches(';');
    match lock {
        Some(l) => format!("{base}, ALGORITHM={algorithm}, LOCK={l}"),
        None => format!("{base}, ALGORITHM={algorithm}"),
    }
}

/// Lines that run the change with an online schema-change tool instead.
pub fn online_tool(table: &QName, alter: &str) -> Vec<String> {
    let head = format!(
        "ALTER TABLE {} ",
        crate::render::quote::qname(crate::Dialect::Mysql, table)
    );
    let body = alter
        .strip_prefix(&head)
        .map(|b| b.trim().trim_end_matches(';').to_string())
        .unwrap_or_else(|| "<alter clause>".to_string());
    let db = if table.schema.is_empty() {
        "<database>".to_string()
    } else {
        table.schema.clone()
    };
    let body = body.replace('"', "\\\"");
    vec![
        format!(
            "-- shell: pt-online-schema-change --alter \"{body}\" D={db},t={} --execute",
            table.name
        ),
        format!(
            "-- or shell: gh-ost --database={db} --table={} --alter=\"{body}\" --execute",
            table.name
        ),
    ]
}

/// Whether MySQL/MariaDB can add `column` to `table` (as it is after the migration) with
/// `ALGORITHM=INSTANT`; `Err` says why not.
pub fn instant_add_column(
    target: Target,
    before: &Table,
    table: &Table,
    column: &Column,
    statement: Option<&str>,
) -> Result<(), String> {
    let last = appended_last(before, table, column, statement);
    if column.auto_increment {
        return Err("AUTO_INCREMENT columns cannot be added instantly".into());
    }
    if column.generated.as_ref().is_some_and(|g| g.stored) {
        return Err("stored generated columns need a table copy".into());
    }
    if table.indexes.iter().any(|i| {
        i.kind
            .as_deref()
            .is_some_and(|k| k.eq_ignore_ascii_case("fulltext"))
    }) {
        return Err("the table has a FULLTEXT index".into());
    }
    if table
        .options
        .other
        .iter()
        .any(|o| o.to_ascii_lowercase().replace(' ', "") == "row_format=compressed")
    {
        return Err("the table uses ROW_FORMAT=COMPRESSED".into());
    }
    let mariadb = target.flavor == crate::Flavor::Mariadb;
    if !target.instant_add_column() {
        let since = if mariadb { "10.3+" } else { "8.0.12+" };
        return Err(format!("{} has no instant ADD COLUMN ({since})", target.label()));
    }
    if !last && !target.instant_add_column_anywhere() {
        // MySQL 8.0.29 added any-position instant columns; the target's patch level is unknown.
        return Err(if mariadb {
            "MariaDB 10.3 adds columns instantly only at the end".into()
        } else {
            "before MySQL 8.0.29 only a column added at the end is instant".into()
        });
    }
    Ok(())
}

/// Whether the column lands after every column the table has when the statement runs.
/// Without `AFTER`/`FIRST` MySQL appends; `AFTER x` appends when x is the last column of the
/// table before the migration, or an added column placed after that (still present) column.
fn appended_last(before: &Table, after: &Table, column: &Column, statement: Option<&str>) -> bool {
    let Some(stmt) = statement else {
        return after.columns.last().is_some_and(|c| c.name == column.name);
    };
    let upper = stmt.to_ascii_uppercase();
    if upper.contains(" FIRST") {
        return false;
    }
    let Some(pos) = upper.find(" AFTER ") else {
        return true;
    };
    let rest = crate::text::from(stmt, pos + " AFTER ".len()).trim_start();
    let target: String = if let Some(r) = rest.strip_prefix('`') {
        r.split('`').next().unwrap_or("").to_string()
    } else {
        rest.split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let Some(old_last) = before.columns.last() else {
        return true;
    };
    if target == old_last.name {
        return true;
    }
    if before.column(&target).is_some() {
        return false;
    }
    let pos_of = |name: &str| after.columns.iter().position(|c| c.name == name);
    matches!((pos_of(&old_last.name), pos_of(&target)), (Some(a), Some(b)) if a < b)
}

/// Bytes per character of the column's character set (table default, else utf8mb4).
pub fn char_bytes(table: Option<&Table>, column: &Column) -> u64 {
    let cs = column
        .charset
        .as_deref()
        .or(table.and_then(|t| t.options.charset.as_deref()));
    super::types::mysql_charset_bytes(cs)
}
