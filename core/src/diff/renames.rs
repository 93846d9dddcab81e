//! Renames: explicit hints (comments in the AFTER text, `--rename` options) that the differ
//! applies; the likely renames it does not apply are `rename_suggest.rs`'s.
//!
//! A rename is applied before anything else is compared: `apply` rewrites the FROM schema so
//! the renamed objects carry their new names (and every reference to them follows), and the
//! differ then compares like with like. The down migration uses `reversed()`, so the rename is
//! undone by the reverse rename, never by drop + add.

pub use super::rename_apply::apply;
use crate::model::{QName, RenameHint, RenameKind, Schema, Table};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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
    /// Sequences renamed: (FROM-schema name, TO-schema name). Those asked for (a hint,
    /// `--rename`, a history's `ALTER SEQUENCE ... RENAME TO`; also in `entries` as
    /// `RenameKind::Sequence`), then the serial sequences whose implicit name follows a renamed
    /// table or column (found by `implied_renames`). Each is an `ALTER SEQUENCE ... RENAME`:
    /// the sequence keeps its current value.
    pub sequences: Vec<(QName, QName)>,
    /// Sequences owned by a table's columns that PostgreSQL moves with the table into another
    /// schema (`ALTER TABLE ... SET SCHEMA`): (FROM-schema name, the same name in the new
    /// schema). Applied to the FROM schema before `sequences` (whose old names are these new
    /// ones), never emitted as a change.
    pub sequences_by_engine: Vec<(QName, QName)>,
    /// Renames the engine makes by itself (MySQL/MariaDB `RENAME TABLE` renames the foreign keys
    /// named `<old>_ibfk_<n>`): applied to the FROM schema, never emitted as a change.
    pub by_engine: Vec<Rename>,
    /// Enum labels renamed by AFTER's history (`ALTER TYPE ... RENAME VALUE`): (type, FROM label,
    /// TO label), where BEFORE has the old label and not the new one and AFTER the reverse.
    pub values: Vec<(QName, String, String)>,
    /// Lookups by name over `entries` (tables and columns), so that asking for every table
    /// costs n log n, not n × renames. Built by `reindex`; a lookup falls back to scanning
    /// `entries` when they changed since (their count differs).
    index: RenameIndex,
}

/// Table renames by TO name, column renames by (TO table, TO column) and (TO table, FROM column).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RenameIndex {
    entries: usize,
    table_from: BTreeMap<QName, QName>,
    column_from: BTreeMap<(QName, String), String>,
    column_to: BTreeMap<(QName, String), String>,
}

impl Renames {
    /// Gather hints from the AFTER schema and the `--rename` options, keeping only those that
    /// make sense (the old object exists only before, the new one only after); the diagnostics
    /// of both together (`collect_all` keeps them apart).
    pub fn collect(before: &Schema, after: &Schema, options: &[String]) -> (Renames, Vec<Diagnostic>) {
        let (renames, mut options_diags, after_diags) = Renames::collect_all(before, after, options);
        options_diags.extend(after_diags);
        (renames, options_diags)
    }

    /// `collect`, with the diagnostics of the `--rename` options and of AFTER's hint comments
    /// apart. A rename the user asked for that cannot apply is an error (the result is blocked):
    /// ignoring it would drop the old object and create the new one, losing its data. A hint
    /// comment may read as several candidates (a table and the columns on its line): it is
    /// wrong only when none of them applies.
    pub fn collect_all(before: &Schema, after: &Schema, options: &[String]) -> (Renames, Vec<Diagnostic>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        // Where each wanted rename comes from: a hint comment's position, an option's index.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        enum Source {
            Hint(usize, usize),
            Code,
            Option(usize),
            // A rename statement of AFTER's history (`Schema.renamed`).
            Statement(usize, usize),
        }
        let mut wanted: Vec<(RenameKind, QName, String, String, Source)> = after
            .renames
            .iter()
            .map(|h| (h.kind, h.table.clone(), h.from.clone(), h.to.clone(), h.at.map_or(Source::Code, |(l, c)| Source::Hint(l, c))))
            .collect();
        // A rename BEFORE's history also made is behind both schemas (a shared start).
        let shared =
            |h: &&RenameHint| before.renamed.iter().any(|b| (b.kind, &b.table, &b.from, &b.to) == (h.kind, &h.table, &h.from, &h.to));
        wanted.extend(after.renamed.iter().filter(|h| !shared(h)).map(|h| {
            let (l, c) = h.at.unwrap_or((1, 1));
            (h.kind, h.table.clone(), h.from.clone(), h.to.clone(), Source::Statement(l, c))
        }));
        // Statements whose rename cannot be planned although the object it renames is there.
        let mut statement_errors = Vec::new();
        for (i, opt) in options.iter().enumerate() {
            match parse_option(opt, before, after) {
                Ok((kind, table, from, to)) => wanted.push((kind, table, from, to, Source::Option(i))),
                // Line: the option's 1-based index (the playground's rename list has one per line).
                Err(msg) => diags.push(Diagnostic::error(i + 1, 1, format!("--rename #{} `{opt}`: {msg}", i + 1))),
            }
        }
        // Per source, each candidate's outcome in the order written: `Some(true)` applied,
        // `Some(false)` already satisfied (both sides use the new name), `None` refused (why).
        let mut outcomes: BTreeMap<Source, Vec<(usize, Option<bool>)>> = BTreeMap::new();
        let mut refused: BTreeMap<Source, Vec<String>> = BTreeMap::new();
        let mut renames = Renames::default();
        // Tables first: column hints on a renamed table resolve through them.
        let mut tables_to: BTreeSet<QName> = BTreeSet::new();
        for (order, (kind, table, from, to, source)) in wanted.iter().enumerate().filter(|(_, w)| w.0 == RenameKind::Table) {
            let old = RenameHint::old_table(from, table);
            let ok = before.tables.contains_key(&old)
                && !after.tables.contains_key(&old)
                && after.tables.contains_key(table)
                && !before.tables.contains_key(table);
            if ok {
                outcomes.entry(*source).or_default().push((order, Some(true)));
                if tables_to.insert(table.clone()) {
                    renames.entries.push(Rename {
                        kind: *kind,
                        table_from: old,
                        table_to: table.clone(),
                        from: from.clone(),
                        to: to.clone(),
                    });
                }
            } else if before.tables.contains_key(table) && after.tables.contains_key(table) && !before.tables.contains_key(&old) {
                outcomes.entry(*source).or_default().push((order, Some(false)));
            } else if let Source::Statement(line, col) = source {
                // Refused: ignored unless BEFORE has the old table, AFTER the new one and a new
                // table under the old name (`RENAME TO a_old` then `CREATE TABLE a`).
                if before.tables.contains_key(&old)
                    && after.tables.contains_key(&old)
                    && after.tables.contains_key(table)
                    && !before.tables.contains_key(table)
                {
                    statement_errors.push(Diagnostic::error(*line, *col, reused_name("table", &old.to_string(), &table.to_string())));
                }
            } else {
                outcomes.entry(*source).or_default().push((order, None));
                refused
                    .entry(*source)
                    .or_default()
                    .push(format!("rename `{from}` → `{table}` cannot apply: `{from}` must exist only before and `{table}` only after"));
            }
        }
        // Sequences: named like tables, looked up among sequences.
        let mut sequences_to: BTreeSet<QName> = BTreeSet::new();
        for (order, (kind, seq, from, _, source)) in wanted.iter().enumerate().filter(|(_, w)| w.0 == RenameKind::Sequence) {
            let old = RenameHint::old_table(from, seq);
            let (b, a) = (&before.sequences, &after.sequences);
            if b.contains_key(&old) && !a.contains_key(&old) && a.contains_key(seq) && !b.contains_key(seq) {
                outcomes.entry(*source).or_default().push((order, Some(true)));
                if sequences_to.insert(seq.clone()) && !renames.sequences.iter().any(|(o, _)| *o == old) {
                    renames.entries.push(Rename {
                        kind: *kind,
                        table_from: old.clone(),
                        table_to: seq.clone(),
                        from: from.clone(),
                        to: seq.name.clone(),
                    });
                    renames.sequences.push((old, seq.clone()));
                }
            } else if b.contains_key(seq) && a.contains_key(seq) && !b.contains_key(&old) {
                outcomes.entry(*source).or_default().push((order, Some(false)));
            } else if let Source::Statement(line, col) = source {
                if b.contains_key(&old) && a.contains_key(&old) && a.contains_key(seq) && !b.contains_key(seq) {
                    statement_errors.push(Diagnostic::error(*line, *col, reused_name("sequence", &old.to_string(), &seq.to_string())));
                }
            } else {
                outcomes.entry(*source).or_default().push((order, None));
                refused.entry(*source).or_default().push(format!(
                    "rename of sequence `{from}` → `{seq}` cannot apply: sequence `{from}` must exist only before and `{seq}` only after"
                ));
            }
        }
        renames.reindex();
        let mut seen: BTreeSet<(u8, QName, String, String)> = BTreeSet::new();
        let owned = |k: RenameKind| !matches!(k, RenameKind::Table | RenameKind::Sequence);
        for (order, (kind, table, from, to, source)) in wanted.iter().enumerate().filter(|(_, w)| owned(w.0)) {
            // `--rename old_table.old=new` names the table as BEFORE does: the rename of a renamed
            // table's column is the same one a hint on the new table gives.
            let table = &if after.tables.contains_key(table) { table.clone() } else { renames.table_to(table) };
            let table_from = renames.table_from(table);
            let (Some(bt), Some(at)) = (before.tables.get(&table_from), after.tables.get(table)) else {
                outcomes.entry(*source).or_default().push((order, None));
                refused
                    .entry(*source)
                    .or_default()
                    .push(format!("rename `{from}` → `{to}` cannot apply: table `{table}` is not in both schemas"));
                continue;
            };
            let exists = |t: &Table, name: &str| match kind {
                RenameKind::Column => t.column(name).is_some(),
                RenameKind::Index => t.index(name).is_some(),
                RenameKind::Constraint => t.constraint(name).is_some(),
                RenameKind::Table | RenameKind::Sequence => false,
            };
            if exists(bt, from) && !exists(at, from) && exists(at, to) && !exists(bt, to) {
                outcomes.entry(*source).or_default().push((order, Some(true)));
                // (`table_from` follows from `table_to`: the key names the entry.)
                if seen.insert((*kind as u8, table.clone(), from.clone(), to.clone())) {
                    let entry =
                        Rename { kind: *kind, table_from: table_from.clone(), table_to: table.clone(), from: from.clone(), to: to.clone() };
                    renames.entries.push(entry);
                }
            } else if exists(bt, to) && exists(at, to) && !exists(bt, from) {
                // Already satisfied: both sides use the new name.
                outcomes.entry(*source).or_default().push((order, Some(false)));
            } else if let Source::Statement(line, col) = source {
                // As for tables: a column given a new one under its old name is refused. An index
                // or constraint holds no rows: made again, nothing is lost.
                if *kind == RenameKind::Column && exists(bt, from) && exists(at, from) && exists(at, to) && !exists(bt, to) {
                    statement_errors.push(Diagnostic::error(*line, *col, reused_name("column", &format!("{table}.{from}"), to)));
                }
            } else {
                outcomes.entry(*source).or_default().push((order, None));
                refused.entry(*source).or_default().push(format!(
                    "rename `{from}` → `{to}` on `{table}` cannot apply: `{from}` must exist only before and `{to}` only after"
                ));
            }
        }
        let mut after_diags = Vec::new();
        for (source, reasons) in refused {
            // Fine when a candidate applied, or when the one written last (the element just before
            // the comment) is already satisfied; a neighbour on the line that merely exists on both
            // sides does not count.
            let list = outcomes.get(&source).map(Vec::as_slice).unwrap_or(&[]);
            let any_applied = list.iter().any(|(_, o)| *o == Some(true));
            let last_satisfied = list.iter().max_by_key(|(order, _)| *order).is_some_and(|(_, o)| *o == Some(false));
            if any_applied || last_satisfied {
                continue;
            }
            let reasons = reasons.join("; ");
            match source {
                Source::Hint(line, col) => after_diags.push(Diagnostic::error(
                    line,
                    col,
                    format!("rename hint not applied ({reasons}): without it the old object is dropped and its data lost; fix the old name or remove the hint"),
                )),
                Source::Option(i) => diags.push(Diagnostic::error(
                    i + 1,
                    1,
                    format!("--rename #{} `{}` not applied ({reasons}): without it the old object is dropped and its data lost", i + 1, options[i]),
                )),
                Source::Code => diags.push(Diagnostic::warning(1, 1, format!("rename hint ignored: {reasons}"))),
                Source::Statement(..) => {}
            }
        }
        after_diags.extend(statement_errors);
        renames.values = enum_values(before, after);
        renames.reindex();
        super::implied_renames::add(&mut renames, before, after);
        renames.reindex();
        (renames, diags, after_diags)
    }

    /// The same renames seen from the other direction (for the down migration).
    pub fn reversed(&self) -> Renames {
        let mut r = Renames {
            entries: self.entries.iter().map(Rename::reversed).collect(),
            sequences: Vec::new(),
            sequences_by_engine: Vec::new(),
            by_engine: self.by_engine.iter().map(Rename::reversed).collect(),
            values: self.values.iter().map(|(t, a, b)| (t.clone(), b.clone(), a.clone())).collect(),
            index: RenameIndex::default(),
        };
        // Back: the engine moves a sequence under its final name into the old schema, then it
        // is renamed to its old name.
        let final_name = |n: &QName| self.sequences.iter().find(|(a, _)| a == n).map_or_else(|| n.clone(), |(_, b)| b.clone());
        for (old, moved) in &self.sequences_by_engine {
            let now = final_name(moved);
            let back = QName::new(old.schema.clone(), now.name.clone());
            r.sequences_by_engine.push((now, back.clone()));
            if back != *old {
                r.sequences.push((back, old.clone()));
            }
        }
        let moved = |n: &QName| self.sequences_by_engine.iter().any(|(_, m)| m == n);
        r.sequences.extend(self.sequences.iter().filter(|(a, _)| !moved(a)).map(|(a, b)| (b.clone(), a.clone())));
        r.reindex();
        r
    }

    /// Build the lookups over `entries` (the first entry of a name wins, as a scan finds it).
    pub(super) fn reindex(&mut self) {
        let mut index = RenameIndex { entries: self.entries.len(), ..RenameIndex::default() };
        for e in &self.entries {
            match e.kind {
                RenameKind::Table => {
                    index.table_from.entry(e.table_to.clone()).or_insert_with(|| e.table_from.clone());
                }
                RenameKind::Column => {
                    index.column_from.entry((e.table_to.clone(), e.to.clone())).or_insert_with(|| e.from.clone());
                    index.column_to.entry((e.table_to.clone(), e.from.clone())).or_insert_with(|| e.to.clone());
                }
                RenameKind::Index | RenameKind::Constraint | RenameKind::Sequence => {}
            }
        }
        self.index = index;
    }

    fn indexed(&self) -> bool {
        self.index.entries == self.entries.len() && !self.entries.is_empty()
    }

    /// The FROM-schema name of a table named `to` in the TO schema.
    pub fn table_from(&self, to: &QName) -> QName {
        if self.indexed() {
            return self.index.table_from.get(to).unwrap_or(to).clone();
        }
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
        if self.indexed() {
            let found = self.index.column_from.get(&(table.clone(), column.to_string()));
            return found.map_or_else(|| column.to_string(), String::clone);
        }
        self.within(RenameKind::Column)
            .find(|e| e.table_to == *table && e.to == column)
            .map_or_else(|| column.to_string(), |e| e.from.clone())
    }

    /// The TO-schema name of the FROM schema's column `column` of the table the TO schema calls
    /// `table`.
    pub fn column_to(&self, table: &QName, column: &str) -> String {
        if self.indexed() {
            let found = self.index.column_to.get(&(table.clone(), column.to_string()));
            return found.map_or_else(|| column.to_string(), String::clone);
        }
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

/// `old=new` (table or sequence), `table.old=new` (column), `schema.table.old=new` (column).
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
    if let (Some(old), Some(new)) = (find(before, left), find(after, right)) {
        // `public.t=app.t`: a move to another schema names its old schema.
        let from = RenameHint::table_from(&old, &new);
        return Ok((RenameKind::Table, new.clone(), from, new.name));
    }
    // A sequence rename when both sides name sequences.
    let sequence = |s: &Schema, name: &str| -> Option<QName> {
        let q = match name.rsplit_once('.') {
            Some((sch, n)) => QName::new(sch, n),
            None => QName::new(default_schema.clone(), name),
        };
        s.sequences.contains_key(&q).then_some(q)
    };
    if let (Some(old), Some(new)) = (sequence(before, left), sequence(after, right)) {
        let from = RenameHint::table_from(&old, &new);
        return Ok((RenameKind::Sequence, new.clone(), from, new.name));
    }
    let (table, column) = left.rsplit_once('.').ok_or("no such table; for a column use `table.old=new`")?;
    let table_q = find(after, table).or_else(|| find(before, table)).ok_or_else(|| format!("no table `{table}`"))?;
    let from = column_named(before, &table_q, column);
    let to = column_named(after, &table_q, right);
    Ok((RenameKind::Column, table_q, from, to))
}

/// A column name of an option as the schema holds it: SQLite and MySQL compare column names
/// without case, and the model holds SQLite's folded (`--rename 'acct.Owner Name=owner'` names
/// the column declared `"Owner Name"`, held as `owner name`). The name as written when the
/// table has it, or has no column of that name in another case.
fn column_named(s: &Schema, table: &QName, name: &str) -> String {
    let t = s.tables.get(table);
    if s.dialect == crate::Dialect::Postgres || t.is_none_or(|t| t.column(name).is_some()) {
        return name.to_string();
    }
    let same: Vec<&str> =
        t.into_iter().flat_map(|t| &t.columns).map(|c| c.name.as_str()).filter(|c| c.eq_ignore_ascii_case(name)).collect();
    match same[..] {
        [one] => one.to_string(),
        _ => name.to_string(),
    }
}

/// The enum label renames of AFTER's history (not also BEFORE's) that fit: the type in both, the
/// old label only in BEFORE's, the new one only in AFTER's.
fn enum_values(before: &Schema, after: &Schema) -> Vec<(QName, String, String)> {
    let has = |s: &Schema, ty: &QName, label: &str| match s.types.get(ty) {
        Some(crate::model::UserType::Enum(e)) => Some(e.values.iter().any(|v| v == label)),
        _ => None,
    };
    after
        .renamed_values
        .iter()
        .filter(|v| !before.renamed_values.contains(v))
        .filter(|v| {
            has(before, &v.ty, &v.from) == Some(true)
                && has(before, &v.ty, &v.to) == Some(false)
                && has(after, &v.ty, &v.to) == Some(true)
                && has(after, &v.ty, &v.from) == Some(false)
        })
        .map(|v| (v.ty.clone(), v.from.clone(), v.to.clone()))
        .collect()
}

/// Why a history's rename of `old` to `new` with a new `old` after it is blocked.
fn reused_name(kind: &str, old: &str, new: &str) -> String {
    // What the object holds: a sequence its current value, a table or column its rows.
    let (held, start) = if kind == "sequence" { ("current value", "over") } else { ("rows", "empty") };
    format!(
        "this history renames {kind} `{old}` to `{new}` and then makes a new `{old}`: the migration would have to move the {held} of `{old}` into `{new}` and start `{old}` {start}, which schemashift cannot plan in one step (its down would need the new `{old}` dropped before the rename back); without the rename the {held} would stay in `{old}`. Split the migration in two (up to the rename, then the rest); or, if `{new}` is not meant to hold the {held} of `{old}`, create `{new}` in AFTER instead of renaming."
    )
}

fn default_schema(s: &Schema) -> String {
    match s.dialect {
        crate::Dialect::Postgres => "public".into(),
        _ => String::new(),
    }
}
