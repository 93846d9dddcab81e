//! Table constraints: primary key, unique, foreign key, check, exclusion.

use super::{IndexParams, QName};
use serde::Serialize;

/// A table constraint. `name` is the name the engine stores: explicit, or the implicit name the
/// engine would choose (computed by `parse::names`). `None` only where the engine keeps no name
/// (SQLite unnamed constraints); such constraints are matched by definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Constraint {
    pub name: Option<String>,
    pub kind: ConstraintKind,
    pub deferrable: Deferrable,
    /// PostgreSQL `NOT VALID` (not part of the desired end state: ignored by comparisons).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
    /// PostgreSQL parameters of a primary key's or unique constraint's index.
    #[serde(skip_serializing_if = "IndexParams::is_default")]
    pub index: IndexParams,
    /// MySQL 8 `CHECK (...) NOT ENFORCED`: kept in the catalog, not checked.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_enforced: bool,
    /// SQLite `ON CONFLICT ROLLBACK|FAIL|IGNORE|REPLACE` of a primary key or unique constraint
    /// (`ABORT`, the default, is `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_conflict: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey {
        columns: Vec<String>,
    },
    Unique {
        columns: Vec<String>,
        nulls_not_distinct: bool,
    },
    ForeignKey {
        columns: Vec<String>,
        ref_table: QName,
        /// Empty when the reference names no columns (the referenced primary key).
        ref_columns: Vec<String>,
        on_delete: FkAction,
        on_update: FkAction,
        match_type: FkMatch,
    },
    Check {
        expr: String,
        no_inherit: bool,
    },
    /// PostgreSQL `EXCLUDE ...`: the normalized element list and options after `EXCLUDE`.
    Exclude {
        definition: String,
    },
}

impl ConstraintKind {
    pub fn label(&self) -> &'static str {
        match self {
            ConstraintKind::PrimaryKey { .. } => "primary key",
            ConstraintKind::Unique { .. } => "unique constraint",
            ConstraintKind::ForeignKey { .. } => "foreign key",
            ConstraintKind::Check { .. } => "check constraint",
            ConstraintKind::Exclude { .. } => "exclusion constraint",
        }
    }

    /// Columns the constraint is declared on (empty for checks and exclusions).
    pub fn columns(&self) -> &[String] {
        match self {
            ConstraintKind::PrimaryKey { columns }
            | ConstraintKind::Unique { columns, .. }
            | ConstraintKind::ForeignKey { columns, .. } => columns,
            _ => &[],
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deferrable {
    #[default]
    NotDeferrable,
    InitiallyImmediate,
    InitiallyDeferred,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    #[default]
    NoAction,
    /// MySQL/MariaDB `NO ACTION` written out: the same check as the default (`RESTRICT`, which
    /// `SHOW CREATE TABLE` leaves out), but the engine keeps and shows the words.
    NoActionStated,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn sql(self) -> &'static str {
        match self {
            FkAction::NoAction | FkAction::NoActionStated => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FkMatch {
    #[default]
    Simple,
    Full,
    Partial,
}

impl Constraint {
    /// Same meaning, ignoring `not_valid` (a constraint added NOT VALID is the same end state)
    /// and the parent index a partition's key is attached to (`diff::partition` compares that).
    pub fn same_definition(&self, other: &Constraint) -> bool {
        self.name == other.name
            && self.kind == other.kind
            && self.deferrable == other.deferrable
            && self.not_enforced == other.not_enforced
            && IndexParams { attached: None, ..self.index.clone() } == IndexParams { attached: None, ..other.index.clone() }
            && self.on_conflict == other.on_conflict
    }
}
