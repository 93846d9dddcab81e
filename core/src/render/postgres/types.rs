//! PostgreSQL user types: enums (values added in place, or the type rebuilt when values are
//! removed or reordered), domains and composite types.

use super::alter::using_cast;
use super::{comment_on, type_sql};
use crate::model::{DataType, Domain, EnumType, QName, RangeType, Schema, UserType};
use crate::render::common;
use crate::render::{RenderContext, Rendered};

fn type_kind(ty: &UserType) -> &'static str {
    match ty {
        UserType::Domain(_) => "DOMAIN",
        _ => "TYPE",
    }
}

fn type_comment(ty: &UserType) -> Option<&String> {
    match ty {
        UserType::Enum(e) => e.comment.as_ref(),
        UserType::Domain(d) => d.comment.as_ref(),
        UserType::Composite { comment, .. } => comment.as_ref(),
        UserType::Range(r) => r.comment.as_ref(),
    }
}

/// The CREATE statement of a type under the name `name` (and a domain's `NOT VALID` checks).
fn create_sql(ty: &UserType, name: &QName, ctx: &RenderContext<'_>) -> Vec<String> {
    vec![match ty {
        UserType::Enum(e) => {
            let vals: Vec<String> = e.values.iter().map(|v| ctx.lit(v)).collect();
            format!("CREATE TYPE {} AS ENUM ({})", ctx.q(name), vals.join(", "))
        }
        UserType::Domain(d) => {
            let d = Domain { name: name.clone(), ..d.clone() };
            return std::iter::once(domain_sql(&d, name, ctx)).chain(domain_not_valid_checks(&d, ctx)).collect();
        }
        UserType::Composite { attributes, .. } => {
            let attrs: Vec<String> =
                attributes.iter().map(|a| format!("{} {}{}", ctx.id(&a.name), type_sql(&a.data_type), collate(a))).collect();
            format!("CREATE TYPE {} AS ({})", ctx.q(name), attrs.join(", "))
        }
        UserType::Range(r) => range_sql(r, name, ctx),
    }]
}

/// `CREATE TYPE name AS RANGE (SUBTYPE = t, ...)` with the parts that are not the defaults.
fn range_sql(r: &RangeType, name: &QName, ctx: &RenderContext<'_>) -> String {
    let d = ctx.dialect();
    let mut parts = vec![format!("SUBTYPE = {}", type_sql(&r.subtype))];
    if let Some(o) = &r.subtype_opclass {
        parts.push(format!("SUBTYPE_OPCLASS = {}", common::dotted(d, o)));
    }
    if let Some(c) = &r.collation {
        parts.push(format!("COLLATION = {}", common::dotted(d, c)));
    }
    if let Some(f) = &r.canonical {
        parts.push(format!("CANONICAL = {}", common::dotted(d, f)));
    }
    if let Some(f) = &r.subtype_diff {
        parts.push(format!("SUBTYPE_DIFF = {}", common::dotted(d, f)));
    }
    if let Some(m) = &r.multirange_type_name {
        parts.push(format!("MULTIRANGE_TYPE_NAME = {}", ctx.q(m)));
    }
    format!("CREATE TYPE {} AS RANGE ({})", ctx.q(name), parts.join(", "))
}

fn domain_sql(d: &Domain, name: &QName, ctx: &RenderContext<'_>) -> String {
    let mut s = format!("CREATE DOMAIN {} AS {}", ctx.q(name), type_sql(&d.data_type));
    if let Some(c) = &d.collation {
        s.push_str(&format!(" COLLATE {}", common::dotted(ctx.dialect(), c)));
    }
    if let Some(def) = &d.default {
        s.push_str(&format!(" DEFAULT {}", common::pg_default(def)));
    }
    if d.not_null {
        s.push_str(" NOT NULL");
    }
    for (n, expr) in d.checks.iter().filter(|(n, _)| !d.not_valid.contains(n)) {
        s.push_str(&format!(" CONSTRAINT {} CHECK {}", ctx.id(n), common::paren(expr)));
    }
    s
}

/// `ALTER DOMAIN ... ADD CONSTRAINT n CHECK (e) [NOT VALID]`.
fn add_domain_check(d: &Domain, n: &str, e: &str, ctx: &RenderContext<'_>) -> String {
    let valid = if d.not_valid.contains(n) { " NOT VALID" } else { "" };
    format!("ALTER DOMAIN {} ADD CONSTRAINT {} CHECK {}{valid}", ctx.q(&d.name), ctx.id(n), common::paren(e))
}

/// The statements after `CREATE DOMAIN`: its checks added `NOT VALID` (a check created with
/// the domain is always validated).
fn domain_not_valid_checks(d: &Domain, ctx: &RenderContext<'_>) -> Vec<String> {
    d.checks.iter().filter(|(n, _)| d.not_valid.contains(n)).map(|(n, e)| add_domain_check(d, n, e, ctx)).collect()
}

/// A domain changed in place (same base type and collation): default, NOT NULL, checks
/// dropped, added (`NOT VALID` as AFTER has them) and validated. A check AFTER has unvalidated
/// that BEFORE has validated is dropped and added `NOT VALID` (a validation cannot be undone).
pub(crate) fn alter_domain(a: &Domain, b: &Domain, ctx: &RenderContext<'_>) -> Vec<String> {
    let q = ctx.q(&b.name);
    let mut out = Vec::new();
    if a.default != b.default {
        out.push(match &b.default {
            Some(d) => format!("ALTER DOMAIN {q} SET DEFAULT {}", common::pg_default(d)),
            None => format!("ALTER DOMAIN {q} DROP DEFAULT"),
        });
    }
    let kept =
        |n: &String, e: &String| a.checks.iter().any(|(an, ae)| an == n && ae == e) && (b.not_valid.contains(n) <= a.not_valid.contains(n));
    // A check only renamed (same expression, same validity) is renamed, not re-checked.
    let dropped: Vec<&(String, String)> =
        a.checks.iter().filter(|(n, _)| !b.checks.iter().any(|(bn, be)| bn == n && kept(bn, be))).collect();
    let mut renamed: Vec<&String> = Vec::new();
    for (n, e) in dropped {
        let to = b.checks.iter().find(|(bn, be)| {
            be == e
                && !kept(bn, be)
                && !a.checks.iter().any(|(an, _)| an == bn)
                && !renamed.contains(&bn)
                && a.not_valid.contains(n) == b.not_valid.contains(bn)
        });
        match to {
            Some((bn, _)) => {
                renamed.push(bn);
                out.push(format!("ALTER DOMAIN {q} RENAME CONSTRAINT {} TO {}", ctx.id(n), ctx.id(bn)));
            }
            None => out.push(format!("ALTER DOMAIN {q} DROP CONSTRAINT {}", ctx.id(n))),
        }
    }
    if a.not_null != b.not_null {
        let s = if b.not_null { "SET NOT NULL" } else { "DROP NOT NULL" };
        out.push(format!("ALTER DOMAIN {q} {s}"));
    }
    for (n, e) in &b.checks {
        if renamed.contains(&n) {
            continue;
        }
        if !kept(n, e) {
            out.push(add_domain_check(b, n, e, ctx));
        } else if a.not_valid.contains(n) && !b.not_valid.contains(n) {
            out.push(format!("ALTER DOMAIN {q} VALIDATE CONSTRAINT {}", ctx.id(n)));
        }
    }
    out
}

pub(super) fn create_type(ty: &UserType, ctx: &RenderContext<'_>) -> Rendered {
    let mut out = create_sql(ty, ty.name(), ctx);
    if let Some(c) = type_comment(ty) {
        out.push(comment_on(&crate::model::CommentTarget::of_type(ty), Some(c), ctx));
    }
    Rendered::tx(out)
}

pub(super) fn drop_type(ty: &UserType, ctx: &RenderContext<'_>) -> Rendered {
    Rendered::tx(vec![format!("DROP {} {}", type_kind(ty), ctx.q(ty.name()))])
}

/// `ALTER TYPE ... ADD VALUE`. Before PostgreSQL 12 it cannot run inside a transaction block;
/// from 12 it can, but the new value cannot be used before the transaction commits, so the step
/// still stands alone when the target schema uses the value (a default, a check, a view...).
pub(super) fn add_enum_value(name: &QName, value: &str, before: Option<&str>, after: Option<&str>, ctx: &RenderContext<'_>) -> Rendered {
    let mut s = format!("ALTER TYPE {} ADD VALUE {}", ctx.q(name), ctx.lit(value));
    if let Some(b) = before {
        s.push_str(&format!(" BEFORE {}", ctx.lit(b)));
    } else if let Some(a) = after {
        s.push_str(&format!(" AFTER {}", ctx.lit(a)));
    }
    if !ctx.target.enum_add_value_in_transaction() || value_used(ctx.to, value, ctx) {
        Rendered::non_tx(vec![s])
    } else {
        Rendered::tx(vec![s])
    }
}

/// Whether the literal `value` appears in an expression the migration will evaluate.
fn value_used(schema: &Schema, value: &str, ctx: &RenderContext<'_>) -> bool {
    let lit = ctx.lit(value);
    let in_expr = |e: &Option<String>| e.as_deref().is_some_and(|e| e.contains(&lit));
    schema.tables.values().any(|t| {
        t.columns.iter().any(|c| in_expr(&c.default))
            || t.constraints.iter().any(|c| matches!(&c.kind, crate::model::ConstraintKind::Check { expr, .. } if expr.contains(&lit)))
            || t.indexes.iter().any(|i| in_expr(&i.predicate))
            || t.policies.iter().any(|p| in_expr(&p.using) || in_expr(&p.with_check))
    }) || schema.views.values().any(|v| v.definition.contains(&lit))
}

/// A name for the old type while columns move over to the new one.
fn old_name(name: &QName) -> QName {
    QName::new(name.schema.clone(), format!("{}__schemashift_old", name.name))
}

/// Rename the old enum away, create the new one, convert every column that uses it (through
/// text; a row holding a removed value makes the conversion fail, which is the safe outcome),
/// drop the old type.
pub(super) fn rebuild_enum(from: &EnumType, to: &EnumType, columns: &[(QName, String)], ctx: &RenderContext<'_>) -> Rendered {
    let old = old_name(&to.name);
    let mut out = vec![format!("ALTER TYPE {} RENAME TO {}", ctx.q(&from.name), ctx.id(&old.name))];
    out.extend(create_sql(&UserType::Enum(to.clone()), &to.name, ctx));
    out.extend(convert_columns(&to.name, columns, ctx));
    out.push(format!("DROP TYPE {}", ctx.q(&old)));
    if let Some(c) = &to.comment {
        out.push(comment_on(&crate::model::CommentTarget::Type(to.name.clone()), Some(c), ctx));
    }
    Rendered::tx(out)
}

/// `ALTER TABLE ... ALTER COLUMN ... TYPE new USING col::text::new` for each column, with its
/// default taken off and put back around the conversion.
fn convert_columns(_ty: &QName, columns: &[(QName, String)], ctx: &RenderContext<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (tname, cname) in columns {
        let Some(col) = ctx.to.tables.get(tname).and_then(|t| t.column(cname)) else { continue };
        let t = ctx.q(tname);
        let c = ctx.id(cname);
        let had_default =
            ctx.from_table(tname).is_some_and(|ft| ft.column(cname).is_some_and(|fc| fc.default.is_some())) || col.default.is_some();
        if had_default {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT"));
        }
        let text = if col.data_type.array_dims > 0 { "text[]" } else { "text" };
        let new_type = &col.data_type;
        out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} TYPE {} USING {c}::{text}::{}", type_sql(new_type), type_sql(new_type)));
        if let Some(d) = &col.default {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {}", common::pg_default(d)));
        }
    }
    out
}

/// A domain or composite type changes. Domains over the same base type and composite types
/// are altered in place; anything else is rebuilt like an enum (rename, create, convert, drop).
pub(super) fn replace_type(from: &UserType, to: &UserType, ctx: &RenderContext<'_>) -> Rendered {
    let name = to.name();
    let q = ctx.q(name);
    let mut out = Vec::new();
    match (from, to) {
        (UserType::Domain(a), UserType::Domain(b)) if to.alters_in_place_from(from) => {
            out.extend(alter_domain(a, b, ctx));
        }
        (UserType::Composite { attributes: a, .. }, UserType::Composite { attributes: b, .. }) => {
            let mut actions = Vec::new();
            for x in a {
                if !b.iter().any(|y| y.name == x.name) {
                    actions.push(format!("DROP ATTRIBUTE {}", ctx.id(&x.name)));
                }
            }
            for y in b {
                let (n, t) = (ctx.id(&y.name), type_sql(&y.data_type));
                match a.iter().find(|x| x.name == y.name) {
                    None => actions.push(format!("ADD ATTRIBUTE {n} {t}{}", collate(y))),
                    Some(x) if x.data_type != y.data_type || x.collation != y.collation => {
                        actions.push(format!("ALTER ATTRIBUTE {n} TYPE {t}{}", collate(y)))
                    }
                    _ => {}
                }
            }
            // Typed tables of the type follow it only with CASCADE (the engine refuses without).
            let typed = [ctx.from, ctx.to].iter().any(|s| s.tables.values().any(|t| t.options.of_type.as_ref() == Some(name)));
            if typed {
                actions.iter_mut().for_each(|a| a.push_str(" CASCADE"));
            }
            if !actions.is_empty() {
                out.push(format!("ALTER TYPE {q} {}", actions.join(", ")));
            }
        }
        // No ALTER for a range type's definition: dropped (its multirange with it) and created
        // again, which the engine refuses while anything uses it (`diff::type_blockers` blocks).
        (UserType::Range(_), UserType::Range(b)) => {
            out.push(format!("DROP TYPE {}", ctx.q(from.name())));
            out.extend(create_sql(to, &b.name, ctx));
            if let Some(c) = &b.comment {
                out.push(comment_on(&crate::model::CommentTarget::Type(b.name.clone()), Some(c), ctx));
            }
            return Rendered::tx(out);
        }
        _ => {
            let old = old_name(name);
            out.push(format!("ALTER {} {} RENAME TO {}", type_kind(from), ctx.q(from.name()), ctx.id(&old.name)));
            out.extend(create_sql(to, name, ctx));
            let columns = columns_using(ctx.to, name);
            for (tname, cname) in &columns {
                let Some(col) = ctx.to.tables.get(tname).and_then(|t| t.column(cname)) else { continue };
                let c = ctx.id(cname);
                let t = ctx.q(tname);
                let old_type = DataType { base: format!("{}.{}", old.schema, old.name), ..col.data_type.clone() };
                let using = using_cast(&c, &old_type, &col.data_type).unwrap_or_else(|| c.clone());
                if col.default.is_some() {
                    out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT"));
                }
                out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} TYPE {} USING {using}", type_sql(&col.data_type)));
                if let Some(d) = &col.default {
                    out.push(format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {}", common::pg_default(d)));
                }
            }
            out.push(format!("DROP {} {}", type_kind(from), ctx.q(&old)));
        }
    }
    if type_comment(from) != type_comment(to) {
        out.push(comment_on(&crate::model::CommentTarget::of_type(to), type_comment(to).map(String::as_str), ctx));
    }
    Rendered::tx(out)
}

/// Every (table, column) of `schema` whose type is the user type `ty`.
pub(crate) fn columns_using(schema: &Schema, ty: &QName) -> Vec<(QName, String)> {
    let mut out = Vec::new();
    for (tname, t) in &schema.tables {
        for c in &t.columns {
            if c.data_type.user_defined && crate::diff::type_names_match(&c.data_type.base, ty) {
                out.push((tname.clone(), c.name.clone()));
            }
        }
    }
    out
}

/// ` COLLATE "C"` for an attribute with a collation of its own.
fn collate(a: &crate::model::Attribute) -> String {
    a.collation.as_ref().map(|c| format!(" COLLATE {}", common::dotted(crate::Dialect::Postgres, c))).unwrap_or_default()
}
