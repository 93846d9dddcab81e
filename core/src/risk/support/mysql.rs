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

/// Lines that run the change with an online schema-change tool instead, checked against the
/// tools' documented requirements on the table as it is before the step (`ctx.before`):
/// - both copy rows by a PRIMARY KEY or a UNIQUE KEY over NOT NULL columns (pt-online-schema-change:
///   "a PRIMARY KEY or a unique index is required", <https://docs.percona.com/percona-toolkit/pt-online-schema-change.html>;
///   gh-ost: "a shared, non-null unique key", <https://github.com/github/gh-ost/blob/master/doc/requirements-and-limitations.md>);
/// - gh-ost supports neither triggers nor foreign keys on the table (either side);
/// - pt-online-schema-change needs `--preserve-triggers` for a table with triggers, and
///   `--alter-foreign-keys-method` when other tables' foreign keys reference it.
pub fn online_tool(ctx: &crate::risk::RiskContext<'_>, table: &QName, alter: &str) -> Vec<String> {
    let head = format!("ALTER TABLE {} ", crate::render::quote::qname(crate::Dialect::Mysql, table));
    let body =
        alter.strip_prefix(&head).map(|b| b.trim().trim_end_matches(';').to_string()).unwrap_or_else(|| "<alter clause>".to_string());
    let db = if table.schema.is_empty() { "<database>".to_string() } else { table.schema.clone() };
    let body = body.replace('"', "\\\"");
    let old = ctx.before.tables.get(table);
    if old.is_some_and(|t| !has_copy_key(t)) {
        return vec![format!(
            "-- no online schema-change tool: gh-ost and pt-online-schema-change need a PRIMARY KEY or a UNIQUE KEY over NOT NULL columns, which {table} lacks"
        )];
    }
    let triggers = ctx.before.triggers.keys().any(|(t, _)| t == table);
    let has_fk = old.is_some_and(|t| t.foreign_keys().next().is_some());
    let referenced = ctx.before.tables.values().any(|t| {
        t.name != *table
            && t.foreign_keys().any(|c| matches!(&c.kind, crate::model::ConstraintKind::ForeignKey { ref_table, .. } if ref_table == table))
    });
    let mut flags = String::new();
    if triggers {
        flags.push_str(" --preserve-triggers");
    }
    if referenced {
        flags.push_str(" --alter-foreign-keys-method=auto");
    }
    let mut out = vec![format!("-- shell: pt-online-schema-change --alter \"{body}\" D={db},t={}{flags} --execute", table.name)];
    let gh_ost_no = match (triggers, has_fk || referenced) {
        (true, _) => Some("triggers"),
        (_, true) => Some("foreign keys"),
        _ => None,
    };
    out.push(match gh_ost_no {
        None => format!("-- or shell: gh-ost --database={db} --table={} --alter=\"{body}\" --execute", table.name),
        Some(why) => format!("-- not gh-ost: it does not support {why} on the table"),
    });
    out
}

/// A PRIMARY KEY, or a UNIQUE key (constraint or index) whose columns are all NOT NULL.
pub(crate) fn has_copy_key(t: &Table) -> bool {
    let not_null = |c: &str| t.column(c).is_some_and(|col| !col.nullable);
    if !t.primary_key_columns().is_empty() {
        return true;
    }
    let unique_constraint = t.constraints.iter().any(|c| match &c.kind {
        crate::model::ConstraintKind::Unique { columns, .. } => !columns.is_empty() && columns.iter().all(|c| not_null(c)),
        _ => false,
    });
    let unique_index = t.indexes.iter().any(|i| {
        i.unique && i.predicate.is_none() && !i.elems.is_empty() && i.columns().count() == i.elems.len() && i.columns().all(not_null)
    });
    unique_constraint || unique_index
}

/// Whether MySQL/MariaDB can add `column` to `table` (as it is after the migration) with
/// `ALGORITHM=INSTANT`; `Err` says why not.
pub fn instant_add_column(target: Target, before: &Table, table: &Table, column: &Column, statement: Option<&str>) -> Result<(), String> {
    let last = appended_last(before, table, column, statement);
    if column.auto_increment {
        return Err("AUTO_INCREMENT columns cannot be added instantly".into());
    }
    if column.generated.as_ref().is_some_and(|g| g.stored) {
        return Err("stored generated columns need a table copy".into());
    }
    if table.indexes.iter().any(|i| i.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("fulltext"))) {
        return Err("the table has a FULLTEXT index".into());
    }
    if table.options.other.iter().any(|o| o.to_ascii_lowercase().replace(' ', "") == "row_format=compressed") {
        return Err("the table uses ROW_FORMAT=COMPRESSED".into());
    }
    if !target.instant_add_column() {
        return Err(format!("{} has no instant ADD COLUMN (MySQL 8.0.12+, MariaDB 10.3+)", target.label()));
    }
    if !last && !target.instant_add_column_anywhere() {
        return Err(if target.instant_columns_in_patch_release() {
            "before MySQL 8.0.29 only a column added at the end is instant".into()
        } else {
            format!("{} adds columns instantly only at the end", target.label())
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
        rest.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("").to_string()
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
    let cs = column.charset.as_deref().or(table.and_then(|t| t.options.charset.as_deref()));
    super::types::mysql_charset_bytes(cs)
}

/// Whether a column of this table can be made NOT NULL with `ALGORITHM=INPLACE`: both engines
/// rebuild the table for it, and MariaDB 10.11 refuses that rebuild in place when the table has
/// a STORED generated column (ERROR 1845, with or without rows; verified on the engine, also
/// for one the same plan adds first: `after`); MySQL's online DDL tables do not document the
/// case. Plans state no algorithm there and let the server choose.
pub fn not_null_in_place(before: &Table, after: Option<&Table>) -> bool {
    let stored = |t: &Table| t.columns.iter().any(|c| c.generated.as_ref().is_some_and(|g| g.stored));
    !stored(before) && !after.is_some_and(stored)
}
