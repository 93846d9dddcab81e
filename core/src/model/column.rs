//! Columns.

use super::{ColumnStorage, DataType};
use serde::Serialize;

/// A table column. Field equality is meaningful: the differ compares columns field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    pub name: String,
    pub data_type: DataType,
    pub nullable: bool,
    /// Normalized default expression text (see `parse::expr`), `None` when there is none.
    pub default: Option<String>,
    /// PostgreSQL `GENERATED ... AS IDENTITY`.
    pub identity: Option<Identity>,
    /// MySQL `AUTO_INCREMENT`, SQLite `AUTOINCREMENT` (on an INTEGER PRIMARY KEY column).
    pub auto_increment: bool,
    pub generated: Option<Generated>,
    pub collation: Option<String>,
    /// MySQL column character set.
    pub charset: Option<String>,
    pub comment: Option<String>,
    /// MySQL `ON UPDATE CURRENT_TIMESTAMP`.
    pub on_update: Option<String>,
    /// PostgreSQL `serial`/`bigserial`: the column was declared with a serial pseudo-type. Kept so
    /// renderers can say what the user wrote; the model already holds the equivalent sequence
    /// and default, so this flag does not take part in comparisons (see `same_definition`).
    pub serial: bool,
    /// PostgreSQL storage, compression, statistics target and attribute options.
    #[serde(skip_serializing_if = "ColumnStorage::is_default")]
    pub storage: ColumnStorage,
    /// MySQL 8 / MariaDB `INVISIBLE`: left out of `SELECT *` and of INSERTs without a column list.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub invisible: bool,
    /// MariaDB `GENERATED ALWAYS AS ROW START|END`: `START` or `END`, a period column of a
    /// system-versioned table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_time: Option<String>,
    /// MariaDB `WITHOUT SYSTEM VERSIONING`: changes of this column make no history row.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub without_versioning: bool,
    /// PostgreSQL: the table does not declare this column, it inherits it from a parent
    /// (`INHERITS`); kept on the child for what the child sets on it (default, NOT NULL, comment).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
}

impl Column {
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        Column {
            name: name.into(),
            data_type,
            nullable: true,
            default: None,
            identity: None,
            auto_increment: false,
            generated: None,
            collation: None,
            charset: None,
            comment: None,
            on_update: None,
            serial: false,
            storage: ColumnStorage::default(),
            invisible: false,
            row_time: None,
            without_versioning: false,
            inherited: false,
        }
    }

    /// Equal in every respect that the database stores.
    pub fn same_definition(&self, other: &Column) -> bool {
        // Most columns compared are equal: no copy for them.
        if self == other {
            return true;
        }
        let mut a = self.clone();
        a.serial = other.serial;
        a == *other
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    Always,
    ByDefault,
}

/// PostgreSQL identity column; `options` is the normalized sequence option text, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub kind: IdentityKind,
    pub options: Option<String>,
}

/// A generated (computed) column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Generated {
    pub expr: String,
    /// STORED (true) or VIRTUAL (false).
    pub stored: bool,
}
