//! Renames: explicit hints (comments in the AFTER text, `--rename` options) that the differ
//! applies, and suggestions for likely renames that it does not apply.
//!
//! A rename is applied before anything else is compared: `apply` rewrites the FROM schema so
//! the renamed objects carry their new names (and every reference to them follows), and the
//! differ then compares like with like. The down migration uses `reversed()`, so the rename is
//! undone by the reverse rename, never by drop + add.

use crate::model::{ConstraintKind, QName, RenameKind, Schema, Table};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};

/// A likely rename the differ noticed but did not apply: a dropped and an added object of the
/// same shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameSuggestion {
    pub kind: RenameKind,
    /// The owning table (for tables: the new table name), as named in AFTER.
    pub table: QName,
    pub from: String,
    pub to: String,
    /// How to accept it: the `--rename` option value.
    pub option: String,
}

/// One rename in force for a diff direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    pub kind: RenameKind,
    /// The owning table as named in the FROM schema (for tables: the old name).
    pub table_from: QName,
    /// The owning table as named in the TO schema (for tables: the new name).
    pub table_to: QName,
    pub from: String,
    pub to: String,
}

impl Rename {
    /// The same rename seen from the other direction.
    fn reversed(&self) -> Rename {
        Rename {
            kind: self.kind,
            table_from: self.table_to.clone(),
            table_to: self.table_from.clone(),
            from: self.to.clone(),
            to: self.from.clone(),
        }
    }
}

/// The renames in force for one diff direction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renames {
    pub entries: Vec<Rename>,
    /// Serial sequences whose implicit name follows a renamed table or column: (FROM-schema
    /// name, TO-schema name). Found by `implied_renames`, never asked for.
    pub sequences: Vec<(QName, QName)>,
    /// Renames the engine makes by itself (MySQL/MariaDB `RENAME TABLE` renames the foreign keys
    /// named `<old>_ibfk_<n>`): applied to the FROM schema, never emitted as a change.
    pub by_engine: Vec<Rename>,
}

impl Renames {
    /// Gather hints from the AFTER schema and the `--rename` options, keeping only those that
    /// make sense (the old object exists only before, the new one only after). Options that do
    /// not are reported.
    pub fn collect(before: &Schema, after: &Schema, options: &[String]) -> (Renames, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut wanted: Vec<(RenameKind, QName, String, String)> =
            after.renames.iter().map(|h| (h.kind, h.table.clone(), h.from.clone(), h.to.clone())).collect();
        for (i, opt) in options.iter().enumerate() {
            match parse_option(opt, before, after) {
                Ok(r) => wanted.push(r),
                // Line: the option's 1-based index (the playground's rename list has one per line).
                Err(msg) => diags.push(Diagnostic::error(i + 1, 1, format!("--rename #{} `{opt}`: {msg}", i + 1))),
            }
        }
        let mut renames = Renames::default();
        // Tables first: column hints on a renamed table resolve through them.
        for (kind, table, from, to) in wanted.iter().filter(|w| w.0 == RenameKind::Table) {
            let old = resolve_table(from, table);
            let ok = before.tables.contains_key(&old)
                && !after.tables.contains_key(&old)
                && after.tables.contains_key(table)
                && !before.tables.contains_key(table);
            if ok {
                if !renames.entries.iter().any(|e| e.kind == RenameKind::Table && e.table_to == *table) {
                    renames.entries.push(Rename {
                        kind: *kind,
                        table_from: old,
                        table_to: table.clone(),
                        from: from.clone(),
                        to: to.clone(),
                    });
                }
            } else {
                diags.push(Diagnostic::warning(
                    1,
                    1,
                    format!("rename hint `{from}` → `{table}` ignored: `{from}` must exist only before and `{table}` only after"),
                ));
            }
        }
        for (kind, table, from, to) in wanted.iter().filter(|w| w.0 != RenameKind::Table) {
            // `--rename old_table.old=new` names the table as BEFORE does: the rename of a renamed
            // table's column is the same one a hint on the new table gives.
            let table = &if after.tables.contains_key(table) { table.clone() } else { renames.table_to(table) };
            let table_from = renames.table_from(table);
            let (Some(bt), Some(at)) = (before.tables.get(&table_from), after.tables.get(table)) else {
                diags.push(Diagnostic::warning(
                    1,
                    1,
                    format!("rename hint `{from}` → `{to}` ignored: table `{table}` is not in both schemas"),
                ));
                continue;
            };
            let exists = |t: &Table, name: &str| match kind {
                RenameKind::Column => t.column(name).is_some(),
                RenameKind::Index => t.index(name).is_some(),
                RenameKind::Constraint => t.constraint(name).is_some(),
                RenameKind::Table => false,
            };
            if exists(bt, from) && !exists(at, from) && exists(at, to) && !exists(bt, to) {
                let entry =
                    Rename { kind: *kind, table_from: table_from.clone(), table_to: table.clone(), from: from.clone(), to: to.clone() };
                if !renames.entries.contains(&entry) {
                    renames.entries.push(entry);
                }
            } else if !(exists(bt, to) && exists(at, to) && !exists(bt, from)) {
                // (A hint that is already satisfied — both sides use the new name — is fine.)
                diags.push(Diagnostic::warning(
                    1,
                    1,
                    format!("rename hint `{from}` → `{to}` on `{table}` ignored: `{from}` must exist only before and `{to}` only after"),
                ));
            }
        }
        super::implied_renames::add(&mut renames, before, after);
        (renames, diags)
    }

    /// The same renames seen from the other direction (for the down migration).
    pub fn reversed(&self) -> Renames {
        Renames {
            entries: self.entries.iter().map(Rename::reversed).collect(),
            sequences: self.sequences.iter().map(|(a, b)| (b.clone(), a.clone())).collect(),
            by_engine: self.by_engine.iter().map(Rename::reversed).collect(),
        }
    }

    /// The FROM-schema name of a table named `to` in the TO schema.
    pub fn table_from(&self, to: &QName) -> QName {
        self.entries
            .iter()
            .find(|e| e.kind == RenameKind::Table && e.table_to == *to)
            .map(|e| e.table_from.clone())
            .unwrap_or_else(|| to.clone())
    }

    /// The TO-schema name of a table named `from` in the FROM schema.
    pub fn table_to(&self, from: &QName) -> QName {
        self.tables().find(|e| e.table_from == *from).map(|e| e.table_to.clone()).unwrap_or_else(|| from.clone())
    }

    /// The FROM-schema name of column `column` (as the TO schema names it) of the table the TO
    /// schema calls `table`.
    pub fn column_from(&self, table: &QName, column: &str) -> String {
        self.within(RenameKind::Column)
            .find(|e| e.table_to == *table && e.to == column)
            .map_or_else(|| column.to_string(), |e| e.from.clone())
    }

    /// The TO-schema name of the FROM schema's column `column` of the table the TO schema calls
    /// `table`.
    pub fn column_to(&self, table: &QName, column: &str) -> String {
        self.within(RenameKind::Column)
            .find(|e| e.table_to == *table && e.from == column)
            .map_or_else(|| column.to_string(), |e| e.to.clone())
    }

    pub fn tables(&self) -> impl Iterator<Item = &Rename> {
        self.entries.iter().filter(|e| e.kind == RenameKind::Table)
    }

    pub fn within(&self, kind: RenameKind) -> impl Iterator<Item = &Rename> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }
}

fn resolve_table(name: &str, context: &QName) -> QName {
    match name.split_once('.') {
        Some((s, n)) if !context.schema.is_empty() => QName::new(s, n),
        _ => QName::new(context.schema.clone(), name),
    }
}

/// `old=new` (table), `table.old=new` (column), `schema.table.old=new` (column).
fn parse_option(opt: &str, before: &Schema, after: &Schema) -> Result<(RenameKind, QName, String, String), String> {
    let (left, right) = opt.split_once('=').ok_or("expected `table.old=new` or `old=new`")?;
    let (left, right) = (left.trim(), right.trim());
    if left.is_empty() || right.is_empty() {
        return Err("expected `table.old=new` or `old=new`".into());
    }
    let default_schema = default_schema(before);
    let find = |s: &Schema, name: &str| -> Option<QName> {
        let q = match name.rsplit_once('.') {
            Some((sch, n)) => QName::new(sch, n),
            None => QName::new(default_schema.clone(), name),
        };
        s.tables.contains_key(&q).then_some(q)
    };
    // A table rename when both sides name tables.
    if let (Some(_old), Some(new)) = (find(before, left), find(after, right)) {
        let from = left.rsplit('.').next().unwrap_or(left).to_string();
        return Ok((RenameKind::Table, new.clone(), from, new.name));
    }
    let (table, column) = left.rsplit_once('.').ok_or("no such table; for a column use `table.old=new`")?;
    let table_q = find(after, table).or_else(|| find(before, table)).ok_or_else(|| format!("no table `{table}`"))?;
    Ok((RenameKind::Column, table_q, column.to_string(), right.to_string()))
}

fn default_schema(s: &Schema) -> String {
    match s.dialect {
        crate::Dialect::Postgres => "public".into(),
        _ => String::new(),
    }
}

/// Rewrite `schema` so every renamed object carries its new name, references included
/// (foreign keys of other tables, index and constraint column lists, sequence ownership).
pub fn apply(schema: &Schema, renames: &Renames) -> Schema {
    let mut s = schema.clone();
    for r in renames.tables() {
        if let Some(mut t) = s.tables.remove(&r.table_from) {
            t.name = r.table_to.clone();
            s.tables.insert(r.table_to.clone(), t);
        }
        for t in s.tables.values_mut() {
            for c in &mut t.constraints {
                if let ConstraintKind::ForeignKey { ref_table, .. } = &mut c.kind {
                    if *ref_table == r.table_from {
                        *ref_table = r.table_to.clone();
                    }
                }
            }
        }
        for t in s.triggers.values_mut() {
            if t.table == r.table_from {
                t.table = r.table_to.clone();
            }
        }
        s.triggers = std::mem::take(&mut s.triggers).into_values().map(|t| ((t.table.clone(), t.name.clone()), t)).collect();
        for seq in s.sequences.values_mut() {
            if let Some((t, _)) = &mut seq.owned_by {
                if *t == r.table_from {
                    *t = r.table_to.clone();
                }
            }
        }
    }
    for (old, new) in &renames.sequences {
        rename_sequence(&mut s, old, new);
    }
    for r in renames.entries.iter().chain(&renames.by_engine).filter(|e| e.kind != RenameKind::Table) {
        let table_name = r.table_to.clone();
        if let Some(t) = s.tables.get_mut(&table_name) {
            match r.kind {
                RenameKind::Column => rename_column(t, &r.from, &r.to),
                RenameKind::Index => {
                    if let Some(i) = t.indexes.iter_mut().find(|i| i.name == r.from) {
                        i.name = r.to.clone();
                    }
                }
                RenameKind::Constraint => {
                    if let Some(c) = t.constraints.iter_mut().find(|c| c.name.as_deref() == Some(r.from.as_str())) {
                        c.name = Some(r.to.clone());
                    }
                }
                RenameKind::Table => {}
            }
            t.canonicalize();
        }
        if r.kind == RenameKind::Column {
            for t in s.tables.values_mut() {
                for c in &mut t.constraints {
                    if let ConstraintKind::ForeignKey { ref_table, ref_columns, .. } = &mut c.kind {
                        if *ref_table == table_name {
                            rename_in(ref_columns, &r.from, &r.to);
                        }
                    }
                }
            }
            for seq in s.sequences.values_mut() {
                if let Some((t, c)) = &mut seq.owned_by {
                    if *t == table_name && *c == r.from {
                        *c = r.to.clone();
                    }
                }
            }
        }
    }
    super::opaque::rename_grants(&mut s, renames);
    s
}

/// A sequence under its new name, and the `nextval` defaults that read it.
fn rename_sequence(s: &mut Schema, old: &QName, new: &QName) {
    let Some(mut seq) = s.sequences.remove(old) else { return };
    seq.name = new.clone();
    s.sequences.insert(new.clone(), seq);
    let (was, now) = (crate::parse::defaults::nextval(old), crate::parse::defaults::nextval(new));
    for t in s.tables.values_mut() {
        for c in t.columns.iter_mut().filter(|c| c.default.as_deref() == Some(was.as_str())) {
            c.default = Some(now.clone());
        }
    }
}

fn rename_in(list: &mut [String], from: &str, to: &str) {
    for c in list.iter_mut() {
        if c == from {
            *c = to.to_string();
        }
    }
}

fn rename_column(t: &mut Table, from: &str, to: &str) {
    if let Some(c) = t.column_mut(from) {
        c.name = to.to_string();
    }
    for c in &mut t.constraints {
        match &mut c.kind {
            ConstraintKind::PrimaryKey { columns }
            | ConstraintKind::Unique { columns, .. }
            | ConstraintKind::ForeignKey { columns, .. } => rename_in(columns, from, to),
            _ => {}
        }
    }
    for i in &mut t.indexes {
        for e in &mut i.elems {
            if !e.is_expr && e.expr == from {
                e.expr = to.to_string();
            }
        }
        rename_in(&mut i.include, from, to);
    }
}

/// Likely renames: in a table present on both sides, a dropped and an added column of the same
/// type; a dropped and an added table with the same columns.
pub fn suggest(from: &Schema, to: &Schema) -> Vec<RenameSuggestion> {
    let mut out = Vec::new();
    for (name, tt) in &to.tables {
        let Some(ft) = from.tables.get(name) else { continue };
        let dropped: Vec<_> = ft.columns.iter().filter(|c| tt.column(&c.name).is_none()).collect();
        let added: Vec<_> = tt.columns.iter().filter(|c| ft.column(&c.name).is_none()).collect();
        for d in &dropped {
            let same: Vec<_> = added.iter().filter(|a| a.data_type == d.data_type).collect();
            if let [a] = same.as_slice() {
                out.push(RenameSuggestion {
                    kind: RenameKind::Column,
                    table: name.clone(),
                    from: d.name.clone(),
                    to: a.name.clone(),
                    option: format!("{}.{}={}", name, d.name, a.name),
                });
            }
        }
    }
    let shape = |t: &Table| t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect::<Vec<_>>();
    for (fname, ft) in from.tables.iter().filter(|(n, _)| !to.tables.contains_key(*n)) {
        let same: Vec<_> = to.tables.iter().filter(|(n, t)| !from.tables.contains_key(*n) && shape(t) == shape(ft)).collect();
        if let [(tname, _)] = same.as_slice() {
            out.push(RenameSuggestion {
                kind: RenameKind::Table,
                table: (*tname).clone(),
                from: fname.name.clone(),
                to: tname.name.clone(),
                option: format!("{}={}", fname, tname),
            });
        }
    }
    out
}
