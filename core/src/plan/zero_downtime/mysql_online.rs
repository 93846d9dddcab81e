//! MySQL/MariaDB: state `ALGORITHM` and `LOCK` on the DDL the target documents as online
//! (MySQL 8.0 online DDL tables, MariaDB KB), so the server fails fast instead of silently
//! falling back to a blocking table copy. Conservative: INSTANT only for ADD COLUMN where
//! `risk::support::mysql::instant_add_column` allows it, `INPLACE, LOCK=NONE` where both
//! engines document concurrent DML, and the plain statement everywhere else (type changes,
//! foreign keys, CHECKs, dropping a primary key...), whose risk notes point to an online
//! schema-change tool (gh-ost, pt-online-schema-change).

use super::existing;
use crate::diff::Change;
use crate::model::{Column, ConstraintKind, Table};
use crate::plan::{Rewrite, Step};
use crate::render::{common, RenderContext};
use crate::risk::support::{mysql, types};

const INPLACE: &str = "INPLACE";

pub(super) fn rewrite(steps: Vec<Step>, ctx: &RenderContext<'_>) -> Vec<Step> {
    steps.into_iter().map(|step| online(step, ctx)).collect()
}

fn online(mut step: Step, ctx: &RenderContext<'_>) -> Step {
    // TiDB and Vitess run the change online their own way: the clauses would be ignored.
    if !ctx.target.algorithm_lock_clauses() {
        return step;
    }
    let Some(table) = step.change.table().cloned() else {
        return step;
    };
    let Some(before) = existing(ctx, &table) else {
        return step;
    };
    let [statement] = step.statements.as_slice() else {
        return step;
    };
    let Some((algorithm, lock)) = choice(&step.change, &before, statement, ctx) else {
        return step;
    };
    let upper = statement.to_ascii_uppercase();
    let rewritten = if upper.starts_with("ALTER TABLE ") {
        mysql::with_algorithm(statement, algorithm, lock)
    } else if let Change::DropIndex { index, .. } = &step.change {
        // MariaDB takes no ALGORITHM on `DROP INDEX ... ON`: the ALTER TABLE form does.
        let (i, t) = (ctx.id(&index.name), ctx.q(&table));
        if *statement != format!("DROP INDEX {i} ON {t}") {
            return step;
        }
        mysql::with_algorithm(&format!("ALTER TABLE {t} DROP INDEX {i}"), algorithm, lock)
    } else if upper.starts_with("CREATE ") {
        let lock = lock.map(|l| format!(" LOCK={l}")).unwrap_or_default();
        format!("{} ALGORITHM={algorithm}{lock}", statement.trim_end().trim_end_matches(';'))
    } else {
        return step;
    };
    step.statements = vec![rewritten];
    step.rewrite = Some(Rewrite::MysqlOnline);
    step
}

/// The algorithm and lock the change may state on this target, `None` for the plain statement.
fn choice(change: &Change, before: &Table, statement: &str, ctx: &RenderContext<'_>) -> Option<(&'static str, Option<&'static str>)> {
    let none = Some("NONE");
    let referenced = |col: &str| column_in_foreign_key(ctx, before, col);
    match change {
        // FULLTEXT and SPATIAL builds block writes; MariaDB builds `USING HASH` keys over a
        // hidden virtual column, which INPLACE cannot combine with the index.
        Change::CreateIndex { index, .. } if index.kind.is_none() && index.method.is_none() => Some((INPLACE, none)),
        Change::DropIndex { .. } => Some((INPLACE, none)),
        Change::AddColumn { table, column } => {
            if column.auto_increment || column.generated.as_ref().is_some_and(|g| g.stored) {
                return None;
            }
            if column.default.as_ref().is_some_and(|d| !common::is_constant_default(d)) {
                return None;
            }
            let after = ctx.to_table(table)?;
            // MariaDB: a column placed before the last one of a table with VIRTUAL columns is
            // added by COPY only ("INPLACE ADD or DROP of virtual columns cannot be combined
            // with other ALTER TABLE actions", ERROR 1846 for INSTANT, NOCOPY and INPLACE).
            let virtual_columns = before.columns.iter().any(|c| c.generated.as_ref().is_some_and(|g| !g.stored));
            let last = after.columns.last().is_some_and(|c| c.name == column.name);
            if !ctx.target.inplace_add_column_beside_virtual() && virtual_columns && !last {
                return None;
            }
            match mysql::instant_add_column(ctx.target, before, after, column, Some(statement)) {
                Ok(()) => Some(("INSTANT", None)),
                Err(_) => Some((INPLACE, none)),
            }
        }
        Change::DropColumn { column, .. } => {
            let in_key = before.primary_key_columns().contains(&column.name);
            (!in_key && !referenced(&column.name) && column.generated.is_none()).then_some((INPLACE, none))
        }
        Change::RenameColumn { from, .. } => (!referenced(from)).then_some((INPLACE, none)),
        Change::AlterColumn { table, from, to } => {
            if from.nullable && !to.nullable && !mysql::not_null_in_place(before, ctx.to_table(table)) {
                return None;
            }
            online_alter(from, to, before).then_some((INPLACE, none))
        }
        Change::AddConstraint { constraint, .. } => match &constraint.kind {
            // A unique key over BLOB/TEXT is a MariaDB hash key over a hidden virtual column,
            // which INPLACE cannot add.
            ConstraintKind::Unique { columns, .. } => {
                let long = |c: &String| {
                    before.column(c).is_none_or(|col| {
                        let b = col.data_type.base.to_ascii_lowercase();
                        b.contains("blob") || b.contains("text")
                    })
                };
                (!columns.iter().any(long)).then_some((INPLACE, none))
            }
            ConstraintKind::PrimaryKey { columns } if before.primary_key().is_none() => {
                columns.iter().all(|c| before.column(c).is_some_and(|col| !col.nullable)).then_some((INPLACE, none))
            }
            _ => None,
        },
        Change::DropConstraint { constraint, .. } => match &constraint.kind {
            ConstraintKind::ForeignKey { .. } | ConstraintKind::Unique { .. } => Some((INPLACE, none)),
            _ => None,
        },
        _ => None,
    }
}

/// MODIFY COLUMN changes both engines run in place with concurrent DML: default, comment,
/// NULL / NOT NULL, and VARCHAR growth that keeps the number of length bytes.
fn online_alter(from: &Column, to: &Column, before: &Table) -> bool {
    let same_rest = from.auto_increment == to.auto_increment
        && from.generated == to.generated
        && from.charset == to.charset
        && from.collation == to.collation
        // MariaDB column compression changes the column's format: COPY only (ERROR 1846).
        && from.storage.compression == to.storage.compression
        && from.on_update == to.on_update;
    if !same_rest {
        return false;
    }
    if from.data_type == to.data_type {
        return true;
    }
    let varchar = |c: &Column| c.data_type.base.eq_ignore_ascii_case("varchar") && c.data_type.array_dims == 0;
    if !(varchar(from) && varchar(to) && types::is_bounded_string(&from.data_type)) {
        return false;
    }
    let bytes = mysql::char_bytes(Some(before), from);
    match (from.data_type.length(), to.data_type.length()) {
        (Some(a), Some(b)) if b >= a => (a * bytes <= 255) == (b * bytes <= 255),
        _ => false,
    }
}

fn column_in_foreign_key(ctx: &RenderContext<'_>, table: &Table, column: &str) -> bool {
    let own = table
        .constraints
        .iter()
        .any(|c| matches!(&c.kind, ConstraintKind::ForeignKey { columns, .. } if columns.iter().any(|x| x == column)));
    let referencing = ctx.from.tables.values().any(|t| {
        t.constraints.iter().any(|c| {
            matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, ref_columns, .. }
                if *ref_table == table.name && ref_columns.iter().any(|x| x == column))
        })
    });
    own || referencing
}
