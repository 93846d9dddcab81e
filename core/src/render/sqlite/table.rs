//! SQLite table and index definitions.

use crate::model::{Column, ConstraintKind, Index, QName, Table};
use crate::render::common::{self, constraint_def};
use crate::render::RenderContext;
use crate::Dialect;

const LITE: Dialect = Dialect::Sqlite;

/// A default as SQLite accepts it: constants bare, expressions in parentheses.
pub(super) fn default_sql(expr: &str) -> String {
    let t = expr.trim();
    if common::is_constant_default(t) || common::is_wrapped(t) {
        t.to_string()
    } else {
        format!("({t})")
    }
}

/// A column's definition; `name` is its name as the table declares it (SQLite keeps the case
/// written, `Table::column_spellings`), quoted.
fn column_sql(c: &Column, name: String, inline_pk: bool, ctx: &RenderContext<'_>) -> String {
    let mut s = name;
    let ty = c.data_type.to_string();
    if !ty.is_empty() {
        s.push(' ');
        s.push_str(&ty);
    }
    if inline_pk {
        s.push_str(" PRIMARY KEY");
        if c.auto_increment {
            s.push_str(" AUTOINCREMENT");
        }
    }
    if !c.nullable {
        s.push_str(" NOT NULL");
    }
    if let (Some(d), None) = (&c.default, &c.generated) {
        s.push_str(&format!(" DEFAULT {}", default_sql(d)));
    }
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {}", ctx.id(coll)));
    }
    if let Some(g) = &c.generated {
        let kind = if g.stored { "STORED" } else { "VIRTUAL" };
        s.push_str(&format!(" GENERATED ALWAYS AS {} {kind}", common::paren(&g.expr)));
    }
    s
}

/// A column as ADD COLUMN writes it.
pub(super) fn column_def(table: &QName, c: &Column, ctx: &RenderContext<'_>) -> String {
    column_sql(c, ctx.col_id(table, &c.name), false, ctx)
}

/// CREATE TABLE for `t` under the name `name` (the rebuild creates it under a temporary name).
/// An AUTOINCREMENT column carries its primary key inline, as SQLite requires.
pub(super) fn create_table_sql(t: &Table, name: &QName, ctx: &RenderContext<'_>) -> String {
    let inline_pk_col: Option<&str> = t.primary_key().and_then(|pk| match &pk.kind {
        ConstraintKind::PrimaryKey { columns } if columns.len() == 1 => {
            let col = t.column(&columns[0])?;
            col.auto_increment.then_some(col.name.as_str())
        }
        _ => None,
    });
    let mut items: Vec<String> =
        t.columns.iter().map(|c| column_sql(c, ctx.id(t.column_spelled(&c.name)), Some(c.name.as_str()) == inline_pk_col, ctx)).collect();
    for c in &t.constraints {
        if inline_pk_col.is_some() && matches!(c.kind, ConstraintKind::PrimaryKey { .. }) {
            continue;
        }
        items.push(constraint_def(LITE, c));
    }
    // The table's own name as it is declared (a rebuild's temporary name is its own).
    let spelled = QName::new(name.schema.clone(), if *name == t.name { t.name_spelled() } else { &name.name });
    let mut sql = format!("CREATE TABLE {} (\n  {}\n)", ctx.q(&spelled), items.join(",\n  "));
    let mut opts = Vec::new();
    if t.options.without_rowid {
        opts.push("WITHOUT ROWID");
    }
    if t.options.strict {
        opts.push("STRICT");
    }
    if !opts.is_empty() {
        sql.push(' ');
        sql.push_str(&opts.join(", "));
    }
    sql
}

pub(super) fn index_sql(table: &QName, i: &Index, ctx: &RenderContext<'_>) -> String {
    let unique = if i.unique { "UNIQUE " } else { "" };
    // Its name as the table declares it (SQLite keeps the case written: `PRAGMA index_list`).
    let name = QName::new(table.schema.clone(), ctx.key_spelled(table, &i.name).to_string());
    let elems: Vec<String> = i.elems.iter().map(|e| common::index_elem(LITE, e)).collect();
    let mut s = format!("CREATE {unique}INDEX {} ON {} ({})", ctx.q(&name), ctx.id(&table.name), elems.join(", "));
    if let Some(p) = &i.predicate {
        s.push_str(&format!(" WHERE {}", p.trim()));
    }
    s
}
