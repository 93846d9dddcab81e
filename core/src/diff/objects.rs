//! Diffing the objects around tables: namespaces, extensions, user types, sequences, routines,
//! triggers, MySQL events and free-standing comments.

use super::pairs::Pair;
use super::{Change, DiffContext};
use crate::model::{CommentTarget, EnumType, QName, Schema, UserType};
use crate::Dialect;

pub(super) fn diff_namespaces_and_extensions(ctx: &mut DiffContext<'_>) {
    for n in ctx.to.namespaces.difference(&ctx.from.namespaces) {
        ctx.changes.push(Change::CreateNamespace { name: n.clone() });
    }
    for n in ctx.from.namespaces.difference(&ctx.to.namespaces) {
        ctx.changes.push(Change::DropNamespace { name: n.clone() });
    }
    let (from, to) = (ctx.from, ctx.to);
    for (name, e) in &to.extensions {
        match from.extensions.get(name) {
            None => ctx.push(Change::CreateExtension { extension: e.clone() }),
            Some(old) if old.schema != e.schema => {
                ctx.push(Change::DropExtension { extension: old.clone() });
                ctx.push(Change::CreateExtension { extension: e.clone() });
            }
            _ => {}
        }
    }
    for (name, e) in &from.extensions {
        if !to.extensions.contains_key(name) {
            ctx.push(Change::DropExtension { extension: e.clone() });
        }
    }
}

pub(super) fn diff_types(ctx: &mut DiffContext<'_>) {
    let (from, to) = (ctx.from, ctx.to);
    for (name, ty) in &to.types {
        match from.types.get(name) {
            None => ctx.push(Change::CreateType { ty: ty.clone() }),
            Some(old) if old == ty => {}
            Some(UserType::Enum(old)) => match ty {
                UserType::Enum(new) => diff_enum(ctx, old, new),
                _ => ctx.push(Change::ReplaceType { from: UserType::Enum(old.clone()), to: ty.clone() }),
            },
            Some(old) => {
                if comment_only_change(old, ty) {
                    ctx.push(Change::SetComment { target: CommentTarget::of_type(ty), comment: type_comment(ty) });
                    continue;
                }
                ctx.push(Change::ReplaceType { from: old.clone(), to: ty.clone() })
            }
        }
    }
    for (name, ty) in &from.types {
        if !to.types.contains_key(name) {
            ctx.push(Change::DropType { ty: ty.clone() });
        }
    }
}

fn type_comment(t: &UserType) -> Option<String> {
    match t {
        UserType::Enum(e) => e.comment.clone(),
        UserType::Domain(d) => d.comment.clone(),
        UserType::Composite { comment, .. } => comment.clone(),
        UserType::Range(r) => r.comment.clone(),
    }
}

fn comment_only_change(a: &UserType, b: &UserType) -> bool {
    let strip = |t: &UserType| {
        let mut t = t.clone();
        match &mut t {
            UserType::Enum(e) => e.comment = None,
            UserType::Domain(d) => d.comment = None,
            UserType::Composite { comment, .. } => *comment = None,
            UserType::Range(r) => r.comment = None,
        }
        t
    };
    strip(a) == strip(b)
}

/// Values only added (old values keep their relative order) → `ADD VALUE` each; anything else
/// (removed or reordered values) → rebuild the type and convert the columns that use it.
fn diff_enum(ctx: &mut DiffContext<'_>, old: &EnumType, new: &EnumType) {
    // Sets and one backward pass: an enum of 10 000 values is linear, not quadratic.
    let old_set: std::collections::BTreeSet<&String> = old.values.iter().collect();
    let kept: Vec<&String> = new.values.iter().filter(|v| old_set.contains(v)).collect();
    let only_added = kept.len() == old.values.len() && kept.iter().zip(&old.values).all(|(a, b)| *a == b);
    if only_added {
        // For each position, the first value at or after it that already exists.
        let mut next_kept: Vec<Option<&String>> = vec![None; new.values.len() + 1];
        for (i, v) in new.values.iter().enumerate().rev() {
            next_kept[i] = if old_set.contains(v) { Some(v) } else { next_kept[i + 1] };
        }
        for (i, v) in new.values.iter().enumerate() {
            if old_set.contains(v) {
                continue;
            }
            // Anchor on the next value that already exists, else after the previous one.
            let next_existing = next_kept.get(i + 1).copied().flatten().cloned();
            let (before, after) = match next_existing {
                Some(n) => (Some(n), None),
                None => (None, i.checked_sub(1).and_then(|p| new.values.get(p)).cloned()),
            };
            ctx.push(Change::AddEnumValue { name: new.name.clone(), value: v.clone(), before, after });
        }
        if old.comment != new.comment {
            ctx.push(Change::SetComment { target: CommentTarget::Type(new.name.clone()), comment: new.comment.clone() });
        }
    } else {
        let columns = columns_using(ctx, &new.name);
        ctx.push(Change::RebuildEnum { from: old.clone(), to: new.clone(), columns });
    }
}

/// Range types whose definition changes while something of either schema uses them (a
/// column, a domain over it, a composite attribute, through the range or its multirange):
/// PostgreSQL can neither alter the definition nor drop the type in use, and nothing plans the
/// move of those columns yet, so the result is blocked with the users named.
pub fn type_blockers(from: &Schema, to: &Schema) -> Vec<crate::Blocker> {
    let mut out = composite_retype_blockers(from, to);
    for (name, ty) in &to.types {
        let (Some(UserType::Range(old)), UserType::Range(new)) = (from.types.get(name), ty) else { continue };
        if comment_only_change(&UserType::Range(old.clone()), ty) {
            continue;
        }
        // What uses it on either side: the up or the down migration would drop it in use.
        let mut users: Vec<String> = Vec::new();
        for (schema, r) in [(from, old), (to, new)] {
            for n in [r.name.clone(), r.multirange()] {
                users.extend(type_users(schema, &n).into_iter().filter(|u| !users.contains(u)).collect::<Vec<_>>());
            }
        }
        if users.is_empty() {
            continue;
        }
        let msg = format!(
            "range type {name} is redefined, but {} use{} it: PostgreSQL cannot change a range type's definition nor drop it while it is used; move those to another type first (one migration), then redefine the range type (the next)",
            users.join(", "),
            if users.len() == 1 { "s" } else { "" }
        );
        out.push(crate::Blocker::new(crate::blocked::BlockKind::NotPlanned, msg).with_objects(vec![name.to_string()]));
    }
    out
}

/// A composite type's attribute retyped (type or collation) while a table column of that type
/// exists: PostgreSQL refuses `ALTER TYPE ... ALTER ATTRIBUTE ... TYPE` then ("cannot alter type
/// because column uses it"; `CASCADE` reaches typed tables only), and schemashift does not plan
/// the conversion of the columns' values. Adding and dropping attributes are allowed.
fn composite_retype_blockers(from: &Schema, to: &Schema) -> Vec<crate::Blocker> {
    let mut out = Vec::new();
    for (name, ty) in &to.types {
        let (Some(UserType::Composite { attributes: a, .. }), UserType::Composite { attributes: b, .. }) = (from.types.get(name), ty)
        else {
            continue;
        };
        let retyped: Vec<&str> = b
            .iter()
            .filter(|y| a.iter().any(|x| x.name == y.name && (x.data_type != y.data_type || x.collation != y.collation)))
            .map(|y| y.name.as_str())
            .collect();
        if retyped.is_empty() {
            continue;
        }
        let mut columns: Vec<String> = type_users(from, name).into_iter().filter(|u| u.starts_with("column ")).collect();
        columns.extend(
            type_users(to, name).into_iter().filter(|u| u.starts_with("column ")).filter(|u| !columns.contains(u)).collect::<Vec<_>>(),
        );
        if columns.is_empty() {
            continue;
        }
        let msg = format!(
            "composite type {name} retypes attribute(s) {} (type or collation), but {} use{} it: PostgreSQL refuses ALTER TYPE ... ALTER ATTRIBUTE ... TYPE while a table column is of the type, and schemashift does not convert those columns' values; add a new attribute, copy the values into it (UPDATE ... SET col.new = (col).old), drop the old one (a migration of your own), or move the columns to a new type first",
            retyped.join(", "),
            columns.join(", "),
            if columns.len() == 1 { "s" } else { "" }
        );
        out.push(crate::Blocker::new(crate::blocked::BlockKind::NotPlanned, msg).with_objects(vec![name.to_string()]));
    }
    out
}

/// What uses the type `ty` in `schema`: columns (`table.column`), domains over it, composite
/// types with an attribute of it.
fn type_users(schema: &Schema, ty: &QName) -> Vec<String> {
    let mut out = Vec::new();
    for t in schema.tables.values() {
        for c in t.columns.iter().filter(|c| c.data_type.user_defined && type_names_match(&c.data_type.base, ty)) {
            out.push(format!("column {}.{}", t.name, c.name));
        }
    }
    for u in schema.types.values() {
        let uses = match u {
            UserType::Domain(d) => type_names_match(&d.data_type.base, ty),
            UserType::Composite { attributes, .. } => attributes.iter().any(|a| type_names_match(&a.data_type.base, ty)),
            UserType::Range(r) => type_names_match(&r.subtype.base, ty),
            UserType::Enum(_) => false,
        };
        if uses {
            out.push(format!("type {}", u.name()));
        }
    }
    out
}

/// Every column of the TO schema whose type is `ty` (by its TO name): the rebuild converts
/// them all, including columns of new tables and new columns, which were created while the
/// old type still carried the name.
fn columns_using(ctx: &DiffContext<'_>, ty: &QName) -> Vec<(QName, String)> {
    let mut out = Vec::new();
    for (tname, t) in &ctx.to.tables {
        for c in &t.columns {
            if c.data_type.user_defined && type_names_match(&c.data_type.base, ty) {
                out.push((tname.clone(), c.name.clone()));
            }
        }
    }
    out
}

/// Whether a column type's base name refers to the user type `ty`: `name`, `schema.name`, or
/// either with quoted parts (`"s_é"."e_ж"`, as names that need quotes are kept).
pub(crate) fn type_names_match(base: &str, ty: &QName) -> bool {
    if base == ty.name || base == format!("{}.{}", ty.schema, ty.name) {
        return true;
    }
    let parts = unquoted_parts(base);
    match parts.as_slice() {
        [name] => *name == ty.name,
        [schema, name] => *schema == ty.schema && *name == ty.name,
        _ => false,
    }
}

/// `"a"."b""c"` → `["a", "b\"c"]`: the dot-separated parts of a name, unquoted.
fn unquoted_parts(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push('"');
                }
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(String::new()),
            _ => {
                if let Some(p) = parts.last_mut() {
                    p.push(ch);
                }
            }
        }
    }
    parts
}

pub(super) fn diff_sequences(ctx: &mut DiffContext<'_>) {
    let (from, to) = (ctx.from, ctx.to);
    // Side by side (no lookup per sequence); the drops after the rest.
    let mut dropped = Vec::new();
    for pair in super::pairs::pairs(&from.sequences, &to.sequences) {
        match pair {
            Pair::To(_, s) => ctx.push(Change::CreateSequence { sequence: s.clone() }),
            Pair::Both(_, old, s) if old != s => ctx.push(Change::AlterSequence { from: old.clone(), to: s.clone() }),
            Pair::Both(..) => {}
            Pair::From(_, s) => dropped.push(s),
        }
    }
    for s in dropped {
        // A sequence owned by a column goes away with the column (or its table).
        let dropped_with_owner = match &s.owned_by {
            Some((t, c)) => to.tables.get(t).and_then(|t| t.column(c)).is_none(),
            None => false,
        };
        if !dropped_with_owner {
            ctx.push(Change::DropSequence { sequence: s.clone() });
        }
    }
}

pub(super) fn diff_routines_and_triggers(ctx: &mut DiffContext<'_>) {
    let (from, to) = (ctx.from, ctx.to);
    for (sig, f) in &to.functions {
        match from.functions.get(sig) {
            None => ctx.push(Change::CreateFunction { function: f.clone() }),
            // The definition is `CREATE OR REPLACE`: replacing in place keeps the triggers,
            // defaults and views that use the routine.
            Some(old) if old.definition != f.definition => {
                ctx.push(Change::CreateFunction { function: f.clone() });
            }
            Some(old) if old.comment != f.comment => {
                ctx.push(Change::SetComment { target: CommentTarget::routine(f), comment: f.comment.clone() })
            }
            _ => {}
        }
    }
    for (sig, f) in &from.functions {
        if !to.functions.contains_key(sig) {
            ctx.push(Change::DropFunction { function: f.clone() });
        }
    }
    for (key, t) in &to.triggers {
        // A trigger (re)created comes without a comment; a kept one may change its comment.
        let comment_before = match from.triggers.get(key) {
            None => {
                ctx.push(Change::CreateTrigger { trigger: t.clone() });
                None
            }
            Some(old) if old.definition != t.definition || rebuilt(ctx, &t.table) => {
                ctx.push(Change::DropTrigger { trigger: old.clone() });
                ctx.push(Change::CreateTrigger { trigger: t.clone() });
                None
            }
            Some(old) => old.comment.clone(),
        };
        if comment_before != t.comment && ctx.target.dialect == Dialect::Postgres {
            let target = CommentTarget::Trigger { name: t.name.clone(), table: t.table.clone() };
            ctx.push(Change::SetComment { target, comment: t.comment.clone() });
        }
    }
    for (key, t) in &from.triggers {
        // Triggers go away with their table or view.
        let owner_kept = to.tables.contains_key(&t.table) || to.views.contains_key(&t.table);
        if !to.triggers.contains_key(key) && owner_kept {
            ctx.push(Change::DropTrigger { trigger: t.clone() });
        }
    }
}

/// MySQL/MariaDB events: created, altered in place, dropped. A target that states no `STARTS`
/// keeps the running event's start: a dump always states one (the time the server recorded),
/// and an `ALTER EVENT ... ON SCHEDULE` without `STARTS` would restart the schedule at the
/// migration's hour (a nightly 03:00 job would run at 14:23). `ALTER EVENT` cannot remove an
/// `ENDS`: an event whose end goes is dropped and created again.
pub(super) fn diff_events(ctx: &mut DiffContext<'_>) {
    let (from, to) = (ctx.from, ctx.to);
    for (name, e) in &to.events {
        let Some(old) = from.events.get(name) else {
            ctx.push(Change::CreateEvent { event: e.clone() });
            continue;
        };
        let mut e = e.clone();
        if let ((rest, None), (_, Some(starts))) = (e.without_starts(), old.without_starts()) {
            if rest.starts_with("EVERY ") {
                e.schedule = match rest.split_once(" ENDS ") {
                    Some((every, ends)) => format!("{every} STARTS {starts} ENDS {ends}"),
                    None => format!("{rest} STARTS {starts}"),
                };
            }
        }
        if *old == e {
            continue;
        }
        if old.ends() && !e.ends() {
            ctx.push(Change::DropEvent { event: old.clone() });
            ctx.push(Change::CreateEvent { event: e });
        } else {
            ctx.push(Change::AlterEvent { from: old.clone(), to: e });
        }
    }
    for (name, e) in &from.events {
        if !to.events.contains_key(name) {
            ctx.push(Change::DropEvent { event: e.clone() });
        }
    }
}

/// Whether the differ decided to rebuild (SQLite) the table, or to drop and recreate the view,
/// the trigger is on: the drop takes the trigger with it, so it is created again.
fn rebuilt(ctx: &DiffContext<'_>, table: &QName) -> bool {
    ctx.changes.iter().any(|c| match c {
        Change::RebuildTable { to, .. } => to.name == *table,
        Change::DropView { view } => view.name == *table,
        _ => false,
    })
}

pub(super) fn diff_comments(ctx: &mut DiffContext<'_>) {
    let (from, to) = (ctx.from, ctx.to);
    // An object dropped and created again (a materialized view, a constraint or index whose
    // definition changed, a policy) has lost its comment: it is set again when AFTER has one.
    let recreated: std::collections::BTreeSet<CommentTarget> = ctx
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::DropView { view } if view.materialized && to.views.contains_key(&view.name) => {
                Some(CommentTarget::MaterializedView(view.name.clone()))
            }
            Change::DropConstraint { table, constraint } => {
                constraint.name.clone().map(|name| CommentTarget::Constraint { name, table: table.clone() })
            }
            Change::DropIndex { table, index } => Some(CommentTarget::Index(QName::new(table.schema.clone(), index.name.clone()))),
            Change::DropPolicy { table, policy } => Some(CommentTarget::Policy { name: policy.name.clone(), table: table.clone() }),
            _ => None,
        })
        .chain(to.comments.keys().filter(|t| domain_check_recreated(&ctx.changes, from, to, t)).cloned())
        .collect();
    // Side by side (no lookup per comment); the removals after the rest.
    let mut removed = Vec::new();
    for pair in super::pairs::pairs(&from.comments, &to.comments) {
        match pair {
            Pair::To(target, c) => ctx.push(Change::SetComment { target: target.clone(), comment: Some(c.clone()) }),
            Pair::Both(target, old, c) if old != c || recreated.contains(target) => {
                ctx.push(Change::SetComment { target: target.clone(), comment: Some(c.clone()) })
            }
            Pair::Both(..) => {}
            Pair::From(target, _) => removed.push(target),
        }
    }
    for target in removed {
        if comment_target_exists(to, target) {
            ctx.push(Change::SetComment { target: target.clone(), comment: None });
        }
    }
}

/// Whether a domain's CHECK that a comment names is dropped and added again: its expression or
/// validity changed (`render::postgres::types::alter_domain` drops and adds it), or the domain
/// itself is dropped or replaced.
fn domain_check_recreated(changes: &[Change], from: &Schema, to: &Schema, target: &CommentTarget) -> bool {
    let CommentTarget::DomainConstraint { name, domain } = target else { return false };
    let check = |s: &Schema| match s.types.get(domain) {
        Some(UserType::Domain(d)) => d.checks.iter().find(|(n, _)| n == name).map(|(_, e)| (e.clone(), d.not_valid.contains(name))),
        _ => None,
    };
    let replaced = changes.iter().any(|c| match c {
        Change::DropType { ty } | Change::ReplaceType { from: ty, .. } => ty.name() == domain,
        _ => false,
    });
    replaced || check(from) != check(to)
}

/// Whether the object a `COMMENT ON` target names still exists in `schema`: removing the
/// comment of a dropped object is neither needed nor possible.
fn comment_target_exists(schema: &Schema, target: &CommentTarget) -> bool {
    use CommentTarget as C;
    let routine = |name: &QName| schema.functions.values().any(|f| f.name == *name);
    match target {
        C::Index(n) => schema.tables.values().any(|t| t.index(&n.name).is_some()),
        C::View(n) | C::MaterializedView(n) => schema.views.keys().any(|k| k.name == n.name),
        C::Sequence(n) => schema.sequences.keys().any(|k| k.name == n.name),
        C::Type(n) | C::Domain(n) => schema.types.keys().any(|k| k.name == n.name),
        C::DomainConstraint { name, domain } => {
            matches!(schema.types.get(domain), Some(UserType::Domain(d)) if d.checks.iter().any(|(n, _)| n == name))
        }
        // `public` exists without a `CREATE SCHEMA`.
        C::Schema(n) => schema.namespaces.contains(n) || (n == "public" && schema.dialect == Dialect::Postgres),
        C::Function { name, .. } | C::Procedure { name, .. } => routine(name),
        C::Constraint { name, table } => schema.tables.get(table).is_some_and(|t| t.constraint(name).is_some()),
        C::Policy { name, table } => schema.tables.get(table).is_some_and(|t| t.policies.iter().any(|p| p.name == *name)),
        C::Trigger { name, table } => schema.triggers.contains_key(&(table.clone(), name.clone())),
        C::Table(n) => schema.tables.contains_key(n),
        C::Column { table, column } => {
            schema.tables.get(table).is_some_and(|t| t.column(column).is_some()) || schema.views.contains_key(table)
        }
    }
}
