//! PostgreSQL: a `serial` column that becomes an identity column, and back. The two sequences
//! share a name (`<table>_<column>_seq`), and both belong to the column while both exist:
//!
//! - serial → identity: the old sequence is dropped by a later step, so `ADD GENERATED ... AS
//!   IDENTITY` names the new one `..._seq1` (the catalog differs from AFTER's), and
//!   `pg_get_serial_sequence` (the `setval` that moves the new sequence past the rows) returns
//!   the old one: the identity starts at 1 and the next insert collides with existing keys. The
//!   column's step therefore detaches the old sequence and moves it aside first, then adds the
//!   identity (it gets the name), starts it after both the rows and the old sequence's position,
//!   and drops the old sequence itself; the sequence's own drop step says nothing.
//! - identity → serial: `CREATE SEQUENCE <table>_<column>_seq` fails ("already exists") while the
//!   identity's sequence holds the name, so the column's step creates it right after `DROP
//!   IDENTITY`; the sequence's own create step says nothing.

use super::objects::create_sequence;
use crate::model::{Column, QName, Sequence};
use crate::render::RenderContext;

/// The table and column (AFTER's names) that own `seq` on `seq`'s side: BEFORE's names mapped
/// through the migration's renames when `before`.
fn owner(seq: &Sequence, before: bool, ctx: &RenderContext<'_>) -> Option<(QName, String)> {
    let (t, c) = seq.owned_by.as_ref()?;
    if !before {
        return Some((t.clone(), c.clone()));
    }
    let table = ctx.renamed_tables.iter().find(|(_, old)| *old == t).map_or_else(|| t.clone(), |(new, _)| new.clone());
    let column =
        ctx.renamed_columns.iter().find(|((nt, _), old)| *nt == table && *old == c).map_or_else(|| c.clone(), |((_, new), _)| new.clone());
    Some((table, column))
}

/// The column as BEFORE and AFTER have it (AFTER's names).
fn sides(table: &QName, column: &str, ctx: &RenderContext<'_>) -> Option<(Column, Column)> {
    let from = ctx.from_table(table)?.column(column)?.clone();
    let to = ctx.to_table(table)?.column(column)?.clone();
    Some((from, to))
}

fn calls_nextval(c: &Column) -> bool {
    c.default.as_deref().is_some_and(|d| d.contains("nextval("))
}

/// Whether `seq`, a sequence BEFORE has and AFTER does not, belongs to a serial column that
/// becomes an identity column: the column's step drops it (`identity_from_serial`).
pub(super) fn dropped_by_identity(seq: &Sequence, ctx: &RenderContext<'_>) -> bool {
    // As BEFORE has it (the plan's copy may have its ownership split off).
    let Some(seq) = ctx.from.sequences.get(&seq.name) else { return false };
    if ctx.to.sequences.contains_key(&seq.name) || seq.increment.unwrap_or(1) <= 0 {
        return false;
    }
    let Some((table, column)) = owner(seq, true, ctx) else { return false };
    sides(&table, &column, ctx).is_some_and(|(from, to)| from.identity.is_none() && calls_nextval(&from) && to.identity.is_some())
}

/// Whether `seq`, a sequence AFTER has and BEFORE does not, belongs to an identity column that
/// becomes serial: the column's step creates it (`serial_from_identity`).
pub(super) fn created_after_identity(seq: &Sequence, ctx: &RenderContext<'_>) -> bool {
    // As AFTER has it (the plan's copy has its `OWNED BY` split off into a later step).
    let Some(seq) = ctx.to.sequences.get(&seq.name) else { return false };
    if ctx.from.sequences.contains_key(&seq.name) {
        return false;
    }
    let Some((table, column)) = owner(seq, false, ctx) else { return false };
    sides(&table, &column, ctx).is_some_and(|(from, to)| from.identity.is_some() && to.identity.is_none() && calls_nextval(&to))
}

/// Statements before `ADD GENERATED ... AS IDENTITY` of `table.column`, and after it (in place
/// of the plain `setval` past the rows), when the column was serial.
pub(super) fn identity_from_serial(table: &QName, column: &str, ctx: &RenderContext<'_>) -> Option<(Vec<String>, Vec<String>)> {
    let seq = ctx
        .from
        .sequences
        .values()
        .find(|s| dropped_by_identity(s, ctx) && owner(s, true, ctx).is_some_and(|(t, c)| &t == table && c == column))?;
    let aside = QName::new(seq.name.schema.clone(), format!("{}__schemashift_old", seq.name.name));
    let (t, c, old) = (ctx.q(table), ctx.id(column), ctx.q(&seq.name));
    let before = vec![format!("ALTER SEQUENCE {old} OWNED BY NONE"), format!("ALTER SEQUENCE {old} RENAME TO {}", ctx.id(&aside.name))];
    let aside = ctx.q(&aside);
    let increment = seq.increment.unwrap_or(1);
    let after = vec![
        // Past the rows and past what the old sequence handed out (rows deleted since keep their
        // numbers retired).
        format!(
            "SELECT setval(pg_get_serial_sequence({}, {}), GREATEST(COALESCE(MAX({c}), 0) + 1, \
             (SELECT CASE WHEN is_called THEN last_value + {increment} ELSE last_value END FROM {aside})), false) FROM {t}",
            ctx.lit(&t),
            ctx.lit(column)
        ),
        format!("DROP SEQUENCE {aside}"),
    ];
    Some((before, after))
}

/// The `CREATE SEQUENCE` of the serial sequence that replaces `table.column`'s identity, to run
/// after `DROP IDENTITY`.
pub(super) fn serial_from_identity(table: &QName, column: &str, ctx: &RenderContext<'_>) -> Vec<String> {
    ctx.to
        .sequences
        .values()
        .filter(|s| created_after_identity(s, ctx) && owner(s, false, ctx).is_some_and(|(t, c)| &t == table && c == column))
        .flat_map(|s| create_sequence(s, ctx).statements)
        .collect()
}
