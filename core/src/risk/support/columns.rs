//! The columns a step defines, for the rules that inspect column types (char(n), timestamp
//! without time zone, limited varchar, json, serial, MySQL TIMESTAMP): every column of a
//! created table, an added column, and — when the rule asks — the new side of an altered
//! column; and the column with a default that the ADD COLUMN default rules look at.

use super::{existing_table, sql};
use crate::diff::Change;
use crate::model::{Column, QName};
use crate::plan::Step;
use crate::risk::RiskContext;

/// A column added with a DEFAULT to a table that existed before (not a generated column):
/// the table, the column and its default. The ADD COLUMN default rules start from this.
pub fn added_with_default<'s>(step: &'s Step, ctx: &RiskContext<'_>) -> Option<(&'s QName, &'s Column, &'s str)> {
    let Change::AddColumn { table, column } = &step.change else { return None };
    if !sql::renders(step, &["ADD COLUMN", "DEFAULT"]) || column.generated.is_some() {
        return None;
    }
    existing_table(ctx, table)?;
    Some((table, column, column.default.as_deref()?))
}

/// Which column alterations count as defining the column anew.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Altered {
    /// Only created tables and added columns.
    Never,
    /// Also an altered column whose type changes.
    TypeChange,
    /// Also an altered column whose type or collation changes.
    TypeOrCollationChange,
}

/// The table and the columns `change` defines (see [`Altered`]); `None` for other changes.
pub fn defined(change: &Change, altered: Altered) -> Option<(&QName, Vec<&Column>)> {
    match change {
        Change::CreateTable { table } => Some((&table.name, table.columns.iter().collect())),
        Change::AddColumn { table, column } => Some((table, vec![column])),
        Change::AlterColumn { table, from, to } => {
            let retyped = match altered {
                Altered::Never => false,
                Altered::TypeChange => from.data_type != to.data_type,
                Altered::TypeOrCollationChange => from.data_type != to.data_type || from.collation != to.collation,
            };
            retyped.then_some((table, vec![to]))
        }
        _ => None,
    }
}

/// The table and the defined columns that satisfy `pred`; `None` when there is none.
pub fn matching(change: &Change, altered: Altered, pred: impl Fn(&Column) -> bool) -> Option<(&QName, Vec<&Column>)> {
    let (table, cols) = defined(change, altered)?;
    let hits: Vec<&Column> = cols.into_iter().filter(|c| pred(c)).collect();
    (!hits.is_empty()).then_some((table, hits))
}

/// The columns' names joined by `, ` (for a note's message).
pub fn names(cols: &[&Column]) -> String {
    cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// A new table's primary key column, when the key is exactly one column: `(table, column)`.
pub fn new_table_single_key(step: &Step) -> Option<(&QName, &Column)> {
    let Change::CreateTable { table } = &step.change else {
        return None;
    };
    let [pk] = table.primary_key_columns() else {
        return None;
    };
    Some((&table.name, table.column(pk)?))
}
