//! Renderer tests on hand-built models: the whole diff → plan → render path, asserting the
//! SQL (behaviour checks plus insta snapshots of whole scripts).

mod mysql;
mod mysql8;
mod mysql_events;
mod pg_objects;
mod postgres;
mod sqlite;

use crate::diff::{diff, Renames};
use crate::model::*;
use crate::plan::{self, Step};
use crate::{Dialect, Options, Target};

pub(super) fn ty(base: &str) -> DataType {
    DataType::simple(base)
}

pub(super) fn col(name: &str, t: &str) -> Column {
    Column::new(name, ty(t))
}

pub(super) fn not_null(mut c: Column) -> Column {
    c.nullable = false;
    c
}

pub(super) fn with_default(mut c: Column, d: &str) -> Column {
    c.default = Some(d.to_string());
    c
}

pub(super) fn qn(d: Dialect, name: &str) -> QName {
    match d {
        Dialect::Postgres => QName::new("public", name),
        _ => QName::new("", name),
    }
}

pub(super) fn table(d: Dialect, name: &str, cols: Vec<Column>) -> Table {
    let mut t = Table::new(qn(d, name));
    t.columns = cols;
    t
}

pub(super) fn pk(name: Option<&str>, cols: &[&str]) -> Constraint {
    Constraint {
        name: name.map(str::to_string),
        kind: ConstraintKind::PrimaryKey { columns: cols.iter().map(|c| c.to_string()).collect() },
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    }
}

pub(super) fn fk(d: Dialect, name: &str, c: &str, to: &str) -> Constraint {
    Constraint {
        name: Some(name.into()),
        kind: ConstraintKind::ForeignKey {
            columns: vec![c.into()],
            ref_table: qn(d, to),
            ref_columns: vec!["id".into()],
            on_delete: FkAction::Cascade,
            on_update: FkAction::NoAction,
            match_type: FkMatch::Simple,
        },
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    }
}

pub(super) fn schema(d: Dialect, tables: Vec<Table>) -> Schema {
    let mut s = Schema::new(d);
    for mut t in tables {
        t.canonicalize();
        s.tables.insert(t.name.clone(), t);
    }
    s
}

/// Up and down steps for the target.
pub(super) fn steps(before: &Schema, after: &Schema, target: Target) -> (Vec<Step>, Vec<Step>) {
    let options = Options { target, ..Options::new(target.dialect) };
    let (r, _) = Renames::collect(before, after, &[]);
    let up = plan::plan(diff(before, after, &target, &r).changes, before, after, &options);
    let down = plan::plan(diff(after, before, &target, &r.reversed()).changes, after, before, &options);
    (up, down)
}

/// The up and down scripts.
pub(super) fn scripts(before: &Schema, after: &Schema, target: Target) -> (String, String) {
    let (up, down) = steps(before, after, target);
    (crate::render::script(&up, &target, "up"), crate::render::script(&down, &target, "down"))
}

pub(super) fn default_target(d: Dialect) -> Target {
    Target::default_for(d)
}
