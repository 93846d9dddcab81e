//! The up side of `--preserve-data`: before each destructive step, copy what it destroys into
//! a backup table (`CREATE TABLE ... AS SELECT`, which all three engines have).

use super::key::find_key;
use super::sql::Sql;
use super::{names, Key, Preserved, PreservedKind};
use crate::diff::Change;
use crate::diff::Renames;
use crate::model::type_change::is_narrowing;
use crate::model::{Column, QName, Schema, Table};
use crate::plan::{Direction, Step};
use crate::Dialect;

/// A column to back up: the table and column as BEFORE and AFTER name them, and where the
/// data is read from when the backup runs.
struct ColumnSource<'a> {
    kind: PreservedKind,
    old: &'a Table,
    new: &'a Table,
    column: &'a Column,
    /// The table's name and the column's name when the step runs.
    live: &'a QName,
    live_column: &'a str,
    to_new: &'a dyn Fn(&str) -> String,
}

/// `dir`: which migration `up` is (down backs up what up created, under other names).
pub(super) fn add_backups(
    up: &mut [Step],
    before: &Schema,
    after: &Schema,
    renames: &Renames,
    d: Dialect,
    dir: Direction,
) -> Vec<Preserved> {
    let sql = Sql { d };
    let mut out = Vec::new();
    for step in up.iter_mut() {
        let mut made: Vec<(Preserved, String)> = Vec::new();
        match &step.change {
            Change::DropColumn { table, column } | Change::AlterColumn { table, from: column, .. } if column.generated.is_none() => {
                let kind = match &step.change {
                    Change::AlterColumn { from, to, .. } if is_narrowing(d, &from.data_type, &to.data_type) => {
                        PreservedKind::NarrowedColumn
                    }
                    Change::AlterColumn { .. } => continue,
                    _ => PreservedKind::DroppedColumn,
                };
                let tb = renames.table_from(table);
                let (Some(old), Some(new)) = (before.tables.get(&tb), after.tables.get(table)) else { continue };
                let Some(old_col) = old.column(&renames.column_from(table, &column.name)) else { continue };
                let to_new = |c: &str| renames.column_to(table, c);
                let src = ColumnSource { kind, old, new, column: old_col, live: table, live_column: &column.name, to_new: &to_new };
                made.push(column_backup(&sql, &src, dir));
            }
            Change::DropTable { table } => {
                if let Some(p) = table_backup(&sql, table, before, after, dir) {
                    made.push(p);
                }
            }
            Change::RebuildTable { from, to, renamed_columns } => {
                let tb = renames.table_from(&to.name);
                let Some(old) = before.tables.get(&tb) else { continue };
                let to_new =
                    |c: &str| renamed_columns.iter().find(|(o, _)| o == c).map(|(_, n)| n.clone()).unwrap_or_else(|| c.to_string());
                for c in &from.columns {
                    if c.generated.is_some() {
                        continue;
                    }
                    let kind = match to.column(&to_new(&c.name)) {
                        None => PreservedKind::DroppedColumn,
                        Some(n) if is_narrowing(d, &c.data_type, &n.data_type) => PreservedKind::NarrowedColumn,
                        // The copy fills its NULLs with the new default (`COALESCE`): kept so down brings them back.
                        Some(n) if c.nullable && !n.nullable && n.default.is_some() => PreservedKind::NarrowedColumn,
                        Some(_) => continue,
                    };
                    let Some(old_col) = old.column(&c.name) else { continue };
                    let src =
                        ColumnSource { kind, old: from, new: to, column: old_col, live: &from.name, live_column: &c.name, to_new: &to_new };
                    let mut p = column_backup(&sql, &src, dir);
                    p.0.table = tb.clone();
                    p.0.backup = names::column_backup(d, dir, &tb, &old_col.name);
                    p.1 = sql.create_backup(&p.0.backup, &from.name, &select_list(&sql, from, p.0.key.as_ref(), &c.name, old_col));
                    made.push(p);
                }
            }
            _ => {}
        }
        for (i, (p, statement)) in made.into_iter().enumerate() {
            step.statements.insert(i, statement);
            out.push(p);
        }
    }
    out
}

fn column_backup(sql: &Sql, src: &ColumnSource<'_>, dir: Direction) -> (Preserved, String) {
    let key = find_key(sql.d, src.old, src.new, src.to_new, &[src.column.name.as_str()]);
    let backup = names::column_backup(sql.d, dir, &src.old.name, &src.column.name);
    let select = select_list(sql, src.old, key.as_ref(), src.live_column, src.column);
    let statement = sql.create_backup(&backup, src.live, &select);
    let note = key.is_none().then(|| "no column identifies the rows: the backup holds whole rows, restore by hand".to_string());
    let p = Preserved {
        kind: src.kind,
        direction: dir,
        table: src.old.name.clone(),
        column: Some(src.column.name.clone()),
        backup,
        restored: false,
        key,
        note,
    };
    (p, statement)
}

/// The key columns and the column itself; every column (`*`) when there is no key.
fn select_list(sql: &Sql, old: &Table, key: Option<&Key>, live_column: &str, column: &Column) -> Vec<String> {
    let Some(key) = key else { return Vec::new() };
    let mut out: Vec<String> =
        key.columns.iter().zip(&key.current).filter_map(|(k, cur)| old.column(k).map(|c| sql.backup_expr(cur, c))).collect();
    out.push(sql.backup_expr(live_column, column));
    out
}

fn table_backup(sql: &Sql, table: &Table, before: &Schema, after: &Schema, dir: Direction) -> Option<(Preserved, String)> {
    // A table re-created because its partitioning changes keeps its rows itself (`HoldRows`).
    if sql.d == crate::Dialect::Postgres && crate::diff::repartitioned(before, after, &table.name) {
        return None;
    }
    // A partition whose parent goes too is in the parent's backup.
    if let Some(p) = &table.options.partition_of {
        if !after.tables.contains_key(&p.parent) && before.tables.contains_key(&p.parent) {
            return None;
        }
    }
    let backup = names::table_backup(sql.d, dir, &table.name);
    let select: Vec<String> = table.columns.iter().map(|c| sql.backup_expr(&c.name, c)).collect();
    let statement = sql.create_backup(&backup, &table.name, &select);
    let note = (table.options.partition_by.is_some() || !table.options.inherits.is_empty())
        .then(|| "partitioned or inheriting table: put the rows back by hand once its partitions exist".to_string());
    let p = Preserved {
        kind: PreservedKind::DroppedTable,
        direction: dir,
        table: table.name.clone(),
        column: None,
        backup,
        key: None,
        restored: false,
        note,
    };
    Some((p, statement))
}
