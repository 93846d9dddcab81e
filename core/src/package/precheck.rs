//! `precheck.sql` and `table-sizes.sql`: what to run against the live database before `up`.
//!
//! Each check counts the rows that would make a step fail (NULLs before SET NOT NULL, duplicate
//! keys before UNIQUE/PRIMARY KEY, orphans before a FOREIGN KEY, rows violating a new CHECK,
//! values out of range before a narrowing type change, rows of a table that gains a NOT NULL
//! column without default) or that a step would destroy (rows of dropped tables, values of
//! dropped columns). The checks read the database as it is *before* up, so names renamed by the
//! migration are mapped back to their old names.

use super::checks::{render_counts, CountCheck};
use crate::diff::Change;
use crate::model::{Column, ConstraintKind, QName, Table};
use crate::render::quote;
use crate::{Dialect, Migration};
use std::collections::BTreeMap;

/// The text of `precheck.sql`.
pub fn precheck_sql(m: &Migration) -> String {
    let d = m.target.dialect;
    let checks = collect(m);
    let mut out = String::from("-- schemashift precheck: run against the database BEFORE up.sql.\n");
    match d {
        Dialect::Postgres => out.push_str(
            "-- Each DO block raises an error naming the problem and the number of rows in the way.\n\
             -- Checks of data that up would destroy pass when the session sets\n\
             -- schemashift.allow_data_loss=on (PGOPTIONS='-c schemashift.allow_data_loss=on'),\n\
             -- once that data is backed up.\n\n",
        ),
        _ => out.push_str(
            "-- Every SELECT below must return NO rows. A row names a problem and how many rows of\n\
             -- data are in the way (rows that up would destroy are reported too: back them up).\n\n",
        ),
    }
    if checks.is_empty() {
        out.push_str("-- No data-dependent step: nothing to check.\n\n");
    } else {
        out.push_str(&render_counts(d, &checks));
    }
    out.push_str("-- Row counts of the tables the migration touches (see table-sizes.sql).\n");
    out.push_str(&super::table_sizes::table_sizes_sql(m));
    out
}

/// The table's name before the migration (the one rename table, `Migration.renames`).
pub fn old_table_name(m: &Migration, t: &QName) -> QName {
    m.renames.table_from(t)
}

/// The column's name before the migration.
fn old_column_name(m: &Migration, table: &QName, column: &str) -> String {
    m.renames.column_from(table, column)
}

/// All count checks of the up migration, in step order.
pub fn collect(m: &Migration) -> Vec<CountCheck> {
    let mut out = Vec::new();
    for step in &m.up {
        let c = Ctx { m, d: m.target.dialect };
        c.step(&step.change, &mut out);
    }
    out.extend(move_duplicates(m));
    out
}

/// Rows a copy (an accepted data move) would put twice under one key of its destination: the
/// up migration's guard stops before any DDL; this check says so ahead of time.
fn move_duplicates(m: &Migration) -> Vec<CountCheck> {
    use crate::plan::preserve::moves::{copied_keys, duplicates_sql};
    let d = m.target.dialect;
    let mut out = Vec::new();
    for mv in m.data_moves.iter().filter(|mv| mv.kind == crate::diff::MoveKind::Copy) {
        for (key, pk) in copied_keys(mv, &m.before, &m.after) {
            out.push(CountCheck {
                title: format!(
                    "keys ({}) that rows of {}{} copied into {} share (its {} refuses them)",
                    key.join(", "),
                    mv.parent,
                    mv.filter.as_ref().map(|f| format!(" where {f}")).unwrap_or_default(),
                    mv.child,
                    if pk { "primary key" } else { "unique key" }
                ),
                count_sql: format!("SELECT COUNT(*) AS n FROM ({}) AS schemashift_dup", duplicates_sql(mv, &key, pk, d)),
                data_loss: false,
                may_not_evaluate: false,
                hint: "fix those rows, or narrow the copy's filter, before up".into(),
            });
        }
    }
    out
}

struct Ctx<'a> {
    m: &'a Migration,
    d: Dialect,
}

impl Ctx<'_> {
    /// The table as it exists before up, if it does.
    fn existing(&self, t: &QName) -> Option<(&Table, QName)> {
        let old = old_table_name(self.m, t);
        self.m.before.tables.get(&old).map(|tb| (tb, old))
    }

    fn col(&self, table: &QName, name: &str) -> String {
        quote::ident(self.d, &old_column_name(self.m, table, name))
    }

    fn step(&self, change: &Change, out: &mut Vec<CountCheck>) {
        match change {
            Change::AddColumn { table, column } => {
                let needs_value = !column.nullable
                    && column.default.is_none()
                    && column.generated.is_none()
                    && column.identity.is_none()
                    && !column.auto_increment;
                if let (true, Some((_, old))) = (needs_value, self.existing(table)) {
                    out.push(CountCheck {
                        title: format!("rows of {old} that new NOT NULL column {} (no default) cannot fill", column.name),
                        count_sql: format!("SELECT COUNT(*) AS n FROM {}", quote::qname(self.d, &old)),
                        data_loss: false,
                        may_not_evaluate: false,
                        hint: "give the column a default, or add it nullable, backfill, then set NOT NULL".into(),
                    });
                }
            }
            Change::DropColumn { table, column } => {
                if let Some((_, old)) = self.existing(table).filter(|(_, old)| !self.kept(old, Some(&column.name))) {
                    out.push(CountCheck {
                        title: format!("values in {old}.{} that dropping the column destroys", column.name),
                        count_sql: format!(
                            "SELECT COUNT(*) AS n FROM {} WHERE {} IS NOT NULL",
                            quote::qname(self.d, &old),
                            self.col(table, &column.name)
                        ),
                        data_loss: true,
                        may_not_evaluate: false,
                        hint: "back the column up (or use --preserve-data) before running up".into(),
                    });
                }
            }
            Change::DropTable { table } => {
                if let Some((_, old)) = self.existing(&table.name).filter(|(_, old)| !self.kept(old, None)) {
                    out.push(CountCheck {
                        title: format!("rows in {old} that dropping the table destroys"),
                        count_sql: format!("SELECT COUNT(*) AS n FROM {}", quote::qname(self.d, &old)),
                        data_loss: true,
                        may_not_evaluate: false,
                        hint: "back the table up (or use --preserve-data) before running up".into(),
                    });
                }
            }
            Change::AlterColumn { table, from, to } => {
                if let Some((_, old)) = self.existing(table) {
                    self.column_change(table, &old, from, to, out);
                }
            }
            Change::AddConstraint { table, constraint } => {
                if let Some((_, old)) = self.existing(table) {
                    self.constraint(table, &old, &constraint.kind, out);
                }
            }
            Change::CreateIndex { table, index } if index.unique => {
                let cols: Vec<String> = index.columns().map(str::to_string).collect();
                if let (Some((_, old)), false) = (self.existing(table), cols.is_empty()) {
                    let kind = ConstraintKind::Unique { columns: cols, nulls_not_distinct: index.nulls_not_distinct };
                    self.constraint(table, &old, &kind, out);
                }
            }
            Change::RebuildTable { from, to, renamed_columns } => {
                self.rebuild(from, to, renamed_columns, out);
            }
            Change::RebuildEnum { from, to, columns } if self.d == Dialect::Postgres => {
                let kept: std::collections::BTreeSet<&String> = to.values.iter().collect();
                let removed: Vec<&String> = from.values.iter().filter(|v| !kept.contains(v)).collect();
                if removed.is_empty() {
                    return;
                }
                let list: Vec<String> = removed.iter().map(|v| quote::literal(self.d, v)).collect();
                for (t, c) in columns {
                    if let Some((_, old)) = self.existing(t) {
                        out.push(CountCheck {
                            title: format!("rows of {old}.{c} holding enum values that {} loses", to.name),
                            count_sql: format!(
                                "SELECT COUNT(*) AS n FROM {} WHERE {}::text IN ({})",
                                quote::qname(self.d, &old),
                                self.col(t, c),
                                list.join(", ")
                            ),
                            data_loss: false,
                            may_not_evaluate: false,
                            hint: "update those rows to a value that remains".into(),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn column_change(&self, table: &QName, old: &QName, from: &Column, to: &Column, out: &mut Vec<CountCheck>) {
        let t = quote::qname(self.d, old);
        let c = self.col(table, &to.name);
        if from.nullable && !to.nullable {
            out.push(CountCheck {
                title: format!("NULLs in {old}.{} that SET NOT NULL rejects", to.name),
                count_sql: format!("SELECT COUNT(*) AS n FROM {t} WHERE {c} IS NULL"),
                data_loss: false,
                may_not_evaluate: false,
                hint: "update the NULL rows to a value first".into(),
            });
        }
        if let Some(conv) = self.m.after.conversion(table, &to.name, &from.data_type, &to.data_type) {
            // The history's own conversion (`USING`), which up runs: every row is converted here as
            // there, so a row it cannot convert fails this count with the engine's own error.
            out.push(CountCheck {
                title: format!("values in {old}.{} that the history's USING cannot convert to {}", to.name, to.data_type),
                count_sql: format!("SELECT COUNT(*) AS n FROM {t} WHERE {c} IS NOT NULL AND ({}) IS NULL", conv.expr(&c)),
                data_loss: false,
                may_not_evaluate: false,
                hint: "fix those values, or the USING expression, before changing the type".into(),
            });
        } else if from.data_type != to.data_type {
            if let Some(cond) = crate::model::type_change::offending_rows(self.m.target, &c, &from.data_type, &to.data_type) {
                out.push(CountCheck {
                    title: format!("values in {old}.{} that do not fit {}", to.name, to.data_type),
                    count_sql: format!("SELECT COUNT(*) AS n FROM {t} WHERE {c} IS NOT NULL AND ({cond})"),
                    data_loss: false,
                    may_not_evaluate: false,
                    hint: "fix or widen those values before changing the type".into(),
                });
            }
            let (target, f, t2) = (self.m.target, &from.data_type, &to.data_type);
            let rounded =
                crate::model::type_change::rounded_rows(target, &c, f, t2).zip(crate::model::type_change::rounding_verb(target, f, t2));
            if let Some((cond, verb)) = rounded {
                out.push(CountCheck {
                    title: format!("values in {old}.{} that {t2} stores {verb} (without an error)", to.name),
                    count_sql: format!("SELECT COUNT(*) AS n FROM {t} WHERE {c} IS NOT NULL AND ({cond})"),
                    data_loss: true,
                    may_not_evaluate: false,
                    hint: "back those values up (--preserve-data) or accept that they change".into(),
                });
            }
        }
    }

    /// Whether the migration keeps the data of BEFORE's table `old` (its column `column`, or the
    /// whole table): a `--preserve-data` backup, or a data move the diff implies.
    fn kept(&self, old: &QName, column: Option<&str>) -> bool {
        use crate::diff::MoveKind;
        let backed_up =
            self.m.preserved.iter().any(|p| p.direction == crate::plan::Direction::Up && p.table == *old && p.column.as_deref() == column);
        let moved = self.m.data_moves.iter().any(|mv| match (mv.kind, column) {
            (MoveKind::Split, Some(c)) => mv.parent == *old && mv.columns.iter().any(|m| m == c),
            (MoveKind::Merge, None) => mv.child == *old,
            (MoveKind::Copy, None) => mv.parent == *old,
            _ => false,
        });
        backed_up || moved
    }

    /// Whether every column exists before up (a column added by the migration holds no data
    /// yet: its checks cannot be run, and need not be).
    fn existed(&self, table: &QName, old: &QName, cols: &[String]) -> bool {
        let Some(before) = self.m.before.tables.get(old) else { return false };
        cols.iter().all(|c| before.column(&old_column_name(self.m, table, c)).is_some())
    }

    fn constraint(&self, table: &QName, old: &QName, kind: &ConstraintKind, out: &mut Vec<CountCheck>) {
        let d = self.d;
        let t = quote::qname(d, old);
        if !self.existed(table, old, kind.columns()) {
            return;
        }
        if let ConstraintKind::Check { expr, .. } = kind {
            let before = self.m.before.tables.get(old);
            let after = self.m.after.tables.get(table);
            if let (Some(b), Some(a)) = (before, after) {
                let new_col = a
                    .columns
                    .iter()
                    .any(|c| b.column(&old_column_name(self.m, table, &c.name)).is_none() && expr.contains(c.name.as_str()));
                if new_col {
                    return;
                }
            }
        }
        match kind {
            ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
                let cols: Vec<String> = columns.iter().map(|c| self.col(table, c)).collect();
                let keep_nulls = matches!(kind, ConstraintKind::Unique { nulls_not_distinct: true, .. });
                if matches!(kind, ConstraintKind::PrimaryKey { .. }) {
                    let any_null: Vec<String> = cols.iter().map(|c| format!("{c} IS NULL")).collect();
                    out.push(CountCheck {
                        title: format!("NULL keys in {old} that the primary key rejects"),
                        count_sql: format!("SELECT COUNT(*) AS n FROM {t} WHERE {}", any_null.join(" OR ")),
                        data_loss: false,
                        may_not_evaluate: false,
                        hint: "fill the NULL key columns first".into(),
                    });
                }
                let filter = if keep_nulls {
                    String::new()
                } else {
                    let nn: Vec<String> = cols.iter().map(|c| format!("{c} IS NOT NULL")).collect();
                    format!(" WHERE {}", nn.join(" AND "))
                };
                out.push(CountCheck {
                    title: format!("duplicate ({}) groups in {old} that the unique key rejects", columns.join(", ")),
                    count_sql: format!(
                        "SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM {t}{filter} GROUP BY {} HAVING COUNT(*) > 1) AS dup",
                        cols.join(", ")
                    ),
                    data_loss: false,
                    may_not_evaluate: false,
                    hint: "remove or merge the duplicates first".into(),
                });
            }
            ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } => {
                let refs: Vec<String> = if ref_columns.is_empty() {
                    self.m.after.tables.get(ref_table).map(|r| r.primary_key_columns().to_vec()).unwrap_or_default()
                } else {
                    ref_columns.clone()
                };
                if refs.len() != columns.len() {
                    return;
                }
                let cols: Vec<String> = columns.iter().map(|c| self.col(table, c)).collect();
                let nn: Vec<String> = cols.iter().map(|c| format!("child.{c} IS NOT NULL")).collect();
                let parent = self.existing(ref_table).filter(|(_, parent_old)| self.existed(ref_table, parent_old, &refs));
                let orphan = match parent {
                    Some((_, parent_old)) => {
                        let eq: Vec<String> =
                            cols.iter().zip(&refs).map(|(c, r)| format!("parent.{} = child.{c}", self.col(ref_table, r))).collect();
                        format!(" AND NOT EXISTS (SELECT 1 FROM {} AS parent WHERE {})", quote::qname(d, &parent_old), eq.join(" AND "))
                    }
                    // The parent (or its key columns) is created by this migration: it starts
                    // empty, so every non-NULL key is an orphan.
                    None => String::new(),
                };
                out.push(CountCheck {
                    title: format!("rows of {old} without a parent row in {ref_table} (orphans)"),
                    count_sql: format!("SELECT COUNT(*) AS n FROM {t} AS child WHERE {}{orphan}", nn.join(" AND ")),
                    data_loss: false,
                    may_not_evaluate: false,
                    hint: "delete the orphans, set them NULL, or insert the missing parents first".into(),
                });
            }
            ConstraintKind::Check { expr, .. } => {
                out.push(CountCheck {
                    title: format!("rows of {old} that violate CHECK ({})", expr.replace('\n', " ")),
                    count_sql: format!("SELECT COUNT(*) AS n FROM {t} WHERE NOT ({expr})"),
                    data_loss: false,
                    hint: "fix the violating rows first".into(),
                    // The expression is written for the AFTER schema: on the BEFORE schema it
                    // may not evaluate (a column whose type changes in the same migration).
                    may_not_evaluate: true,
                });
            }
            ConstraintKind::Exclude { .. } => {}
        }
    }

    /// SQLite table rebuild: the checks of the column and constraint changes it carries.
    fn rebuild(&self, from: &Table, to: &Table, renamed: &[(String, String)], out: &mut Vec<CountCheck>) {
        let Some((_, old)) = self.existing(&from.name) else { return };
        let new_name_of = |c: &str| renamed.iter().find(|(f, _)| f == c).map(|(_, t)| t.clone()).unwrap_or_else(|| c.to_string());
        let old_name_of: BTreeMap<String, String> = from.columns.iter().map(|c| (new_name_of(&c.name), c.name.clone())).collect();
        let sub = Ctx { m: self.m, d: self.d };
        for col in &from.columns {
            match to.column(&new_name_of(&col.name)) {
                Some(new) => {
                    let mut renamed_new = new.clone();
                    renamed_new.name = col.name.clone();
                    sub.column_change(&old, &old, col, &renamed_new, out);
                }
                None => sub.step(&Change::DropColumn { table: old.clone(), column: col.clone() }, out),
            }
        }
        for col in &to.columns {
            if !old_name_of.contains_key(&col.name) {
                sub.step(&Change::AddColumn { table: old.clone(), column: col.clone() }, out);
            }
        }
        for con in &to.constraints {
            if from.constraints.iter().any(|c| c.kind == con.kind) {
                continue;
            }
            let map = |cols: &[String]| -> Vec<String> {
                cols.iter().map(|c| old_name_of.get(c).cloned().unwrap_or_else(|| c.clone())).collect()
            };
            let kind = match &con.kind {
                ConstraintKind::PrimaryKey { columns } => ConstraintKind::PrimaryKey { columns: map(columns) },
                ConstraintKind::Unique { columns, nulls_not_distinct } => {
                    ConstraintKind::Unique { columns: map(columns), nulls_not_distinct: *nulls_not_distinct }
                }
                ConstraintKind::ForeignKey { columns, ref_table, ref_columns, on_delete, on_update, match_type } => {
                    ConstraintKind::ForeignKey {
                        columns: map(columns),
                        ref_table: ref_table.clone(),
                        ref_columns: ref_columns.clone(),
                        on_delete: *on_delete,
                        on_update: *on_update,
                        match_type: *match_type,
                    }
                }
                other => other.clone(),
            };
            sub.constraint(&old, &old, &kind, out);
        }
    }
}
