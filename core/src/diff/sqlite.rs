//! SQLite: which table changes `ALTER TABLE` can express, and which need the table rebuilt.
//!
//! SQLite's ALTER TABLE can rename the table, rename a column, add a column (with limits) and,
//! from 3.35, drop a column (with limits). Everything else — a column's type, nullability or
//! default, any constraint — is done by recreating the table (`Change::RebuildTable`).

use crate::model::{Column, ConstraintKind, Schema, Table};
use crate::Target;

/// Whether turning `old` into `new` needs the 12-step rebuild.
pub(super) fn needs_rebuild(old: &Table, new: &Table, target: &Target) -> bool {
    if old.options != new.options || old.constraints != new.constraints {
        return true;
    }
    for c in &new.columns {
        match old.column(&c.name) {
            Some(oc) if !oc.same_definition(c) => return true,
            Some(_) => {}
            None if !can_add_column(c, new) => return true,
            None => {}
        }
    }
    // Columns must keep their relative order: ADD COLUMN appends at the end.
    let kept_new: Vec<&str> = new.columns.iter().map(|c| c.name.as_str()).filter(|n| old.column(n).is_some()).collect();
    let kept_old: Vec<&str> = old.columns.iter().map(|c| c.name.as_str()).filter(|n| new.column(n).is_some()).collect();
    if kept_new != kept_old {
        return true;
    }
    let first_added = new.columns.iter().position(|c| old.column(&c.name).is_none());
    if let Some(pos) = first_added {
        if new.columns[pos..].iter().any(|c| old.column(&c.name).is_some()) {
            return true;
        }
    }
    for c in &old.columns {
        if new.column(&c.name).is_none() && !can_drop_column(c, old, target) {
            return true;
        }
    }
    false
}

/// ADD COLUMN restrictions (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
fn can_add_column(c: &Column, table: &Table) -> bool {
    let in_key = table
        .constraints
        .iter()
        .any(|k| matches!(k.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) && k.kind.columns().contains(&c.name));
    let default_ok = match &c.default {
        None => c.nullable,
        Some(d) => {
            let d = d.trim().to_ascii_uppercase();
            // No CURRENT_* and no expression in parentheses; NOT NULL needs a non-null value.
            !(d.starts_with("CURRENT_") || d.contains('(')) && (d != "NULL" || c.nullable)
        }
    };
    let stored = c.generated.as_ref().is_some_and(|g| g.stored);
    !in_key && default_ok && !stored && !c.auto_increment
}

/// DROP COLUMN restrictions (https://www.sqlite.org/lang_altertable.html#altertabdropcol).
fn can_drop_column(c: &Column, table: &Table, target: &Target) -> bool {
    if !target.native_drop_column() {
        return false;
    }
    let used_by_constraint = table
        .constraints
        .iter()
        .any(|k| k.kind.columns().contains(&c.name) || matches!(&k.kind, ConstraintKind::Check { expr, .. } if mentions(expr, &c.name)));
    let indexed = table.indexes.iter().any(|i| {
        i.elems.iter().any(|e| if e.is_expr { mentions(&e.expr, &c.name) } else { e.expr == c.name })
            || i.predicate.as_deref().is_some_and(|p| mentions(p, &c.name))
    });
    let generated_uses = table.columns.iter().any(|o| o.generated.as_ref().is_some_and(|g| mentions(&g.expr, &c.name)));
    !used_by_constraint && !indexed && !generated_uses
}

/// DROP COLUMN fails when a trigger of the table names the column: such a drop is a rebuild
/// (which drops the triggers with the old table; the differ recreates them).
pub(super) fn trigger_uses_dropped_column(schema: &Schema, old: &Table, new: &Table) -> bool {
    old.columns
        .iter()
        .filter(|c| new.column(&c.name).is_none())
        .any(|c| schema.triggers.values().any(|t| t.table == old.name && mentions(&t.definition, &c.name)))
}

/// Whether an expression mentions a name as a whole word (conservative: a false positive only
/// costs a rebuild).
pub(crate) fn mentions(expr: &str, name: &str) -> bool {
    let lower = expr.to_lowercase();
    let name = name.to_lowercase();
    let bytes = lower.as_bytes();
    let mut start = 0;
    while let Some(pos) = crate::text::from(&lower, start).find(&name) {
        let i = start + pos;
        let j = i + name.len();
        let before = i == 0 || !is_word(bytes[i - 1]);
        let after = j >= bytes.len() || !is_word(bytes[j]);
        if before && after {
            return true;
        }
        start = j;
    }
    false
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}
