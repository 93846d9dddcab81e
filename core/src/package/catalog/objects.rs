//! Catalog probes for schema objects other than tables and their parts: sequences, routines,
//! triggers, extensions and user-defined types. Each returns rows iff the object exists (by
//! name: definitions are compared by the engine's own text, which the model cannot predict).

use crate::model::QName;
use crate::render::quote;
use crate::{Dialect, Target};

/// The kinds of objects probed here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Sequence,
    Routine,
    Extension,
    Type,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Sequence => "sequence",
            Kind::Routine => "routine",
            Kind::Extension => "extension",
            Kind::Type => "type",
        }
    }
}

/// Rows iff the object exists; `None` when the dialect has no such object.
pub fn object(d: Dialect, kind: Kind, name: &QName) -> Option<String> {
    let lit = |s: &str| quote::literal(d, s);
    let ns = |col: &str| format!("{col} = {}", lit(&name.schema));
    match (d, kind) {
        (Dialect::Postgres, Kind::Sequence) => Some(format!(
            "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {} AND c.relname = {} AND c.relkind = 'S'",
            ns("n.nspname"),
            lit(&name.name)
        )),
        (Dialect::Postgres, Kind::Routine) => Some(format!(
            "SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {} AND p.proname = {}",
            ns("n.nspname"),
            lit(&name.name)
        )),
        (Dialect::Postgres, Kind::Extension) => Some(format!("SELECT 1 FROM pg_extension WHERE extname = {}", lit(&name.name))),
        (Dialect::Postgres, Kind::Type) => Some(format!(
            "SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {} AND t.typname = {}",
            ns("n.nspname"),
            lit(&name.name)
        )),
        (Dialect::Mysql, Kind::Routine) => Some(format!(
            "SELECT 1 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = {}",
            lit(&name.name)
        )),
        _ => None,
    }
}

/// Rows iff the trigger exists on the table.
/// Triggers cloned onto partitions from their parent's (PostgreSQL 13+ `tgparentid`) are not
/// counted: they belong to the parent's trigger.
pub fn trigger(target: Target, table: &QName, name: &str) -> String {
    let d = target.dialect;
    let lit = |s: &str| quote::literal(d, s);
    match d {
        Dialect::Postgres => format!(
            "SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = to_regclass({}) AND tg.tgname = {} AND NOT tg.tgisinternal{}",
            lit(&quote::qname(d, table)),
            lit(name),
            if target.trigger_parent_id() { " AND tg.tgparentid = 0" } else { "" }
        ),
        Dialect::Mysql => format!(
            "SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = {} AND EVENT_OBJECT_TABLE = {}",
            lit(name),
            lit(&table.name)
        ),
        Dialect::Sqlite => format!(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = {} COLLATE NOCASE AND tbl_name = {} COLLATE NOCASE",
            lit(name),
            lit(&table.name)
        ),
    }
}
