//! What every rule file imports.
#![allow(unused_imports)]

pub(crate) use crate::diff::Change;
pub(crate) use crate::model::{Column, ConstraintKind, DataType, QName, Table};
pub(crate) use crate::plan::{Rewrite, Step};
pub(crate) use crate::risk::rule::{rule_doc, Rule};
pub(crate) use crate::risk::support::{
    columns, down_drop_note, existing_matview, existing_table, keys, mysql, new_table, recipes, size, sql, types, volatility,
};
pub(crate) use crate::risk::{Risk, RiskContext, RiskSeverity};
pub(crate) use crate::Dialect;

/// The PostgreSQL lock names used in notes.
pub(crate) const ACCESS_EXCLUSIVE: &str = "ACCESS EXCLUSIVE";
pub(crate) const SHARE: &str = "SHARE";
pub(crate) const SHARE_ROW_EXCLUSIVE: &str = "SHARE ROW EXCLUSIVE";
pub(crate) const SHARE_UPDATE_EXCLUSIVE: &str = "SHARE UPDATE EXCLUSIVE";
/// SQLite has one lock for the whole database.
pub(crate) const SQLITE_WRITE_LOCK: &str = "database write lock";
/// MySQL lock wording.
pub(crate) const MYSQL_COPY: &str = "ALGORITHM=COPY, LOCK=SHARED (writes blocked)";
pub(crate) const MYSQL_INPLACE_REBUILD: &str = "ALGORITHM=INPLACE, LOCK=NONE (table rebuild)";
