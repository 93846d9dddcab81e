//! What a PostgreSQL `COMMENT ON` statement is about, typed: the kind and the object's own
//! names (unquoted, as the model keeps them). Parse fills it, diff compares and keys maps by it,
//! only render spells it (`COMMENT ON <kind> <name>`, quoted for the dialect).
//!
//! Every kind the model holds a comment for. Comments on the objects kept whole (operators,
//! casts, publications, text search objects, ...) stay with their `Opaque` as written, and a
//! comment on an extension comes with the extension (pg_dump repeats it), so neither is here.

use super::QName;
use serde::Serialize;

/// Variants are in the alphabetical order of their keywords, and each keeps its fields in the
/// order the statement names them, so the derived order is that of the statements' text
/// (`COLUMN` before `CONSTRAINT` before `INDEX` ...; a constraint by its name, then its table).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentTarget {
    /// `COLUMN table.column`, of a table or a view.
    Column { table: QName, column: String },
    /// `CONSTRAINT name ON table`.
    Constraint { name: String, table: QName },
    /// `DOMAIN name`.
    Domain(QName),
    /// `CONSTRAINT name ON DOMAIN domain` (a domain's CHECK; pg_dump writes it).
    DomainConstraint { name: String, domain: QName },
    /// `FUNCTION name(args)`; `args` are the normalized argument types (`Function::args`).
    Function { name: QName, args: String },
    /// `INDEX name` (an index lives in its table's schema).
    Index(QName),
    /// `MATERIALIZED VIEW name`.
    MaterializedView(QName),
    /// `POLICY name ON table`.
    Policy { name: String, table: QName },
    /// `PROCEDURE name(args)`.
    Procedure { name: QName, args: String },
    /// `SCHEMA name`.
    Schema(String),
    /// `SEQUENCE name`.
    Sequence(QName),
    /// `TABLE name`.
    Table(QName),
    /// `TRIGGER name ON table`.
    Trigger { name: String, table: QName },
    /// `TYPE name`: enum, composite and range types.
    Type(QName),
    /// `VIEW name`.
    View(QName),
}

impl CommentTarget {
    /// `VIEW` or `MATERIALIZED VIEW` of `name`.
    pub fn view(name: &QName, materialized: bool) -> Self {
        if materialized {
            CommentTarget::MaterializedView(name.clone())
        } else {
            CommentTarget::View(name.clone())
        }
    }

    /// `DOMAIN` or `TYPE` of the user type.
    pub fn of_type(ty: &super::UserType) -> Self {
        match ty {
            super::UserType::Domain(_) => CommentTarget::Domain(ty.name().clone()),
            _ => CommentTarget::Type(ty.name().clone()),
        }
    }

    /// `FUNCTION` or `PROCEDURE` of the routine.
    pub fn routine(f: &super::Function) -> Self {
        let (name, args) = (f.name.clone(), f.args.clone());
        if f.procedure {
            CommentTarget::Procedure { name, args }
        } else {
            CommentTarget::Function { name, args }
        }
    }

    /// The table a comment on a constraint, policy, trigger or column is on.
    pub fn on_table(&self) -> Option<&QName> {
        match self {
            CommentTarget::Column { table, .. }
            | CommentTarget::Constraint { table, .. }
            | CommentTarget::Policy { table, .. }
            | CommentTarget::Trigger { table, .. } => Some(table),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_by_kind_then_by_names_as_written() {
        let t = QName::new("public", "t");
        let constraint = |name: &str, schema: &str| CommentTarget::Constraint { name: name.into(), table: QName::new(schema, "z") };
        let mut v = [
            CommentTarget::Schema("s".into()),
            CommentTarget::Policy { name: "p".into(), table: t.clone() },
            CommentTarget::Index(QName::new("public", "i")),
            constraint("b", "a"),
            constraint("a", "z"),
            CommentTarget::MaterializedView(QName::new("public", "mv")),
        ];
        v.sort();
        let expected = [
            constraint("a", "z"),
            constraint("b", "a"),
            CommentTarget::Index(QName::new("public", "i")),
            CommentTarget::MaterializedView(QName::new("public", "mv")),
            CommentTarget::Policy { name: "p".into(), table: t },
            CommentTarget::Schema("s".into()),
        ];
        assert_eq!(v, expected);
    }
}
