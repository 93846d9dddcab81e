//! PostgreSQL objects around tables: extensions, sequences, views and materialized views,
//! functions and procedures, row level security and policies.

use super::{comment_on, type_sql};
use crate::model::{Extension, Function, Policy, QName, Sequence, View};
use crate::render::common;
use crate::render::{RenderContext, Rendered};

pub(super) fn create_extension(e: &Extension, ctx: &RenderContext<'_>) -> Rendered {
    let mut s = format!("CREATE EXTENSION IF NOT EXISTS {}", ctx.id(&e.name));
    if let Some(schema) = &e.schema {
        s.push_str(&format!(" WITH SCHEMA {}", ctx.id(schema)));
    }
    if let Some(v) = &e.version {
        s.push_str(&format!(" VERSION {}", ctx.lit(v)));
    }
    Rendered::tx(vec![s])
}

fn owned_by(seq: &Sequence, ctx: &RenderContext<'_>) -> String {
    match &seq.owned_by {
        Some((t, c)) => format!("OWNED BY {}.{}", ctx.q(t), ctx.id(c)),
        None => "OWNED BY NONE".to_string(),
    }
}

pub(super) fn create_sequence(seq: &Sequence, ctx: &RenderContext<'_>) -> Rendered {
    let unlogged = if seq.unlogged { "UNLOGGED " } else { "" };
    let mut s = format!("CREATE {unlogged}SEQUENCE {}", ctx.q(&seq.name));
    if let Some(t) = &seq.data_type {
        s.push_str(&format!(" AS {}", type_sql(t)));
    }
    if let Some(v) = seq.increment {
        s.push_str(&format!(" INCREMENT BY {v}"));
    }
    if let Some(v) = seq.min_value {
        s.push_str(&format!(" MINVALUE {v}"));
    }
    if let Some(v) = seq.max_value {
        s.push_str(&format!(" MAXVALUE {v}"));
    }
    if let Some(v) = seq.start {
        s.push_str(&format!(" START WITH {v}"));
    }
    if let Some(v) = seq.cache {
        s.push_str(&format!(" CACHE {v}"));
    }
    if seq.cycle {
        s.push_str(" CYCLE");
    }
    if seq.owned_by.is_some() {
        s.push_str(&format!(" {}", owned_by(seq, ctx)));
    }
    let mut out = vec![s];
    if let Some(c) = &seq.comment {
        out.push(comment_on(&crate::model::CommentTarget::Sequence(seq.name.clone()), Some(c), ctx));
    }
    Rendered::tx(out)
}

pub(super) fn alter_sequence(from: &Sequence, to: &Sequence, ctx: &RenderContext<'_>) -> Rendered {
    let mut opts: Vec<String> = Vec::new();
    if from.data_type != to.data_type {
        opts.push(format!("AS {}", to.data_type.as_ref().map(type_sql).unwrap_or_else(|| "bigint".into())));
    }
    if from.increment != to.increment {
        opts.push(format!("INCREMENT BY {}", to.increment.unwrap_or(1)));
    }
    // Bounds left out follow the direction and the type, but ALTER keeps the old ones unless
    // told: a change of the effective bound is said (NO MINVALUE is the new default).
    if from.min_value != to.min_value || from.effective_min() != to.effective_min() {
        opts.push(to.min_value.map(|v| format!("MINVALUE {v}")).unwrap_or_else(|| "NO MINVALUE".into()));
    }
    if from.max_value != to.max_value || from.effective_max() != to.effective_max() {
        opts.push(to.max_value.map(|v| format!("MAXVALUE {v}")).unwrap_or_else(|| "NO MAXVALUE".into()));
    }
    // Without START the default is MINVALUE (ascending) or MAXVALUE (descending): a new
    // MINVALUE moves the start with it, which PostgreSQL wants said (START below MINVALUE fails).
    if from.start != to.start || from.effective_start() != to.effective_start() {
        opts.push(format!("START WITH {}", to.effective_start()));
    }
    if from.cache != to.cache {
        opts.push(format!("CACHE {}", to.cache.unwrap_or(1)));
    }
    if from.cycle != to.cycle {
        opts.push(if to.cycle { "CYCLE".into() } else { "NO CYCLE".into() });
    }
    if from.owned_by != to.owned_by {
        opts.push(owned_by(to, ctx));
    }
    let mut out = Vec::new();
    // A sequence renamed (`diff::renames`), or a serial's following its renamed table (see
    // `diff::implied_renames`); moved to another schema first (`RENAME TO` keeps the schema).
    let mut now = from.name.clone();
    if now.schema != to.name.schema {
        out.push(format!("ALTER SEQUENCE {} SET SCHEMA {}", ctx.q(&now), ctx.id(&to.name.schema)));
        now.schema = to.name.schema.clone();
    }
    if now.name != to.name.name {
        out.push(format!("ALTER SEQUENCE {} RENAME TO {}", ctx.q(&now), ctx.id(&to.name.name)));
    }
    if !opts.is_empty() {
        out.extend(super::sequences::alter(from, to, &opts.join(" "), ctx));
    }
    if from.unlogged != to.unlogged {
        let l = if to.unlogged { "UNLOGGED" } else { "LOGGED" };
        out.push(format!("ALTER SEQUENCE {} SET {l}", ctx.q(&to.name)));
    }
    if from.comment != to.comment {
        out.push(comment_on(&crate::model::CommentTarget::Sequence(to.name.clone()), to.comment.as_deref(), ctx));
    }
    Rendered::tx(out)
}

pub(super) fn set_row_security(table: &QName, enabled: bool, forced: bool, ctx: &RenderContext<'_>) -> Rendered {
    let t = ctx.q(table);
    let was_forced = ctx.from_table(table).is_some_and(|ft| ft.rls_forced);
    let mut out = vec![format!("ALTER TABLE {t} {} ROW LEVEL SECURITY", if enabled { "ENABLE" } else { "DISABLE" })];
    if forced || was_forced {
        out.push(format!("ALTER TABLE {t} {} ROW LEVEL SECURITY", if forced { "FORCE" } else { "NO FORCE" }));
    }
    Rendered::tx(out)
}

fn role(ctx: &RenderContext<'_>, r: &str) -> String {
    let lower = r.to_ascii_lowercase();
    if matches!(lower.as_str(), "public" | "current_user" | "session_user" | "current_role") {
        lower.to_ascii_uppercase()
    } else {
        ctx.id(r)
    }
}

pub(super) fn create_policy(table: &QName, p: &Policy, ctx: &RenderContext<'_>) -> Rendered {
    let mut s = format!("CREATE POLICY {} ON {}", ctx.id(&p.name), ctx.q(table));
    if !p.permissive {
        s.push_str(" AS RESTRICTIVE");
    }
    let cmd = p.command.trim().to_ascii_uppercase();
    if !cmd.is_empty() && cmd != "ALL" {
        s.push_str(&format!(" FOR {cmd}"));
    }
    if !p.roles.is_empty() {
        let roles: Vec<String> = p.roles.iter().map(|r| role(ctx, r)).collect();
        s.push_str(&format!(" TO {}", roles.join(", ")));
    }
    if let Some(u) = &p.using {
        s.push_str(&format!(" USING {}", common::paren(u)));
    }
    if let Some(w) = &p.with_check {
        s.push_str(&format!(" WITH CHECK {}", common::paren(w)));
    }
    Rendered::tx(vec![s])
}

/// Split view options into storage parameters (`WITH (...)`) and a check option clause.
pub(crate) fn view_option_parts(v: &View) -> (Vec<String>, Option<String>) {
    let mut params = Vec::new();
    let mut check: Option<String> = None;
    let mut consider = |o: &str| {
        let t = o.trim();
        let up = t.to_ascii_uppercase();
        if up.contains("CHECK OPTION") {
            check = Some(if up.starts_with("WITH") { t.to_string() } else { format!("WITH {t}") });
        } else if matches!(up.as_str(), "LOCAL" | "CASCADED") {
            check = Some(format!("WITH {up} CHECK OPTION"));
        } else if !t.is_empty() {
            params.push(t.trim_start_matches("WITH").trim().trim_start_matches('(').trim_end_matches(')').to_string());
        }
    };
    for o in &v.options {
        consider(o);
    }
    if let Some(c) = &v.with_check_option {
        consider(c);
    }
    (params, check)
}

pub(super) fn create_view(v: &View, ctx: &RenderContext<'_>) -> Rendered {
    let (params, check) = view_option_parts(v);
    let kind = if v.materialized { "MATERIALIZED VIEW" } else { "VIEW" };
    let mut s = format!("CREATE {kind} {}", ctx.q(&v.name));
    if !v.columns.is_empty() {
        s.push_str(&format!(" ({})", common::column_list(ctx.dialect(), &v.columns)));
    }
    if let Some(am) = &v.storage.access_method {
        s.push_str(&format!(" USING {}", ctx.id(am)));
    }
    if !params.is_empty() {
        s.push_str(&format!(" WITH ({})", params.join(", ")));
    }
    if let Some(ts) = &v.storage.tablespace {
        s.push_str(&format!(" TABLESPACE {}", ctx.id(ts)));
    }
    s.push_str(&format!(" AS\n{}", v.definition.trim().trim_end_matches(';')));
    if let Some(c) = check {
        if !v.materialized {
            s.push_str(&format!("\n{c}"));
        }
    }
    let mut out = vec![s];
    // Indexes of a materialized view are created with it (the view is new or recreated).
    out.extend(v.indexes.iter().map(|i| super::table::index_sql(&v.name, i, false, ctx)));
    if let Some(c) = &v.comment {
        out.push(comment_on(&crate::model::CommentTarget::view(&v.name, v.materialized), Some(c), ctx));
    }
    for (col, d) in &v.column_defaults {
        out.push(format!("ALTER VIEW {} ALTER COLUMN {} SET DEFAULT {d}", ctx.q(&v.name), ctx.id(col)));
    }
    for (col, c) in &v.column_comments {
        out.push(comment_on(&crate::model::CommentTarget::Column { table: v.name.clone(), column: col.clone() }, Some(c), ctx));
    }
    // A materialized view's column storage and statistics (ALTER TABLE spells them for a table).
    for (col, st) in &v.column_storage {
        let mut k = crate::model::Column::new(col.clone(), crate::model::DataType::default());
        k.storage = st.clone();
        let table_form = format!("ALTER TABLE {} ", ctx.q(&v.name));
        let view_form = format!("ALTER MATERIALIZED VIEW {} ", ctx.q(&v.name));
        out.extend(
            super::storage::new_columns(&v.name, std::slice::from_ref(&k), ctx).into_iter().map(|x| x.replacen(&table_form, &view_form, 1)),
        );
    }
    Rendered::tx(out)
}

/// The routine's own `CREATE OR REPLACE` statement (made `OR REPLACE` if it was written
/// without), so a changed body replaces the old one in place and keeps what depends on it.
pub(super) fn create_function(f: &Function, ctx: &RenderContext<'_>) -> Rendered {
    let def = f.definition.trim().trim_end_matches(';').to_string();
    let mut out = Vec::new();
    // CREATE OR REPLACE cannot change the return type or the parameters' names and defaults.
    let kind = if f.procedure { "PROCEDURE" } else { "FUNCTION" };
    let mut kept_comment = false;
    if let Some(old) = ctx.from.functions.get(&f.signature()) {
        if crate::model::routine_head(&old.definition) != crate::model::routine_head(&def) {
            out.push(format!("DROP {kind} {}({})", ctx.q(&f.name), f.args));
        } else {
            // Replaced in place: the routine keeps its comment.
            kept_comment = old.comment.is_some();
        }
    }
    out.push(or_replace(&def));
    if f.comment.is_some() || kept_comment {
        out.push(comment_on(&crate::model::CommentTarget::routine(f), f.comment.as_deref(), ctx));
    }
    Rendered::tx(out)
}

/// A routine created again after it was dropped (`Change::Dependent`): its definition, made
/// `OR REPLACE`, and its comment, without the drop that a changed declaration otherwise needs.
pub(super) fn create_function_again(f: &Function, ctx: &RenderContext<'_>) -> Rendered {
    let def = f.definition.trim().trim_end_matches(';').to_string();
    let mut out = vec![or_replace(&def)];
    if let Some(c) = &f.comment {
        out.push(comment_on(&crate::model::CommentTarget::routine(f), Some(c), ctx));
    }
    Rendered::tx(out)
}

fn or_replace(def: &str) -> String {
    let words: Vec<&str> = def.split_whitespace().take(3).collect();
    let is_create = words.first().is_some_and(|w| w.eq_ignore_ascii_case("CREATE"));
    let has_or = words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("OR"));
    if is_create && !has_or {
        let rest = crate::text::from(def.trim_start(), "CREATE".len()).to_string();
        format!("CREATE OR REPLACE{rest}")
    } else {
        def.to_string()
    }
}
