//! `CREATE TABLE`: columns, inline and table-level constraints, MySQL inline indexes, table
//! options per dialect, partitions, `LIKE`, serial columns and rename hints.

use super::column::{self, ColDef};
use super::constraint::{self, Item};
use super::cursor::{Cursor, PResult};
use super::name_index::NameIndex;
use super::names;
use super::table_options::{drop_default_collation, read_options};
use super::{expr, renames, Outcome, State, Stmt};
use crate::model::{ConstraintKind, Index, Partition, QName, RenameHint, RenameKind, Schema, Sequence, Table};
use crate::{Diagnostic, Dialect};
use sqlparser::tokenizer::Token;
use std::collections::HashSet;

pub fn create_table(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    let first_line = c.line();
    c.expect_kw("create")?;
    c.eat_kws(&["or", "replace"]);
    let _ = c.eat_kw("global") || c.eat_kw("local");
    if c.eat_kw("temp") || c.eat_kw("temporary") {
        return Ok(Outcome::Ignored("temporary tables are not part of the schema".into()));
    }
    let unlogged = c.eat_kw("unlogged");
    c.expect_kw("table")?;
    let if_not_exists = c.eat_kws(&["if", "not", "exists"]);
    let (name, written) = c.decl_qname_spelled()?;
    if d == Dialect::Sqlite && name.name.starts_with("sqlite_") {
        return Ok(Outcome::Ignored("SQLite internal table (created by the engine)".into()));
    }
    if st.schema.tables.contains_key(&name) {
        if if_not_exists {
            return Ok(Outcome::Ignored(format!("table `{name}` already exists (IF NOT EXISTS)")));
        }
        st.diags.push(Diagnostic::warning(
            first_line,
            1,
            format!("table `{name}` is created twice; the later definition replaces the earlier one"),
        ));
        super::history_renames::dropped_table(st, &name);
    }
    let mut table = Table::new(name.clone());
    if d == Dialect::Sqlite {
        table.spell_name(&written);
    }
    table.options.unlogged = unlogged;
    if let Some(h) = renames::table_hint(d, stmt.comments, first_line) {
        let old = RenameHint::old_table(&h.from, &name);
        if old != name {
            st.schema.renames.push(RenameHint {
                kind: RenameKind::Table,
                table: name.clone(),
                from: RenameHint::table_from(&old, &name),
                to: name.name.clone(),
                at: Some(h.at),
            });
        }
    }
    let hints = super::move_hints::table_hints(d, stmt.comments, first_line, &name, &mut st.diags);
    st.schema.copy_hints.extend(hints);
    if c.eat_kw("like")
        || (c.is(&Token::LParen) && c.is_kw_at(1, "like") && d == Dialect::Mysql && c.eat(&Token::LParen) && c.eat_kw("like"))
    {
        let src = c.qname()?;
        c.eat(&Token::RParen);
        let Some(s) = st.schema.tables.get(&src) else { return c.err(format!("LIKE names unknown table `{src}`")) };
        let mut t = s.clone();
        t.name = name.clone();
        st.names.note_table(&t);
        st.names.kept = true;
        st.schema.tables.insert(name, t);
        return Ok(Outcome::Applied);
    }
    let mut explicit_fks = Vec::new();
    let mut keys = Vec::new();
    if c.eat_kws(&["partition", "of"]) {
        let at = c.position();
        let parent = c.qname()?;
        // Partitions get the parent's columns (with defaults); identity and the serial spelling
        // stay with the parent. An unknown parent is refused by the engine (and read as a
        // table of no columns, every column of the partition would be dropped).
        let Some(p) = st.schema.tables.get(&parent) else {
            return Err(super::cursor::PErr::at(at, format!("PARTITION OF names unknown table `{parent}`")));
        };
        table.columns = p.columns.clone();
        for col in &mut table.columns {
            col.identity = None;
            col.serial = false;
        }
        if c.is(&Token::LParen) {
            let inner = c.group()?;
            explicit_fks = read_elements(st, stmt, &mut table, inner, &mut keys)?;
        }
        let bound = if c.eat_kw("default") {
            "DEFAULT".to_string()
        } else {
            c.expect_kw("for")?;
            c.expect_kw("values")?;
            let at = c.position();
            // A hash partition's bound is `WITH (MODULUS m, REMAINDER r)`; after any bound, `WITH
            // (storage options)` may follow.
            let bound = if c.is_kw("with") && c.peek_at(1) == Some(&Token::LParen) {
                let start = c.pos;
                c.pos += 1;
                c.group()?;
                &c.toks[start..c.pos]
            } else {
                c.until(|c| c.is_kw("partition") || c.is_kw("with") || c.is_kw("tablespace"))
            };
            super::complete::check(bound, at, "partition bound")?;
            expr::normalize_bound(d, bound)
        };
        table.options.partition_of = Some(Partition { parent, bound });
    } else if d == Dialect::Postgres && c.eat_kw("of") {
        // A typed table: its columns are the composite type's attributes; the parentheses
        // only add column options (`col WITH OPTIONS NOT NULL`) and constraints.
        let ty = c.qname()?;
        let Some(crate::model::UserType::Composite { attributes, .. }) = st.schema.types.get(&ty) else {
            return c.err(format!("`{ty}` is not a known composite type"));
        };
        table.columns = attributes.iter().map(super::composite::column_of).collect();
        table.options.of_type = Some(ty);
        if c.is(&Token::LParen) {
            let inner = c.group()?;
            explicit_fks = read_elements(st, stmt, &mut table, inner, &mut keys)?;
        }
    } else if c.is(&Token::LParen) {
        let inner = c.group()?;
        explicit_fks = read_elements(st, stmt, &mut table, inner, &mut keys)?;
    } else if c.is_kw("as") {
        return c.err("CREATE TABLE ... AS query: the columns cannot be known without running the query");
    } else {
        return c.err("expected `(` and the table's columns, PARTITION OF or OF type");
    }
    if d == Dialect::Postgres {
        super::storage::default_constraint_tablespace(&mut table.constraints, &st.pg_defaults);
        table.options.tablespace = st.pg_defaults.tablespace.clone();
        table.options.access_method = st.pg_defaults.access_method.clone();
    }
    read_options(&mut c, &mut table)?;
    // A column the child declares like a parent's is merged with it: NOT NULL comes along.
    for parent in table.options.inherits.clone() {
        let Some(p) = st.schema.tables.get(&parent) else {
            return c.err(format!("INHERITS names unknown table `{parent}`"));
        };
        for pc in &p.columns {
            if let Some(cc) = table.column_mut(&pc.name) {
                cc.nullable &= pc.nullable;
            }
        }
    }
    // Keys may come before their columns: checked once the table has them all.
    if let Some((at, message)) = keys.iter().find_map(|(at, cols)| Some((*at, super::key_columns::missing(&table, cols)?))) {
        return Err(super::cursor::PErr::at(at, message));
    }
    if table.options.partition_by.is_some() {
        // A partitioned table has no storage of its own: its partitions have the access method.
        table.options.access_method = None;
    }
    if d == Dialect::Postgres
        && table.columns.iter().any(|c| c.generated.as_ref().is_some_and(|g| super::pg_forms::may_drop_casts(&g.expr)))
    {
        let cols = constraint::column_types(&st.schema, &table);
        for col in &mut table.columns {
            if let Some(g) = &mut col.generated {
                g.expr = super::pg_forms::drop_column_casts(&g.expr, &cols);
            }
        }
    }
    if d == Dialect::Mysql {
        row_end_in_keys(&mut table);
        super::table_options::resolve_binary_collations(&mut table);
        drop_default_collation(&mut table);
        for ix in mysql_fk_indexes(&mut table, &explicit_fks, None) {
            st.mysql_implicit_fk.insert((name.clone(), ix));
        }
    }
    // Only names were added: the name index follows (see `name_index`).
    st.names.note_table(&table);
    st.names.kept = true;
    let partition = d == Dialect::Postgres && table.options.partition_of.is_some();
    st.schema.tables.insert(name.clone(), table);
    if partition {
        super::partitions::clone_parent_indexes(st, &name);
    }
    Ok(Outcome::Applied)
}

/// A table-level key's place and the columns it names (`key_columns`).
type KeyAt = ((usize, usize), Vec<String>);

/// Up to this many columns, the duplicate check of `read_elements` scans the table's columns.
const FEW_COLUMNS: usize = 32;

/// Columns and table constraints between the parentheses, applied in order. Returns the
/// foreign keys named explicitly (MySQL names their implicit index after them).
fn read_elements(
    st: &mut State,
    stmt: &Stmt,
    table: &mut Table,
    inner: &[super::cursor::Tok],
    keys: &mut Vec<KeyAt>,
) -> PResult<Vec<String>> {
    let d = st.d;
    let mut explicit_fks = Vec::new();
    let mut checks = Vec::new();
    // The column names so far, for the duplicate check (`Table::column` would make 1,600
    // columns quadratic); taken again from the table when an item (`LIKE`) added some.
    let mut known: HashSet<String> = HashSet::new();
    for part in Cursor::split_commas(inner) {
        let mut c = Cursor::new(d, part);
        if c.at_end() {
            continue;
        }
        let first = c.line();
        if c.is_kw("like") && d == Dialect::Postgres {
            c.next();
            let src = c.qname()?;
            // `INCLUDING DEFAULTS` (or `ALL`) is modelled; the other options copy what the model
            // does not take from the source table here: reported at their place.
            let mut including = false;
            while !c.at_end() {
                let include = c.eat_kw("including");
                if !include && !c.eat_kw("excluding") {
                    return c.err("expected INCLUDING or EXCLUDING after LIKE table");
                }
                let at = c.position();
                let what = c.word()?.value.to_ascii_lowercase();
                if what == "defaults" || what == "all" {
                    including = include;
                }
                if include && what != "defaults" {
                    names::not_carried(
                        at,
                        format!(
                            "What `INCLUDING {}` of LIKE copies beyond the columns and their defaults (keys, indexes, checks, identity, \
                             generated expressions, comments, storage: write them out)",
                            what.to_uppercase()
                        ),
                    );
                }
            }
            let Some(s) = st.schema.tables.get(&src) else { return c.err(format!("LIKE names unknown table `{src}`")) };
            for col in &s.columns {
                let mut col = col.clone();
                if !including {
                    col.default = None;
                }
                col.identity = None;
                table.columns.push(col);
            }
            continue;
        }
        if d == Dialect::Mysql && c.is_kw("period") && c.is_kw_at(1, "for") {
            c.next();
            c.next();
            let period = c.ident(names::Kind::Local)?;
            let period = if period.eq_ignore_ascii_case("system_time") { "SYSTEM_TIME".to_string() } else { period };
            let cols = c.ident_list(names::Kind::Local)?;
            let [start, end] = cols.as_slice() else {
                return c.err("PERIOD FOR takes two columns");
            };
            if !c.at_end() {
                return c.err("unexpected text after PERIOD FOR");
            }
            // Sorted: `SHOW CREATE TABLE` prints them in an order of its own.
            table.options.periods.push((period, start.clone(), end.clone()));
            table.options.periods.sort();
            continue;
        }
        if constraint::at_table_item(&c) {
            let at = c.position();
            let item = constraint::read_item(&mut c)?;
            keys.push((at, super::key_columns::of_item(&item)));
            if !c.at_end() {
                return c.err("unexpected text after table constraint");
            }
            let hint = renames::hint_between(d, stmt.comments, first, part.last().map(|t| t.line).unwrap_or(first));
            explicit_fks.extend(explicit_fk(&item));
            // Checks are named once every column is known (PostgreSQL looks at the columns
            // they use).
            if let Item::Constraint(raw) = &item {
                if matches!(raw.kind, ConstraintKind::Check { .. }) {
                    checks.push((raw.clone(), hint));
                    continue;
                }
            }
            match add_item(&st.schema, &mut st.names, table, item, hint) {
                Ok(hints) => st.schema.renames.extend(hints),
                Err(m) => return c.err(m),
            }
            continue;
        }
        let def = column::read_column(&mut c)?;
        super::column::report_not_modelled(&def, &mut st.diags);
        let hint = renames::hint_between(d, stmt.comments, def.first_line, def.last_line);
        if def.column.data_type.base.is_empty() && d != Dialect::Sqlite {
            // `PARTITION OF parent (col NOT NULL, ...)`, `OF type (col WITH OPTIONS ...)`:
            // options for a column the table has from its parent or type.
            let Some(col) = table.column_mut(&def.column.name) else {
                return c.err(format!("unknown column `{}` (no type given)", def.column.name));
            };
            col.nullable &= def.column.nullable;
            if def.column.default.is_some() {
                col.default = def.column.default.clone();
            }
            for raw in def.constraints {
                constraint::add(&st.schema, &mut st.names, table, raw);
            }
            continue;
        }
        // (A few columns are compared directly: a set of names costs more than it saves.)
        let many = table.columns.len() >= FEW_COLUMNS;
        if many && known.len() != table.columns.len() {
            known = table.columns.iter().map(|c| c.name.clone()).collect();
        }
        let twice = if many { known.contains(&def.column.name) } else { table.columns.iter().any(|k| k.name == def.column.name) };
        if twice {
            return c.err(format!("column `{}` is declared twice", def.column.name));
        }
        if let Some(h) = hint {
            if h.from != def.column.name {
                st.schema.renames.push(RenameHint {
                    kind: RenameKind::Column,
                    table: table.name.clone(),
                    from: h.from,
                    to: def.column.name.clone(),
                    at: Some(h.at),
                });
            }
        }
        explicit_fks
            .extend(def.constraints.iter().filter(|r| matches!(r.kind, ConstraintKind::ForeignKey { .. })).filter_map(|r| r.name.clone()));
        let mut def = def;
        let is_check = |r: &constraint::Raw| matches!(r.kind, ConstraintKind::Check { .. });
        if def.constraints.iter().any(is_check) {
            let (col_checks, others): (Vec<_>, Vec<_>) = def.constraints.drain(..).partition(is_check);
            def.constraints = others;
            checks.extend(col_checks.into_iter().map(|r| (r, None)));
        }
        if many {
            known.insert(def.column.name.clone());
        }
        add_column(&mut st.schema, &mut st.names, table, def);
    }
    for (raw, hint) in checks {
        match add_item(&st.schema, &mut st.names, table, Item::Constraint(raw), hint) {
            Ok(hints) => st.schema.renames.extend(hints),
            Err(m) => return Cursor::new(d, inner).err(m),
        }
    }
    if d == Dialect::Postgres {
        drop_redundant_keys(table);
    }
    Ok(explicit_fks)
}

/// PostgreSQL keeps one index per key: a UNIQUE on the primary key's columns (or repeating an
/// earlier UNIQUE) in the same CREATE TABLE is not created.
fn drop_redundant_keys(table: &mut Table) {
    let mut seen: Vec<Vec<String>> = table.primary_key().map(|k| vec![k.kind.columns().to_vec()]).unwrap_or_default();
    table.constraints.retain(|k| match &k.kind {
        ConstraintKind::Unique { columns, nulls_not_distinct: false } => {
            if seen.contains(columns) {
                false
            } else {
                seen.push(columns.clone());
                true
            }
        }
        _ => true,
    });
}

/// The name of a foreign key given explicitly in the text.
pub fn explicit_fk(item: &Item) -> Option<String> {
    match item {
        Item::Constraint(r) if matches!(r.kind, ConstraintKind::ForeignKey { .. }) => r.name.clone(),
        _ => None,
    }
}

/// Add a column read from a definition, with its inline constraints and serial sequence.
pub fn add_column(schema: &mut Schema, names: &mut NameIndex, table: &mut Table, def: ColDef) {
    let ColDef { mut column, constraints, serial, .. } = def;
    if serial && schema.dialect == Dialect::Postgres {
        let seq_name = names::pg_choose(&table.name.name, &[column.name.clone()], "seq", |n| {
            schema.sequences.contains_key(&QName::new(table.name.schema.clone(), n))
                || schema.tables.contains_key(&QName::new(table.name.schema.clone(), n))
        });
        let qn = QName::new(table.name.schema.clone(), seq_name.clone());
        let mut seq = Sequence::new(qn.clone());
        seq.data_type = Some(column.data_type.clone()).filter(|t| t.base != "bigint");
        seq.owned_by = Some((table.name.clone(), column.name.clone()));
        schema.sequences.insert(qn.clone(), seq);
        column.default = Some(super::defaults::nextval(&qn));
        column.nullable = false;
        column.serial = true;
    }
    table.columns.push(column);
    for raw in constraints {
        constraint::add(schema, names, table, raw);
    }
}

/// Add a table-level constraint or index; returns the rename hints it carries.
pub fn add_item(
    schema: &Schema,
    names: &mut NameIndex,
    table: &mut Table,
    item: Item,
    hint: Option<renames::Hint>,
) -> Result<Vec<RenameHint>, String> {
    let mut hints = Vec::new();
    match item {
        Item::Constraint(raw) => {
            let name = constraint::add(schema, names, table, raw);
            hints.extend(constraint_hint(table, hint, name));
        }
        Item::UsingIndex { name, primary, index, deferrable } => {
            let Some(pos) = table.indexes.iter().position(|i| i.name == index) else {
                return Err(format!("unknown index `{index}`"));
            };
            let ix = table.indexes.remove(pos);
            let columns: Vec<String> = ix.elems.iter().map(|e| e.expr.clone()).collect();
            let kind = if primary {
                ConstraintKind::PrimaryKey { columns }
            } else {
                ConstraintKind::Unique { columns, nulls_not_distinct: ix.nulls_not_distinct }
            };
            let params = crate::model::IndexParams {
                include: ix.include,
                with: ix.with,
                tablespace: ix.tablespace,
                comment: ix.comment,
                attached: ix.attached,
                key_parts: Vec::new(),
            };
            let raw = constraint::Raw {
                name: Some(name.unwrap_or(index)),
                kind,
                deferrable,
                not_valid: false,
                not_enforced: false,
                on_conflict: None,
                index: params,
                column: None,
            };
            constraint::add(schema, names, table, raw);
        }
        Item::Index(mut ix) => {
            if ix.name.is_empty() {
                let first = ix.elems.first().map(|e| e.expr.clone()).unwrap_or_else(|| "key".into());
                ix.name = names::mysql_key_name(&first, |n| {
                    table.indexes.iter().any(|i| i.name.eq_ignore_ascii_case(n))
                        || table.constraints.iter().any(|c| c.name.as_deref().map(|x| x.eq_ignore_ascii_case(n)) == Some(true))
                });
            }
            if table.index(&ix.name).is_some() {
                return Err(format!("index `{}` is declared twice", ix.name));
            }
            if let Some(h) = hint {
                hints.push(RenameHint {
                    kind: RenameKind::Index,
                    table: table.name.clone(),
                    from: h.from,
                    to: ix.name.clone(),
                    at: Some(h.at),
                });
            }
            table.indexes.push(ix);
        }
    }
    Ok(hints)
}

/// The rename hint written on a constraint added under `name`.
pub fn constraint_hint(table: &Table, hint: Option<renames::Hint>, name: Option<String>) -> Option<RenameHint> {
    let (h, to) = (hint?, name?);
    Some(RenameHint { kind: RenameKind::Constraint, table: table.name.clone(), from: h.from, to, at: Some(h.at) })
}

/// MySQL creates an index for each foreign key that no existing index starts with, named
/// after the constraint when it was named explicitly (`explicit`), else after its first column.
/// `generated`: indexes the engine made for foreign keys, which MariaDB does not take for a key
/// added by this statement, the constraints from the given position on
/// (`Target::foreign_key_takes_generated_index`; it makes one of its own, and the older one
/// goes: `mysql_drop_served_fk_indexes`); `None` where they serve (MySQL).
/// Returns the names of the indexes it created.
pub fn mysql_fk_indexes(
    table: &mut Table,
    explicit: &[String],
    generated: Option<(&std::collections::BTreeSet<(QName, String)>, usize)>,
) -> Vec<String> {
    let mut add: Vec<Index> = Vec::new();
    for (at, fk) in table.constraints.iter().enumerate().filter(|(_, c)| matches!(c.kind, ConstraintKind::ForeignKey { .. })) {
        let cols = fk.kind.columns();
        let covered = |key: &[String]| key.len() >= cols.len() && key[..cols.len()] == *cols;
        let by_constraint = table
            .constraints
            .iter()
            .any(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) && covered(c.kind.columns()));
        let made_for_a_key = |i: &Index| generated.is_some_and(|(g, new)| at >= new && g.contains(&(table.name.clone(), i.name.clone())));
        let by_index = table.indexes.iter().filter(|i| !made_for_a_key(i)).chain(add.iter()).any(|i| {
            let key: Vec<String> = i.elems.iter().map(|e| e.expr.clone()).collect();
            i.kind.is_none() && covered(&key)
        });
        if by_constraint || by_index {
            continue;
        }
        let name = match &fk.name {
            Some(n) if explicit.iter().any(|e| e == n) => n.clone(),
            _ => names::mysql_key_name(cols.first().map(|s| s.as_str()).unwrap_or("key"), |n| {
                table.indexes.iter().chain(add.iter()).any(|i| i.name.eq_ignore_ascii_case(n))
                    || table.constraints.iter().any(|c| {
                        c.name.as_deref().map(|x| x.eq_ignore_ascii_case(n)) == Some(true)
                            && !matches!(c.kind, ConstraintKind::ForeignKey { .. } | ConstraintKind::Check { .. })
                    })
            }),
        };
        let mut ix = super::index::empty(name);
        ix.elems = cols.iter().map(crate::model::IndexElem::column).collect();
        add.push(ix);
    }
    let names = add.iter().map(|i| i.name.clone()).collect();
    table.indexes.extend(add);
    names
}

/// MySQL/MariaDB silently drop the index they created for a foreign key once another index
/// can serve the key, one whose first columns are the key's (MySQL manual, "FOREIGN KEY
/// Constraints": the automatically created index "might be silently dropped later if you
/// create another index that can be used to enforce the foreign key constraint"; MariaDB
/// behaves the same, seen on 10.11). AFTER applied directly then has no such index: neither
/// may the model, or the migration would create it.
pub fn mysql_drop_served_fk_indexes(table: &mut Table, implicit: &mut std::collections::BTreeSet<(QName, String)>) {
    let key = |cols: &[String], by: &[String]| by.len() >= cols.len() && by[..cols.len()] == *cols;
    // One at a time, oldest first: of two made indexes serving each other, the newer stays.
    let made: Vec<String> =
        table.indexes.iter().filter(|i| implicit.contains(&(table.name.clone(), i.name.clone()))).map(|i| i.name.clone()).collect();
    for name in made {
        let Some(ix) = table.indexes.iter().find(|i| i.name == name) else { continue };
        let cols: Vec<String> = ix.elems.iter().map(|e| e.expr.clone()).collect();
        let by_index = table
            .indexes
            .iter()
            .any(|o| o.name != name && o.kind.is_none() && key(&cols, &o.elems.iter().map(|e| e.expr.clone()).collect::<Vec<_>>()));
        let by_key = table
            .constraints
            .iter()
            .any(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) && key(&cols, c.kind.columns()));
        if by_index || by_key {
            table.indexes.retain(|i| i.name != name);
            implicit.remove(&(table.name.clone(), name));
        }
    }
}

/// MariaDB adds the ROW END column of a system-versioned table to its primary key and unique
/// keys (`SHOW CREATE TABLE` and `mariadb-dump` print `PRIMARY KEY (id, row_end)`): the model
/// holds the key the engine keeps, so the DDL and its dump compare equal.
fn row_end_in_keys(table: &mut Table) {
    if !table.options.system_versioning {
        return;
    }
    let Some(end) = table.columns.iter().find(|c| c.row_time.as_deref() == Some("END")).map(|c| c.name.clone()) else {
        return;
    };
    for c in &mut table.constraints {
        if let ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } = &mut c.kind {
            if !columns.iter().any(|x| x.eq_ignore_ascii_case(&end)) {
                columns.push(end.clone());
            }
        }
    }
    if let Some(col) = table.column_mut(&end) {
        col.nullable = false;
    }
}
