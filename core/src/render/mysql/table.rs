//! MySQL / MariaDB tables: CREATE TABLE with its keys and indexes inline, full column
//! definitions (MODIFY/CHANGE must restate everything about a column), keys, foreign keys,
//! table options.

use super::keys;
use crate::model::{Column, Constraint, ConstraintKind, Index, QName, Table, TableOptions};
use crate::render::common::{self, constraint_def};
use crate::render::{RenderContext, Rendered};
use crate::Dialect;

const MY: Dialect = Dialect::Mysql;

/// A default as MySQL accepts it: constants and `CURRENT_TIMESTAMP`-like keywords bare, other
/// expressions in parentheses (MySQL 8.0.13+, MariaDB 10.2+).
fn default_sql(expr: &str) -> String {
    let t = expr.trim();
    let up = t.to_ascii_uppercase();
    let bare = common::is_constant_default(t)
        || common::is_wrapped(t)
        || ["CURRENT_TIMESTAMP", "NOW(", "LOCALTIME", "B'", "X'", "0X", "_"].iter().any(|p| up.starts_with(p));
    if bare {
        t.to_string()
    } else {
        format!("({t})")
    }
}

/// The whole column definition: everything MySQL stores about the column, so MODIFY/CHANGE
/// lose nothing.
pub(in crate::render::mysql) fn column_def(table: &QName, c: &Column, ctx: &RenderContext<'_>) -> String {
    let mut s = format!("{} {}", ctx.col_id(table, &c.name), c.data_type);
    if c.storage.compression.is_some() {
        // MariaDB column compression: zlib, its one method.
        s.push_str(" COMPRESSED");
    }
    if let Some(cs) = &c.charset {
        s.push_str(&format!(" CHARACTER SET {cs}"));
    }
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(row) = &c.row_time {
        // A period column: no NULL, no default (MariaDB sets it).
        s.push_str(&format!(" GENERATED ALWAYS AS ROW {row}"));
    } else if let Some(g) = &c.generated {
        let kind = if g.stored { "STORED" } else { "VIRTUAL" };
        s.push_str(&format!(" GENERATED ALWAYS AS {} {kind}", common::paren(&g.expr)));
        // MariaDB allows no NULL/NOT NULL on generated columns.
        if ctx.target.generated_column_nullability() && !c.nullable {
            s.push_str(" NOT NULL");
        }
    } else {
        s.push_str(if c.nullable { " NULL" } else { " NOT NULL" });
        if let Some(d) = &c.default {
            s.push_str(&format!(" DEFAULT {}", default_sql(d)));
        }
        if let Some(u) = &c.on_update {
            s.push_str(&format!(" ON UPDATE {}", u.trim()));
        }
        if c.auto_increment {
            s.push_str(" AUTO_INCREMENT");
        }
    }
    if c.invisible {
        s.push_str(" INVISIBLE");
    }
    if c.without_versioning {
        s.push_str(" WITHOUT SYSTEM VERSIONING");
    }
    if let Some(cm) = &c.comment {
        s.push_str(&format!(" COMMENT {}", ctx.lit(cm)));
    }
    // MariaDB keeps a check written in the column's definition there: restated with it.
    if ctx.target.column_level_checks() {
        let check = ctx.to.tables.get(table).and_then(|t| t.column_check(&c.name));
        if let Some(ConstraintKind::Check { expr, .. }) = check.map(|k| &k.kind) {
            s.push_str(&format!(" CHECK {}", common::paren(expr)));
        }
    }
    s
}

/// A key or constraint as written inside CREATE TABLE / after ADD.
pub(super) fn key_def(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> String {
    let comment = c.index.comment.as_ref().map(|cm| format!(" COMMENT {}", ctx.lit(cm))).unwrap_or_default();
    format!("{}{comment}", key_def_only(table, c, ctx))
}

fn key_def_only(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> String {
    match (&c.kind, &c.name) {
        (ConstraintKind::Unique { columns, .. }, Some(n)) => {
            format!("UNIQUE KEY {} ({})", ctx.key_id(table, n), common::column_list(MY, columns))
        }
        (_, Some(n)) => {
            let spelled = ctx.to.tables.get(table).map(|t| t.key_spelled(n).to_string());
            constraint_def(MY, &Constraint { name: spelled.or_else(|| c.name.clone()), ..c.clone() })
        }
        _ => constraint_def(MY, c),
    }
}

/// `[UNIQUE|FULLTEXT|SPATIAL] KEY `name` (parts) [USING m] [COMMENT '..']` (inside CREATE TABLE).
pub(super) fn index_def(table: &QName, i: &Index, ctx: &RenderContext<'_>) -> String {
    format!("{}KEY {} {}", index_prefix(i), ctx.key_id(table, &i.name), index_tail(i, ctx))
}

fn index_prefix(i: &Index) -> String {
    match (&i.kind, i.unique) {
        (Some(k), _) => format!("{} ", k.to_ascii_uppercase()),
        (None, true) => "UNIQUE ".into(),
        (None, false) => String::new(),
    }
}

fn index_tail(i: &Index, ctx: &RenderContext<'_>) -> String {
    let parts: Vec<String> = i.elems.iter().map(|e| common::index_elem(MY, e)).collect();
    let mut s = format!("({})", parts.join(", "));
    if let Some(m) = &i.method {
        s.push_str(&format!(" USING {}", m.to_ascii_uppercase()));
    }
    if let Some(c) = &i.comment {
        s.push_str(&format!(" COMMENT {}", ctx.lit(c)));
    }
    if i.invisible {
        s.push_str(if ctx.target.ignored_keyword() { " IGNORED" } else { " INVISIBLE" });
    }
    s
}

pub(super) fn create_index_sql(table: &QName, i: &Index, ctx: &RenderContext<'_>) -> String {
    format!("CREATE {}INDEX {} ON {} {}", index_prefix(i), ctx.key_id(table, &i.name), ctx.q(table), index_tail(i, ctx))
}

/// A `key=value` table option with its key in upper case, as the server shows an option
/// (MariaDB keeps an engine-defined attribute such as `PAGE_COMPRESSED` in the case written).
fn option_sql(o: &str) -> String {
    match o.split_once('=') {
        Some((k, v)) => format!("{}={v}", k.trim().to_ascii_uppercase()),
        None => o.to_ascii_uppercase(),
    }
}

/// Table options as written after the closing parenthesis of CREATE TABLE.
fn table_options(o: &TableOptions, comment: Option<&str>, ctx: &RenderContext<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = &o.engine {
        out.push(format!("ENGINE={e}"));
    }
    if let Some(c) = &o.charset {
        out.push(format!("DEFAULT CHARSET={c}"));
    }
    if let Some(c) = &o.collation {
        out.push(format!("COLLATE={c}"));
    }
    out.extend(o.other.iter().map(|x| option_sql(x)));
    if let Some(c) = comment {
        out.push(format!("COMMENT={}", ctx.lit(c)));
    }
    if o.system_versioning {
        out.push("WITH SYSTEM VERSIONING".into());
    }
    // Last: nothing may follow the partition clause.
    if let Some(p) = &o.partition_by {
        out.push(format!("PARTITION BY {p}"));
    }
    out
}

pub(super) fn create_table(t: &Table, ctx: &RenderContext<'_>) -> Rendered {
    let mut items: Vec<String> = t.columns.iter().map(|c| column_def(&t.name, c, ctx)).collect();
    let inline = |c: &&Constraint| ctx.target.column_level_checks() && c.name.as_ref().is_some_and(|n| t.column_checks.contains_key(n));
    items.extend(t.constraints.iter().filter(|c| !inline(c)).map(|c| key_def(&t.name, c, ctx)));
    items.extend(t.indexes.iter().map(|i| index_def(&t.name, i, ctx)));
    items.extend(t.options.periods.iter().map(|p| period_def(p, ctx)));
    let mut sql = format!("CREATE TABLE {} (\n  {}\n)", ctx.q(&t.name), items.join(",\n  "));
    let opts = table_options(&t.options, t.comment.as_deref(), ctx);
    if !opts.is_empty() {
        sql.push(' ');
        sql.push_str(&opts.join(" "));
    }
    Rendered::tx(vec![sql])
}

/// `PERIOD FOR SYSTEM_TIME (start, end)` / `PERIOD FOR name (start, end)` (MariaDB).
fn period_def((name, start, end): &(String, String, String), ctx: &RenderContext<'_>) -> String {
    let name = if name == "SYSTEM_TIME" { name.clone() } else { ctx.id(name) };
    format!("PERIOD FOR {name} ({}, {})", ctx.id(start), ctx.id(end))
}

/// ADD COLUMN at the column's place in the target table (`FIRST` / `AFTER prev`), so the
/// column order matches AFTER.
pub(super) fn add_column(table: &QName, c: &Column, ctx: &RenderContext<'_>) -> Rendered {
    let mut s = format!("ALTER TABLE {} ADD COLUMN {}", ctx.q(table), column_def(table, c, ctx));
    s.push_str(&position(table, &c.name, ctx));
    s.push_str(&keys::key_for_new_auto_increment(table, None, c, ctx));
    Rendered::tx(vec![s])
}

/// ` FIRST` or ` AFTER prev`: the column's place in the target table.
pub(super) fn position(table: &QName, column: &str, ctx: &RenderContext<'_>) -> String {
    let Some(t) = ctx.to_table(table) else { return String::new() };
    match t.columns.iter().position(|x| x.name == column) {
        Some(0) => " FIRST".to_string(),
        Some(pos) => format!(" AFTER {}", ctx.id(&t.columns[pos - 1].name)),
        None => String::new(),
    }
}

/// MODIFY COLUMN with the full new definition. MySQL and MariaDB MODIFY a column between
/// regular and STORED generated (the stored values are kept or computed; MySQL manual, ALTER
/// TABLE and Generated Columns), not to or from VIRTUAL: a column that becomes virtual (or
/// changes between STORED and VIRTUAL) is dropped and added at its place; one that stops being
/// virtual keeps its computed values through a new column that takes its name.
pub(super) fn alter_column(table: &QName, from: &Column, to: &Column, ctx: &RenderContext<'_>) -> Rendered {
    let t = ctx.q(table);
    let kind = |c: &Column| c.generated.as_ref().map(|g| g.stored);
    let modifiable = |c: &Column| kind(c) != Some(false);
    if kind(from) == kind(to) || (modifiable(from) && modifiable(to)) {
        // The position keeps (or restores) the column order of AFTER.
        return Rendered::tx(vec![format!(
            "ALTER TABLE {t} MODIFY COLUMN {}{}{}",
            column_def(table, to, ctx),
            position(table, &to.name, ctx),
            keys::key_for_new_auto_increment(table, Some(from), to, ctx)
        )]);
    }
    if to.generated.is_some() {
        let mut out = vec![format!("ALTER TABLE {t} DROP COLUMN {}", ctx.id(&from.name))];
        out.extend(add_column(table, to, ctx).statements);
        return Rendered::tx(out);
    }
    let temp = Column { name: format!("{}__schemashift_new", to.name), ..to.clone() };
    Rendered::tx(vec![
        format!("ALTER TABLE {t} ADD COLUMN {} AFTER {}", column_def(table, &temp, ctx), ctx.id(&from.name)),
        format!("UPDATE {t} SET {} = {}", ctx.id(&temp.name), ctx.id(&from.name)),
        format!("ALTER TABLE {t} DROP COLUMN {}", ctx.id(&from.name)),
        format!("ALTER TABLE {t} CHANGE COLUMN {} {}", ctx.id(&temp.name), column_def(table, to, ctx)),
    ])
}

pub(super) fn rename_column(table: &QName, from: &str, to: &str, ctx: &RenderContext<'_>) -> Rendered {
    let native = ctx.target.native_rename_column();
    let t = ctx.q(table);
    match ctx.to_table(table).and_then(|tt| tt.column(to)) {
        Some(col) if !native => {
            Rendered::tx(vec![format!("ALTER TABLE {t} CHANGE COLUMN {} {}", ctx.id(from), column_def(table, col, ctx))])
        }
        _ => Rendered::tx(vec![format!("ALTER TABLE {t} RENAME COLUMN {} TO {}", ctx.id(from), ctx.col_id(table, to))]),
    }
}

pub(super) fn rename_index(table: &QName, from: &str, to: &str, ctx: &RenderContext<'_>) -> Rendered {
    let native = ctx.target.native_rename_index();
    let t = ctx.q(table);
    match ctx.to_table(table).and_then(|tt| tt.index(to)) {
        Some(i) if !native => Rendered::tx(vec![format!("DROP INDEX {} ON {t}", ctx.id(from)), create_index_sql(table, i, ctx)]),
        _ => Rendered::tx(vec![format!("ALTER TABLE {t} RENAME INDEX {} TO {}", ctx.id(from), ctx.key_id(table, to))]),
    }
}

pub(super) fn alter_options(table: &QName, from: &TableOptions, to: &TableOptions, ctx: &RenderContext<'_>) -> Rendered {
    let mut opts = Vec::new();
    if from.engine != to.engine {
        // The model leaves the default engine out: going back to it is spelled out.
        opts.push(format!("ENGINE={}", to.engine.as_deref().unwrap_or("InnoDB")));
    }
    if from.charset != to.charset || from.collation != to.collation {
        if let Some(c) = &to.charset {
            opts.push(format!("DEFAULT CHARSET={c}"));
        }
        if let Some(c) = &to.collation {
            opts.push(format!("COLLATE={c}"));
        }
    }
    let key = |o: &str| o.split('=').next().unwrap_or(o).trim().to_ascii_uppercase();
    for o in &from.other {
        if !to.other.iter().any(|n| key(n) == key(o)) {
            opts.push(format!("{}=DEFAULT", key(o)));
        }
    }
    for o in &to.other {
        if !from.other.contains(o) {
            opts.push(option_sql(o));
        }
    }
    let t = ctx.q(table);
    let mut out = Vec::new();
    if !opts.is_empty() {
        out.push(format!("ALTER TABLE {t} {}", opts.join(", ")));
    }
    // Application-time periods dropped and added (their columns stay).
    for p in from.periods.iter().filter(|p| p.0 != "SYSTEM_TIME" && !to.periods.contains(p)) {
        out.push(format!("ALTER TABLE {t} DROP PERIOD FOR {}", ctx.id(&p.0)));
    }
    for p in to.periods.iter().filter(|p| p.0 != "SYSTEM_TIME" && !from.periods.contains(p)) {
        out.push(format!("ALTER TABLE {t} ADD {}", period_def(p, ctx)));
    }
    // The history rows go with DROP SYSTEM VERSIONING (risk rule mysql-system-versioning).
    // A SYSTEM_TIME period and its ROW START/END columns come and go with the versioning.
    if from.system_versioning != to.system_versioning {
        match super::versioning::explicit_period_change(table, ctx).and_then(|g| super::versioning::versioning_statements(table, g, ctx)) {
            Some(s) => out.extend(s),
            None => {
                let verb = if to.system_versioning { "ADD" } else { "DROP" };
                out.push(format!("ALTER TABLE {t} {verb} SYSTEM VERSIONING"));
            }
        }
    }
    // Partitioning changes with every row kept (render/mysql/partitions.rs).
    if from.partition_by != to.partition_by {
        out.push(super::partitions::change(table, from.partition_by.as_deref(), to.partition_by.as_deref(), ctx));
    }
    if out.is_empty() {
        return Rendered::none();
    }
    Rendered::tx(out)
}
