//! PostgreSQL tables: CREATE TABLE (columns, keys, checks, identity, generated columns,
//! collation, partitioning, UNLOGGED), columns added, constraints, indexes, table options.

use super::{comment_on, type_sql};
use crate::model::{Column, Constraint, ConstraintKind, IdentityKind, Index, QName, Table, TableOptions};
use crate::render::common::{self, constraint_def};
use crate::render::{RenderContext, Rendered};
use crate::{text, Dialect};

const PG: Dialect = Dialect::Postgres;

/// `"name" type [COLLATE ..] [GENERATED ..] [NOT NULL] [DEFAULT ..]`.
pub(super) fn column_def(c: &Column, ctx: &RenderContext<'_>) -> String {
    let mut s = format!("{} {}", ctx.id(&c.name), type_sql(&c.data_type));
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {}", common::dotted(PG, coll)));
    }
    if let Some(g) = &c.generated {
        let kind = if g.stored || !ctx.target.virtual_generated_columns() { "STORED" } else { "VIRTUAL" };
        s.push_str(&format!(" GENERATED ALWAYS AS {} {kind}", common::paren(&g.expr)));
    }
    if let Some(id) = &c.identity {
        s.push_str(&identity_clause(id.kind, id.options.as_deref()));
    }
    if !c.nullable {
        s.push_str(" NOT NULL");
    }
    if let (Some(d), None, None) = (&c.default, &c.identity, &c.generated) {
        s.push_str(&format!(" DEFAULT {}", common::pg_default(d)));
    }
    s
}

/// ` GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(options)]`.
pub(super) fn identity_clause(kind: IdentityKind, options: Option<&str>) -> String {
    let k = match kind {
        IdentityKind::Always => "ALWAYS",
        IdentityKind::ByDefault => "BY DEFAULT",
    };
    match options.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => format!(" GENERATED {k} AS IDENTITY {}", common::paren(o)),
        None => format!(" GENERATED {k} AS IDENTITY"),
    }
}

fn column_comments(table: &QName, columns: &[Column], ctx: &RenderContext<'_>) -> Vec<String> {
    columns
        .iter()
        .filter_map(|c| {
            c.comment.as_ref().map(|text| {
                comment_on(&crate::model::CommentTarget::Column { table: table.clone(), column: c.name.clone() }, Some(text), ctx)
            })
        })
        .collect()
}

/// A new partition whose own key is attached to an index its parent already has: `PARTITION
/// OF` would give it a copy of that index first (PostgreSQL builds the parent's indexes on a
/// partition before its own keys), so the table is created on its own, with the parent's checks
/// under their names, and attached (`ATTACH PARTITION` attaches the matching key instead).
fn own_key_backs_parent_index(t: &Table, ctx: &RenderContext<'_>) -> bool {
    let Some(p) = t.options.partition_of.as_ref().filter(|_| !ctx.from.tables.contains_key(&t.name)) else { return false };
    let Some(parent) = ctx.from.tables.get(&p.parent) else { return false };
    t.constraints.iter().any(|k| k.index.attached.as_ref().is_some_and(|a| parent.indexes.iter().any(|i| &i.name == a)))
}

pub(super) fn create_table(t: &Table, ctx: &RenderContext<'_>) -> Rendered {
    if let Some(p) = t.options.partition_of.as_ref().filter(|_| own_key_backs_parent_index(t, ctx)) {
        let parent_keys = ctx.from.tables.get(&p.parent).map(|pt| pt.constraints.as_slice()).unwrap_or_default();
        let mut plain = t.clone();
        plain.options.partition_of = None;
        // The parent's keys come with the attach, its foreign keys too (not listed here).
        plain.constraints.retain(|k| {
            !matches!(k.kind, ConstraintKind::ForeignKey { .. })
                && !k.index.attached.as_ref().is_some_and(|a| parent_keys.iter().any(|pk| pk.name.as_ref() == Some(a)))
        });
        let mut r = create_table(&plain, ctx);
        r.statements.insert(1, format!("ALTER TABLE {} ATTACH PARTITION {} {}", ctx.q(&p.parent), ctx.q(&t.name), bound_sql(&p.bound)));
        return r;
    }
    let o = &t.options;
    let unlogged = if o.unlogged { "UNLOGGED " } else { "" };
    let mut sql = format!("CREATE {unlogged}TABLE {}", ctx.q(&t.name));
    if let Some(p) = &o.partition_of {
        // Columns come from the parent; only constraints the parent does not have are listed.
        let parent = ctx.to.tables.get(&p.parent);
        // Column options the partition adds to the parent's columns: NOT NULL, its own DEFAULT.
        let mut own: Vec<String> = t
            .columns
            .iter()
            .filter_map(|c| {
                let pc = parent.and_then(|pt| pt.column(&c.name))?;
                let mut opts = String::new();
                if !c.nullable && pc.nullable {
                    opts.push_str(" NOT NULL");
                }
                if let (Some(d), true) = (&c.default, c.default != pc.default && c.generated.is_none() && c.identity.is_none()) {
                    opts.push_str(&format!(" DEFAULT {}", common::pg_default(d)));
                }
                (!opts.is_empty()).then(|| format!("{} WITH OPTIONS{opts}", ctx.id(&c.name)))
            })
            .collect();
        // The parent's checks and foreign keys, and its keys that exist before the partition
        // (`diff::partition`), come from the parent.
        let parent_before = ctx.from.tables.get(&p.parent);
        let from_parent = |c: &Constraint| match &c.index.attached {
            Some(pk) if matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) => {
                let key_of = |pt: &Table| pt.constraints.iter().any(|pc| pc.name.as_ref() == Some(pk));
                parent.is_some_and(key_of) && parent_before.is_none_or(key_of)
            }
            _ => parent.is_some_and(|pt| pt.constraints.iter().any(|pc| pc.kind == c.kind)),
        };
        own.extend(t.constraints.iter().filter(|c| !from_parent(c)).map(|c| constraint_def(PG, c)));
        sql.push_str(&format!(" PARTITION OF {}", ctx.q(&p.parent)));
        if !own.is_empty() {
            sql.push_str(&format!(" (\n  {}\n)", own.join(",\n  ")));
        }
        sql.push_str(&format!(" {}", bound_sql(&p.bound)));
    } else if let Some(ty) = &o.of_type {
        // Columns come from the type; only their own options and the constraints are listed.
        let mut own: Vec<String> = t
            .columns
            .iter()
            .filter_map(|c| {
                let mut opts = String::new();
                if !c.nullable {
                    opts.push_str(" NOT NULL");
                }
                if let Some(d) = &c.default {
                    opts.push_str(&format!(" DEFAULT {}", common::pg_default(d)));
                }
                (!opts.is_empty()).then(|| format!("{} WITH OPTIONS{opts}", ctx.id(&c.name)))
            })
            .collect();
        own.extend(t.constraints.iter().map(|c| constraint_def(PG, c)));
        sql.push_str(&format!(" OF {}", ctx.q(ty)));
        if !own.is_empty() {
            sql.push_str(&format!(" (\n  {}\n)", own.join(",\n  ")));
        }
    } else {
        // Columns the table only inherits come from its parents (what it sets on them follows).
        let mut items: Vec<String> = t.columns.iter().filter(|c| !c.inherited).map(|c| column_def(c, ctx)).collect();
        items.extend(t.constraints.iter().map(|c| constraint_def(PG, c)));
        if items.is_empty() {
            sql.push_str(" ()");
        } else {
            sql.push_str(&format!(" (\n  {}\n)", items.join(",\n  ")));
        }
        if !o.inherits.is_empty() {
            let parents: Vec<String> = o.inherits.iter().map(|p| ctx.q(p)).collect();
            sql.push_str(&format!(" INHERITS ({})", parents.join(", ")));
        }
    }
    if let Some(by) = &o.partition_by {
        sql.push_str(&format!(" PARTITION BY {}", by.trim()));
    }
    if let Some(am) = &o.access_method {
        sql.push_str(&format!(" USING {}", ctx.id(am)));
    }
    if !o.other.is_empty() {
        sql.push_str(&format!(" WITH ({})", o.other.join(", ")));
    }
    if let Some(ts) = &o.tablespace {
        sql.push_str(&format!(" TABLESPACE {}", ctx.id(ts)));
    }
    // A new partition beside a DEFAULT partition that may hold rows it must take.
    let new_partition = o.partition_of.as_ref().filter(|_| !ctx.from.tables.contains_key(&t.name));
    let mut out = match new_partition.and_then(|p| super::repartition::default_sibling(p, ctx)) {
        Some((parent, default)) => super::repartition::around_default(sql, &parent, &default, ctx),
        None => vec![sql],
    };
    out.extend(inherited_overrides(t, ctx));
    out.extend(super::storage::new_columns(&t.name, &t.columns, ctx));
    if let Some(c) = &t.comment {
        out.push(comment_on(&crate::model::CommentTarget::Table(t.name.clone()), Some(c), ctx));
    }
    out.extend(column_comments(&t.name, &t.columns, ctx));
    Rendered::tx(out)
}

pub(super) fn rename_table(from: &QName, to: &QName, ctx: &RenderContext<'_>) -> Rendered {
    let mut out = Vec::new();
    let mut current = from.clone();
    if from.name != to.name {
        out.push(format!("ALTER TABLE {} RENAME TO {}", ctx.q(from), ctx.id(&to.name)));
        current.name = to.name.clone();
    }
    if from.schema != to.schema {
        out.push(format!("ALTER TABLE {} SET SCHEMA {}", ctx.q(&current), ctx.id(&to.schema)));
    }
    Rendered::tx(out)
}

pub(super) fn add_column(table: &QName, c: &Column, ctx: &RenderContext<'_>) -> Rendered {
    // Inheritance children whose own column becomes the one they inherit (AFTER has it only
    // inherited): adding the parent's would merge into theirs and leave it their own, so
    // theirs steps aside, the parent's comes down to them, and their values are copied over.
    let taken: Vec<&QName> = ctx
        .inheritance_children(table)
        .iter()
        .filter(|t| t.column(&c.name).is_some_and(|oc| !oc.inherited))
        .filter(|t| ctx.to.tables.get(&t.name).and_then(|n| n.column(&c.name)).is_some_and(|nc| nc.inherited))
        .map(|t| &t.name)
        .collect();
    let aside = format!("{}__old", c.name);
    let mut out: Vec<String> =
        taken.iter().map(|t| format!("ALTER TABLE {} RENAME COLUMN {} TO {}", ctx.q(t), ctx.id(&c.name), ctx.id(&aside))).collect();
    out.push(format!("ALTER TABLE {} ADD COLUMN {}", ctx.q(table), column_def(c, ctx)));
    for t in &taken {
        out.push(format!("UPDATE ONLY {} SET {} = {}", ctx.q(t), ctx.id(&c.name), ctx.id(&aside)));
        out.push(format!("ALTER TABLE {} DROP COLUMN {}", ctx.q(t), ctx.id(&aside)));
    }
    out.extend(super::storage::new_columns(table, std::slice::from_ref(c), ctx));
    out.extend(column_comments(table, std::slice::from_ref(c), ctx));
    Rendered::tx(out)
}

pub(super) fn add_constraint(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> Rendered {
    // The same constraint exists NOT VALID: validating it is all that is left to do.
    let existing_not_valid = ctx.from_table(table).is_some_and(|t| t.constraints.iter().any(|o| o.not_valid && o.same_definition(c)));
    if let (true, false, Some(n)) = (existing_not_valid, c.not_valid, &c.name) {
        return Rendered::tx(vec![format!("ALTER TABLE {} VALIDATE CONSTRAINT {}", ctx.q(table), ctx.id(n))]);
    }
    let not_valid = c.not_valid && matches!(c.kind, ConstraintKind::ForeignKey { .. } | ConstraintKind::Check { .. });
    let suffix = if not_valid { " NOT VALID" } else { "" };
    // A key of a partitioned table: its partitions' keys are the differ's own changes, attached
    // by `AttachIndex` (see `index_only`).
    let only = if matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) && index_only(table, ctx) {
        "ONLY "
    } else {
        ""
    };
    Rendered::tx(vec![format!("ALTER TABLE {only}{} ADD {}{suffix}", ctx.q(table), constraint_def(PG, c))])
}

/// Whether an index or key created on `table` is created `ON ONLY` the table: a partitioned
/// table's partitions get their own indexes and keys from the differ, attached one by one
/// (`Change::AttachIndex`), since PostgreSQL would otherwise attach whichever matching index a
/// partition has or build one under a name of its choosing.
fn index_only(table: &QName, ctx: &RenderContext<'_>) -> bool {
    ctx.to.tables.get(table).is_some_and(|t| t.options.partition_by.is_some())
}

/// `ALTER INDEX parent_index ATTACH PARTITION index`.
pub(super) fn attach_index(table: &QName, index: &str, parent: &QName, parent_index: &str, ctx: &RenderContext<'_>) -> Rendered {
    let p = QName::new(parent.schema.clone(), parent_index.to_string());
    let i = QName::new(table.schema.clone(), index.to_string());
    Rendered::tx(vec![format!("ALTER INDEX {} ATTACH PARTITION {}", ctx.q(&p), ctx.q(&i))])
}

pub(super) fn drop_constraint(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> Rendered {
    match &c.name {
        Some(n) => Rendered::tx(vec![format!("ALTER TABLE {} DROP CONSTRAINT {}", ctx.q(table), ctx.id(n))]),
        None => Rendered::tx(vec![format!("-- cannot drop an unnamed {} of {}: PostgreSQL names every constraint", c.kind.label(), table)]),
    }
}

/// `CREATE [UNIQUE] INDEX "name" ON table [USING m] (...) [INCLUDE (...)] [NULLS NOT DISTINCT]
/// [WITH (...)] [WHERE ...]`.
pub(super) fn index_sql(table: &QName, i: &Index, concurrently: bool, ctx: &RenderContext<'_>) -> String {
    index_sql_on(table, i, concurrently, false, ctx)
}

fn index_sql_on(table: &QName, i: &Index, concurrently: bool, only: bool, ctx: &RenderContext<'_>) -> String {
    let unique = if i.unique { "UNIQUE " } else { "" };
    let conc = if concurrently { "CONCURRENTLY " } else { "" };
    let only = if only { "ONLY " } else { "" };
    let mut s = format!("CREATE {unique}INDEX {conc}{} ON {only}{}", ctx.id(&i.name), ctx.q(table));
    if let Some(m) = &i.method {
        s.push_str(&format!(" USING {}", ctx.id(&m.to_ascii_lowercase())));
    }
    let elems: Vec<String> = i.elems.iter().map(|e| common::index_elem(PG, e)).collect();
    s.push_str(&format!(" ({})", elems.join(", ")));
    if !i.include.is_empty() {
        s.push_str(&format!(" INCLUDE ({})", common::column_list(PG, &i.include)));
    }
    if i.nulls_not_distinct {
        s.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(w) = &i.with {
        s.push_str(&format!(" WITH {}", common::paren(w)));
    }
    if let Some(ts) = &i.tablespace {
        s.push_str(&format!(" TABLESPACE {}", ctx.id(ts)));
    }
    if let Some(p) = &i.predicate {
        s.push_str(&format!(" WHERE {}", p.trim()));
    }
    s
}

pub(super) fn create_index(table: &QName, i: &Index, ctx: &RenderContext<'_>) -> Rendered {
    let mut out = vec![index_sql_on(table, i, false, index_only(table, ctx), ctx)];
    if let Some(c) = &i.comment {
        let iq = QName::new(table.schema.clone(), i.name.clone());
        out.push(comment_on(&crate::model::CommentTarget::Index(iq), Some(c), ctx));
    }
    Rendered::tx(out)
}

/// Storage and partitioning options of a table that exists on both sides.
pub(super) fn alter_options(table: &QName, from: &TableOptions, to: &TableOptions, ctx: &RenderContext<'_>) -> Rendered {
    let t = ctx.q(table);
    let mut out = Vec::new();
    if from.unlogged != to.unlogged {
        let l = if to.unlogged { "UNLOGGED" } else { "LOGGED" };
        out.push(format!("ALTER TABLE {t} SET {l}"));
    }
    if from.replica_identity != to.replica_identity {
        let ri = match to.replica_identity.as_deref() {
            None => "DEFAULT".to_string(),
            Some(ri) => match ri.strip_prefix("USING INDEX ") {
                Some(index) => format!("USING INDEX {}", ctx.id(index)),
                None => ri.to_string(),
            },
        };
        out.push(format!("ALTER TABLE {t} REPLICA IDENTITY {ri}"));
    }
    let key = |o: &str| o.split('=').next().unwrap_or(o).trim().to_string();
    let removed: Vec<String> = from.other.iter().filter(|o| !to.other.iter().any(|n| key(n) == key(o))).map(|o| key(o)).collect();
    if !removed.is_empty() {
        out.push(format!("ALTER TABLE {t} RESET ({})", removed.join(", ")));
    }
    let set: Vec<&String> = to.other.iter().filter(|o| !from.other.contains(o)).collect();
    if !set.is_empty() {
        let set: Vec<&str> = set.iter().map(|s| s.as_str()).collect();
        out.push(format!("ALTER TABLE {t} SET ({})", set.join(", ")));
    }
    if from.of_type != to.of_type {
        if from.of_type.is_some() {
            out.push(format!("ALTER TABLE {t} NOT OF"));
        }
        if let Some(ty) = &to.of_type {
            out.push(format!("ALTER TABLE {t} OF {}", ctx.q(ty)));
        }
    }
    out.extend(super::storage::table(&t, from, to, ctx));
    for p in from.inherits.iter().filter(|p| !to.inherits.contains(p)) {
        out.push(format!("ALTER TABLE {t} NO INHERIT {}", ctx.q(p)));
    }
    for p in to.inherits.iter().filter(|p| !from.inherits.contains(p)) {
        out.push(format!("ALTER TABLE {t} INHERIT {}", ctx.q(p)));
    }
    if from.partition_of != to.partition_of {
        if let Some(p) = &from.partition_of {
            out.push(format!("ALTER TABLE {} DETACH PARTITION {t}", ctx.q(&p.parent)));
        }
        if let Some(p) = &to.partition_of {
            let attach = format!("ALTER TABLE {} ATTACH PARTITION {t} {}", ctx.q(&p.parent), bound_sql(&p.bound));
            // Beside a DEFAULT partition that may hold rows of its bound: routed again around it.
            match super::repartition::default_sibling(p, ctx) {
                Some((parent, default)) => out.extend(super::repartition::around_default(attach, &parent, &default, ctx)),
                None => out.push(attach),
            }
        }
    }
    if from.partition_by != to.partition_by {
        out.push(format!(
            "-- the partitioning of {table} changes ({} -> {}): PostgreSQL cannot change it in place; recreate the table and copy its rows",
            from.partition_by.as_deref().unwrap_or("none"),
            to.partition_by.as_deref().unwrap_or("none")
        ));
    }
    Rendered::tx(out)
}

/// PostgreSQL alters tables in place; the differ only asks for rebuilds on SQLite. Should one
/// arrive anyway, say so rather than silently doing nothing.
pub(super) fn rebuild_table(from: &Table, to: &Table, _ctx: &RenderContext<'_>) -> Rendered {
    Rendered::tx(vec![format!(
        "-- table rebuild of {} into {} is a SQLite procedure; PostgreSQL alters the table in place",
        from.name, to.name
    )])
}

/// `DEFAULT` or `FOR VALUES ...`. A bound whose text lost its parentheses in normalization
/// (`FROM '2024-01-01' to('2024-02-01')`, `= 'a'`, `= ANY (ARRAY['a', 'b'])`) is written back
/// in the partition bound grammar (`FROM (...) TO (...)`, `IN (...)`).
pub(super) fn bound_sql(bound: &str) -> String {
    let b = bound.trim();
    if b.eq_ignore_ascii_case("default") {
        return "DEFAULT".into();
    }
    if let Some(rest) = text::strip_prefix_ignore_case(b, "from").filter(|r| r.starts_with([' ', '('])) {
        if let Some((from, to)) = split_top_level_word(rest, "to") {
            return format!("FOR VALUES FROM {} TO {}", common::paren(from), common::paren(to));
        }
    }
    if let Some(list) = b.strip_prefix("= ANY").or_else(|| b.strip_prefix("= any")) {
        let inner = list.trim().trim_start_matches('(').trim_end_matches(')').trim();
        let inner = inner.strip_prefix("ARRAY[").or_else(|| inner.strip_prefix("array[")).unwrap_or(inner);
        let inner = inner.split(']').next().unwrap_or(inner);
        return format!("FOR VALUES IN ({inner})");
    }
    if let Some(v) = b.strip_prefix('=') {
        return format!("FOR VALUES IN ({})", v.trim());
    }
    format!("FOR VALUES {b}")
}

/// The text before and after `word` (ASCII, any case) where it stands as a whole word outside
/// quotes and parentheses. Walks characters, so a bound holding non-ASCII text is never cut
/// inside a character.
fn split_top_level_word<'a>(s: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut prev: Option<char> = None;
    for (i, ch) in s.char_indices() {
        let last = prev.replace(ch);
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            }
            continue;
        }
        match ch {
            '\'' | '"' => quote = Some(ch),
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 && last.is_none_or(|c| !text::is_word_char(c)) => {
                let Some(after) = text::strip_prefix_ignore_case(text::from(s, i), word) else { continue };
                if after.chars().next().is_none_or(|c| !text::is_word_char(c)) {
                    return Some((text::upto(s, i), after));
                }
            }
            _ => {}
        }
    }
    None
}

/// `DROP COLUMN`. When every inheritance child that has the column keeps it as its own in
/// AFTER, `ONLY`: the children's columns stay, with their values, as independently defined
/// columns (a plain drop would take them and their data with the parent's).
pub(super) fn drop_column(table: &QName, column: &crate::model::Column, ctx: &RenderContext<'_>) -> Rendered {
    let children: Vec<&Table> = ctx.inheritance_children(table).iter().copied().filter(|t| t.column(&column.name).is_some()).collect();
    let kept = |t: &&Table| ctx.to.tables.get(&t.name).and_then(|n| n.column(&column.name)).is_some_and(|c| !c.inherited);
    let only = if !children.is_empty() && children.iter().all(kept) { "ONLY " } else { "" };
    Rendered::tx(vec![format!("ALTER TABLE {only}{} DROP COLUMN {}", ctx.q(table), ctx.id(&column.name))])
}

/// `DROP TABLE`. A partition whose parent stays and is referenced by a foreign key is detached
/// first: the key's entries for the partition depend on it, and the engine refuses the drop
/// (`DETACH` checks that no row references the partition's rows).
pub(super) fn drop_table(table: &crate::model::Table, ctx: &RenderContext<'_>) -> Rendered {
    let mut out = Vec::new();
    if let Some(p) = &table.options.partition_of {
        // The parent and its ancestors (a key may reference any of them).
        let mut ancestors = vec![p.parent.clone()];
        while let Some(up) = ancestors.last().and_then(|q| ctx.from.tables.get(q)).and_then(|t| t.options.partition_of.as_ref()) {
            if ancestors.contains(&up.parent) || ancestors.len() > ctx.from.tables.len() {
                break;
            }
            ancestors.push(up.parent.clone());
        }
        let referenced = ctx.from.tables.values().any(|t| {
            t.foreign_keys()
                .any(|k| matches!(&k.kind, crate::model::ConstraintKind::ForeignKey { ref_table, .. } if ancestors.contains(ref_table)))
        });
        let reroute = super::repartition::default_taker(table, ctx);
        if (referenced || reroute.is_some()) && ctx.to.tables.contains_key(&p.parent) {
            out.push(format!("ALTER TABLE {} DETACH PARTITION {}", ctx.q(&p.parent), ctx.q(&table.name)));
        }
        out.extend(reroute);
    }
    out.push(format!("DROP TABLE {}", ctx.q(&table.name)));
    Rendered::tx(out)
}

/// What a new inheritance child sets on the columns it inherits, where it differs from what its
/// parents give it (comments follow with every column's): `ALTER TABLE ONLY` (the child's own children are not touched), as pg_dump.
fn inherited_overrides(t: &Table, ctx: &RenderContext<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for c in t.columns.iter().filter(|c| c.inherited) {
        let Some(pc) = ctx.to.inherited_column(&t.options.inherits, &c.name) else { continue };
        let alter = |action: String| format!("ALTER TABLE ONLY {} ALTER COLUMN {} {action}", ctx.q(&t.name), ctx.id(&c.name));
        if c.default != pc.default && c.generated.is_none() {
            out.push(alter(match &c.default {
                Some(d) => format!("SET DEFAULT {}", common::pg_default(d)),
                None => "DROP DEFAULT".to_string(),
            }));
        }
        if c.nullable != pc.nullable {
            out.push(alter(if c.nullable { "DROP NOT NULL".to_string() } else { "SET NOT NULL".to_string() }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::bound_sql;

    #[test]
    fn partition_bounds_are_written_in_the_bound_grammar() {
        assert_eq!(bound_sql("FROM '2024-01-01' to('2024-02-01')"), "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
        assert_eq!(bound_sql("FROM ('a') TO ('b')"), "FOR VALUES FROM ('a') TO ('b')");
        assert_eq!(bound_sql("= 'foo_1'"), "FOR VALUES IN ('foo_1')");
        assert_eq!(bound_sql("= ANY (ARRAY['a', 'b'])"), "FOR VALUES IN ('a', 'b')");
        assert_eq!(bound_sql("IN ('x')"), "FOR VALUES IN ('x')");
        assert_eq!(bound_sql("WITH (MODULUS 2, REMAINDER 0)"), "FOR VALUES WITH (MODULUS 2, REMAINDER 0)");
        assert_eq!(bound_sql("default"), "DEFAULT");
    }

    /// Issue 11 case 8: a bound holding non-ASCII text was cut inside a character (panic).
    #[test]
    fn non_ascii_bounds_are_cut_at_characters() {
        assert_eq!(bound_sql("FROM é to(ö)"), "FOR VALUES FROM (é) TO (ö)");
        assert_eq!(bound_sql("FROM 'ä' TO 'ö'"), "FOR VALUES FROM ('ä') TO ('ö')");
        assert_eq!(bound_sql("FROM ('表') TO ('😀')"), "FOR VALUES FROM ('表') TO ('😀')");
        assert_eq!(bound_sql("FROM éto TO ö"), "FOR VALUES FROM (éto) TO (ö)");
        assert_eq!(bound_sql("FROM ('a')é"), "FOR VALUES FROM ('a')é");
    }
}
