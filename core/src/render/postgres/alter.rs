//! PostgreSQL `ALTER COLUMN`: type (with a `USING` cast that cannot silently truncate),
//! nullability, default, identity, generated expression, collation and comment.

use super::table::{column_def, identity_clause};
use super::{comment_on, type_sql};
use crate::diff::Change;
use crate::model::{Column, Constraint, ConstraintKind, DataType, Identity, IdentityKind, Index, Names, QName};
use crate::render::common;
use crate::render::{RenderContext, Rendered};

pub(super) fn alter_column(table: &QName, from: &Column, to: &Column, ctx: &RenderContext<'_>) -> Rendered {
    let t = ctx.q(table);
    let c = ctx.id(&to.name);
    let alter = |action: String| format!("ALTER TABLE {t} ALTER COLUMN {c} {action}");
    let mut out: Vec<String> = Vec::new();

    // Generated columns: what cannot be altered in place is dropped and added again (a
    // generated column holds no data of its own).
    if ctx.target.recreates_column(from, to) {
        return recreate(table, to, ctx);
    }
    match (&from.generated, &to.generated) {
        (Some(a), Some(b)) if a != b => out.push(alter(format!("SET EXPRESSION AS {}", common::paren(&b.expr)))),
        (Some(_), None) => out.push(alter("DROP EXPRESSION".into())),
        _ => {}
    }

    // Identity removed first: the column may then take a default.
    if from.identity.is_some() && to.identity.is_none() {
        out.push(alter("DROP IDENTITY".into()));
        // Its sequence's name is free now: the serial sequence taking over is created here.
        out.extend(super::serial_identity::serial_from_identity(table, &to.name, ctx));
    }

    let type_changed = from.data_type != to.data_type || from.collation != to.collation;
    let mut default_dropped = false;
    let needs_no_default = to.identity.is_some() && from.identity.is_none();
    if from.default.is_some() && from.identity.is_none() && (type_changed || needs_no_default) {
        // The old default may not cast to the new type; it is set again below.
        out.push(alter("DROP DEFAULT".into()));
        default_dropped = true;
    }
    if type_changed {
        let mut action = format!("TYPE {}", type_sql(&to.data_type));
        if let Some(coll) = &to.collation {
            action.push_str(&format!(" COLLATE {}", common::dotted(ctx.dialect(), coll)));
        }
        let history = ctx.history_using(table, &to.name, &from.data_type, &to.data_type, &c);
        let cast_to = domain_base(&to.data_type, ctx).unwrap_or_else(|| to.data_type.clone());
        if let Some(using) = history.or_else(|| using_cast(&c, &from.data_type, &cast_to)) {
            action.push_str(&format!(" USING {using}"));
        }
        out.push(alter(action));
    }
    if from.nullable != to.nullable {
        out.push(alter(if to.nullable { "DROP NOT NULL".into() } else { "SET NOT NULL".into() }));
    }
    if to.identity.is_none() && to.generated.is_none() {
        match &to.default {
            Some(d) if default_dropped || from.default.as_ref() != Some(d) || from.identity.is_some() => {
                out.push(alter(format!("SET DEFAULT {}", common::pg_default(d))));
            }
            None if from.default.is_some() && !default_dropped => out.push(alter("DROP DEFAULT".into())),
            _ => {}
        }
    }
    if let Some(setval) = new_serial_past_rows(table, from, to, ctx) {
        out.push(setval);
    }
    match (&from.identity, &to.identity) {
        (None, Some(id)) => {
            // Existing rows already hold values: start the new sequence after them (and after
            // the serial sequence it replaces, moved aside first).
            let (before, after) = super::serial_identity::identity_from_serial(table, &to.name, ctx).unwrap_or_else(|| {
                let past_rows = format!(
                    "SELECT setval(pg_get_serial_sequence({}, {}), COALESCE(MAX({c}), 0) + 1, false) FROM {t}",
                    ctx.lit(&t),
                    ctx.lit(&to.name)
                );
                (Vec::new(), vec![past_rows])
            });
            out.extend(before);
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} ADD{}", identity_clause(id.kind, id.options.as_deref())));
            out.extend(after);
        }
        (Some(a), Some(b)) if a != b => out.extend(identity_changes(a, b).into_iter().map(alter)),
        _ => {}
    }
    if from.comment != to.comment {
        out.push(comment_on(
            &crate::model::CommentTarget::Column { table: table.clone(), column: to.name.clone() },
            to.comment.as_deref(),
            ctx,
        ));
    }
    out.extend(super::storage::column(table, to, &from.storage, type_changed, ctx));
    Rendered::tx(out)
}

/// A column that becomes `serial` (its new default calls `nextval` of a sequence the migration
/// creates and the column owns) holds rows already: the new sequence would hand out values
/// they hold, and the first insert would fail on a key or store a duplicate. It is moved past
/// them when the rows reach its start (ascending sequences; a descending one is left as
/// written).
fn new_serial_past_rows(table: &QName, from: &Column, to: &Column, ctx: &RenderContext<'_>) -> Option<String> {
    if to.default == from.default || !to.default.as_deref().is_some_and(|d| d.contains("nextval(")) {
        return None;
    }
    let owner = (table.clone(), to.name.clone());
    let seq = ctx
        .to
        .sequences
        .values()
        .find(|s| s.owned_by.as_ref() == Some(&owner) && !ctx.from.sequences.contains_key(&s.name) && s.increment.unwrap_or(1) > 0)?;
    let (t, c) = (ctx.q(table), ctx.id(&to.name));
    Some(format!("SELECT setval({}::regclass, MAX({c})) FROM {t} HAVING MAX({c}) >= {}", ctx.lit(&ctx.q(&seq.name)), seq.effective_start()))
}

/// Drop the column and add it again with its new definition. `DROP COLUMN` also drops the
/// indexes and constraints of the table that use the column; those the migration keeps as they
/// are (the differ has no step for them) are dropped first by name and made again after it.
fn recreate(table: &QName, to: &Column, ctx: &RenderContext<'_>) -> Rendered {
    let t = ctx.q(table);
    let (indexes, constraints) = kept_on_column(table, &to.name, ctx);
    let mut out: Vec<String> = constraints
        .iter()
        .filter_map(|k| k.name.as_deref())
        .map(|n| format!("ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {}", ctx.id(n)))
        .chain(indexes.iter().map(|i| format!("DROP INDEX IF EXISTS {}", ctx.q(&QName::new(table.schema.clone(), i.name.clone())))))
        .collect();
    out.push(format!("ALTER TABLE {t} DROP COLUMN {}", ctx.id(&to.name)));
    out.push(format!("ALTER TABLE {t} ADD COLUMN {}", column_def(to, ctx)));
    if let Some(text) = &to.comment {
        out.push(comment_on(&crate::model::CommentTarget::Column { table: table.clone(), column: to.name.clone() }, Some(text), ctx));
    }
    out.extend(super::storage::new_columns(table, std::slice::from_ref(to), ctx));
    for index in indexes {
        out.extend(super::render(&Change::CreateIndex { table: table.clone(), index: index.clone() }, ctx).statements);
    }
    for constraint in constraints.into_iter().filter(|k| k.name.is_some()) {
        out.extend(super::render(&Change::AddConstraint { table: table.clone(), constraint: constraint.clone() }, ctx).statements);
    }
    Rendered::tx(out)
}

/// The indexes and constraints of `table` that use `column` (by name, or in an expression,
/// conservatively: `model::Names`) and are the same in the schema the migration starts from
/// and the one it reaches: `DROP COLUMN` takes them, and no other step makes them again.
fn kept_on_column<'a>(table: &QName, column: &str, ctx: &RenderContext<'a>) -> (Vec<&'a Index>, Vec<&'a Constraint>) {
    let (Some(from), Some(to)) = (ctx.from_table(table), ctx.to.tables.get(table)) else {
        return (Vec::new(), Vec::new());
    };
    let named = |texts: Vec<&str>| Names::of_all(texts).has(column);
    let indexes = to
        .indexes
        .iter()
        .filter(|i| from.index(&i.name) == Some(*i))
        .filter(|i| {
            i.columns().any(|c| c == column)
                || i.include.iter().any(|c| c == column)
                || named(i.elems.iter().filter(|e| e.is_expr).map(|e| e.expr.as_str()).chain(i.predicate.as_deref()).collect())
        })
        .collect();
    let constraints = to
        .constraints
        .iter()
        .filter(|k| k.name.is_some() && from.constraints.contains(k))
        .filter(|k| {
            k.kind.columns().iter().any(|c| c == column)
                || match &k.kind {
                    ConstraintKind::Check { expr, .. } => named(vec![expr.as_str()]),
                    ConstraintKind::Exclude { .. } => true,
                    _ => false,
                }
        })
        .collect();
    (indexes, constraints)
}

/// The `USING` expression for a type change, or `None` when the implicit assignment cast is
/// right (same base type, only the modifiers change).
///
/// The cast goes to the new type *without* its length modifier where that is safe: an
/// explicit cast to `varchar(5)` silently truncates, while the assignment that follows the
/// cast to plain `varchar` fails on a value that is too long. `character` and `bit` keep their
/// length (without it they mean length 1).
pub(super) fn using_cast(col: &str, from: &DataType, to: &DataType) -> Option<String> {
    if from.base == to.base && from.array_dims == to.array_dims && from.user_defined == to.user_defined {
        return None;
    }
    if let Some(epoch) = epoch_cast(col, from, to) {
        return Some(epoch);
    }
    // The cast is to the type without its length: an explicit cast to `character(n)` or
    // `bit(n)` cuts a longer value to n without an error (PostgreSQL 15, 8.3 and 9.6), and a
    // bare `character` or `bit` is one of length 1. Unbounded (`bpchar`, `bit varying`), a
    // value that does not fit is refused by the column's own assignment cast.
    let base = match to.base.as_str() {
        "character" | "char" | "bpchar" if !to.user_defined => "bpchar".to_string(),
        "bit" if !to.user_defined => "bit varying".to_string(),
        other => other.to_string(),
    };
    let target = DataType { args: Vec::new(), base, ..to.clone() };
    let text = if from.array_dims > 0 { "text[]".to_string() } else { "text".to_string() };
    // Between user types (enum → enum, enum → domain) there is no direct cast: go through text.
    let via = if from.user_defined && to.user_defined { format!("::{text}") } else { String::new() };
    Some(format!("{col}{via}::{}", type_sql(&target)))
}

/// A domain over a bounded string or bit type (`CREATE DOMAIN code AS varchar(3)`), as the
/// unbounded base type to cast to: an explicit cast to the domain casts to its base type the
/// explicit way, cutting a longer value without an error; the column's assignment to the
/// domain then refuses it.
fn domain_base(t: &DataType, ctx: &RenderContext<'_>) -> Option<DataType> {
    if !t.user_defined {
        return None;
    }
    let base = ctx.to.types.values().find_map(|u| match u {
        crate::model::UserType::Domain(d) if d.name.name == t.base || format!("{}.{}", d.name.schema, d.name.name) == t.base => {
            Some(&d.data_type)
        }
        _ => None,
    })?;
    let bounded = matches!(base.base.as_str(), "character varying" | "character" | "bpchar" | "bit" | "bit varying");
    (bounded && !base.user_defined && base.array_dims == 0).then(|| DataType {
        base: base.base.clone(),
        args: Vec::new(),
        user_defined: false,
        ..t.clone()
    })
}

/// Between numbers and timestamps PostgreSQL has no cast: a number is read as seconds since
/// the Unix epoch (UTC for `timestamp without time zone`), and back.
fn epoch_cast(col: &str, from: &DataType, to: &DataType) -> Option<String> {
    if from.array_dims > 0 || to.array_dims > 0 {
        return None;
    }
    let number = |t: &DataType| matches!(t.base.as_str(), "smallint" | "integer" | "bigint" | "numeric" | "real" | "double precision");
    let stamp = |t: &DataType| t.base.starts_with("timestamp");
    let with_tz = |t: &DataType| t.base == "timestamp with time zone";
    if number(from) && stamp(to) {
        let utc = if with_tz(to) { "" } else { " AT TIME ZONE 'UTC'" };
        return Some(format!("to_timestamp({col}){utc}"));
    }
    if stamp(from) && number(to) {
        let integral = matches!(to.base.as_str(), "smallint" | "integer" | "bigint");
        let value = format!("extract(epoch from {col})");
        let value = if integral { format!("trunc({value})") } else { value };
        return Some(format!("{value}::{}", type_sql(&DataType { args: Vec::new(), ..to.clone() })));
    }
    None
}

/// `SET GENERATED ...` and `SET <sequence option>` for an identity whose kind or options change.
fn identity_changes(a: &Identity, b: &Identity) -> Vec<String> {
    let mut out = Vec::new();
    if a.kind != b.kind {
        out.push(match b.kind {
            IdentityKind::Always => "SET GENERATED ALWAYS".to_string(),
            IdentityKind::ByDefault => "SET GENERATED BY DEFAULT".to_string(),
        });
    }
    if a.options != b.options {
        let mut clauses = option_clauses(b.options.as_deref().unwrap_or(""));
        let has = |cl: &[String], kw: &str| cl.iter().any(|c| c.to_ascii_uppercase().starts_with(kw));
        let old_clauses = option_clauses(a.options.as_deref().unwrap_or(""));
        // The start each side means (explicit, or where its bounds begin). A new start is set
        // when it moves; the sequence restarts when its old start lies outside the new bounds
        // (PostgreSQL refuses bounds that exclude the current value).
        let value = |cl: &[String], kw: &str| -> Option<i128> {
            cl.iter()
                .find(|c| c.to_ascii_uppercase().starts_with(kw))
                .and_then(|c| c.split_whitespace().last().and_then(|v| v.parse().ok()))
        };
        let descending = |cl: &[String]| value(cl, "INCREMENT").is_some_and(|v| v < 0);
        let bounds = |cl: &[String]| {
            let (lo, hi) = if descending(cl) { (i128::MIN, -1) } else { (1, i128::MAX) };
            (value(cl, "MINVALUE").unwrap_or(lo), value(cl, "MAXVALUE").unwrap_or(hi))
        };
        let start = |cl: &[String]| value(cl, "START").unwrap_or_else(|| if descending(cl) { bounds(cl).1 } else { bounds(cl).0 });
        let (old_start, new_start) = (start(&old_clauses), start(&clauses));
        if !has(&clauses, "START") && old_start != new_start {
            clauses.push(format!("START WITH {new_start}"));
        }
        let (lo, hi) = bounds(&clauses);
        if old_start < lo || old_start > hi {
            clauses.push("RESTART".to_string());
        }
        // An option the new identity leaves at its default goes back to it explicitly: `SET`
        // only changes the options it names.
        let kind = |c: &str| {
            let mut words = c.split_whitespace().map(|w| w.to_ascii_uppercase());
            let first = words.next().unwrap_or_default();
            if first == "NO" {
                words.next().unwrap_or_default()
            } else {
                first
            }
        };
        for (k, reset) in [
            ("INCREMENT", "INCREMENT BY 1"),
            ("MINVALUE", "NO MINVALUE"),
            ("MAXVALUE", "NO MAXVALUE"),
            ("CYCLE", "NO CYCLE"),
            ("CACHE", "CACHE 1"),
        ] {
            if old_clauses.iter().any(|c| kind(c) == k) && !clauses.iter().any(|c| kind(c) == k) {
                clauses.push(reset.to_string());
            }
        }
        let sets: Vec<String> =
            clauses.into_iter().map(|c| if c.to_ascii_uppercase().starts_with("RESTART") { c } else { format!("SET {c}") }).collect();
        out.push(sets.join(" "));
    }
    out
}

/// Split sequence option text (`START WITH 10 INCREMENT BY 5 NO CYCLE`) into its clauses.
/// `SEQUENCE NAME` is left out: it cannot be changed on an existing identity.
pub(super) fn option_clauses(text: &str) -> Vec<String> {
    let text = text.trim().trim_start_matches('(').trim_end_matches(')');
    let starts = ["START", "INCREMENT", "MINVALUE", "MAXVALUE", "NO", "CACHE", "CYCLE", "AS", "SEQUENCE", "RESTART"];
    let mut clauses: Vec<Vec<&str>> = Vec::new();
    for tok in text.split_whitespace() {
        let up = tok.to_ascii_uppercase();
        let after_no = clauses.last().is_some_and(|c| c.len() == 1 && c[0].eq_ignore_ascii_case("NO"));
        if starts.contains(&up.as_str()) && !after_no {
            clauses.push(vec![tok]);
        } else if let Some(last) = clauses.last_mut() {
            last.push(tok);
        }
    }
    clauses.into_iter().filter(|c| !c[0].eq_ignore_ascii_case("SEQUENCE")).map(|c| c.join(" ")).collect()
}
