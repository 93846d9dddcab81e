//! What the visual diff shows, computed from a `Migration`: one box per table the up steps
//! touch (its columns, constraints and indexes, each added / removed / changed / renamed /
//! unchanged), boxes for the tables their foreign keys point to, and the relations.
//!
//! The changes say which tables and which renames; the before and after schemas say what each
//! table holds on either side. Everything is ordered (by name, then declaration order).

use schemashift::diff::Change;
use schemashift::model::{Column, Constraint, ConstraintKind, Index, QName, Table};
use schemashift::Migration;
use std::collections::{BTreeMap, BTreeSet};

/// How an item differs between before and after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Status {
    Added,
    Removed,
    Changed,
    Renamed,
    Unchanged,
}

impl Status {
    /// The text marker shown next to the item (colour is never the only sign).
    pub fn marker(self) -> &'static str {
        match self {
            Status::Added => "+",
            Status::Removed => "−",
            Status::Changed => "~",
            Status::Renamed => "→",
            Status::Unchanged => "·",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Renamed => "renamed",
            Status::Unchanged => "unchanged",
        }
    }
}

/// One line inside a table box.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub status: Status,
    pub text: String,
    /// What changed, or the name of a constraint (tooltip and text version).
    pub detail: Option<String>,
    /// The table a foreign key row points to.
    pub refers: Option<QName>,
}

impl Row {
    fn new(status: Status, text: String, detail: Option<String>) -> Self {
        Row { status, text, detail, refers: None }
    }
}

/// A table's box. `context` boxes are unchanged tables shown because a relation points there.
#[derive(Clone, Debug, PartialEq)]
pub struct TableBox {
    pub name: QName,
    pub status: Status,
    pub detail: Option<String>,
    pub rows: Vec<Row>,
    pub context: bool,
}

/// A foreign key from a row of one box to another box.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub from: usize,
    pub from_row: usize,
    pub to: usize,
    pub status: Status,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiffModel {
    pub boxes: Vec<TableBox>,
    pub relations: Vec<Relation>,
}

/// Unchanged columns shown per box before the rest are summed up in one line.
const UNCHANGED_COLUMNS_SHOWN: usize = 8;

/// Renames read from the changes: new name → old name, per table.
#[derive(Default)]
struct Renames {
    tables: BTreeMap<QName, QName>,
    /// (table after, new name) → old name, for columns, constraints and indexes.
    members: BTreeMap<(QName, String), String>,
}

impl Renames {
    fn of(steps: &[schemashift::plan::Step]) -> Self {
        let mut r = Renames::default();
        for step in steps {
            match &step.change {
                Change::RenameTable { from, to } => {
                    r.tables.insert(to.clone(), from.clone());
                }
                Change::RenameColumn { table, from, to }
                | Change::RenameConstraint { table, from, to }
                | Change::RenameIndex { table, from, to } => {
                    r.members.insert((table.clone(), to.clone()), from.clone());
                }
                Change::RebuildTable { to, renamed_columns, .. } => {
                    for (old, new) in renamed_columns {
                        r.members.insert((to.name.clone(), new.clone()), old.clone());
                    }
                }
                _ => {}
            }
        }
        r
    }

    fn old_table<'a>(&'a self, name: &'a QName) -> &'a QName {
        self.tables.get(name).unwrap_or(name)
    }

    fn new_table(&self, old: &QName) -> QName {
        self.tables.iter().find(|(_, o)| *o == old).map(|(n, _)| n.clone()).unwrap_or_else(|| old.clone())
    }

    fn old_member<'a>(&'a self, table: &QName, name: &'a str) -> &'a str {
        self.members.get(&(table.clone(), name.to_string())).map(String::as_str).unwrap_or(name)
    }
}

fn column_text(c: &Column) -> String {
    format!("{} {}{}", c.name, c.data_type, if c.nullable { "" } else { " NOT NULL" })
}

/// "type text → integer; NOT NULL added": what differs between two definitions of a column.
pub fn column_changes(from: &Column, to: &Column) -> String {
    let mut parts = Vec::new();
    if from.name != to.name {
        parts.push(format!("renamed from {}", from.name));
    }
    if from.data_type != to.data_type {
        parts.push(format!("type {} → {}", from.data_type, to.data_type));
    }
    if from.nullable != to.nullable {
        parts.push(if to.nullable { "NOT NULL dropped".into() } else { "NOT NULL added".into() });
    }
    if from.default != to.default {
        let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
        parts.push(format!("default {} → {}", show(&from.default), show(&to.default)));
    }
    let mut a = from.clone();
    let mut b = to.clone();
    (a.name, a.data_type, a.nullable, a.default) = (String::new(), Default::default(), true, None);
    (b.name, b.data_type, b.nullable, b.default) = (String::new(), Default::default(), true, None);
    if !a.same_definition(&b) {
        parts.push("other attributes changed".into());
    }
    parts.join("; ")
}

fn cols(list: &[String]) -> String {
    list.join(", ")
}

/// "FK (customer_id) → customers (id)".
pub fn constraint_text(c: &Constraint) -> String {
    match &c.kind {
        ConstraintKind::PrimaryKey { columns } => format!("PK ({})", cols(columns)),
        ConstraintKind::Unique { columns, .. } => format!("UNIQUE ({})", cols(columns)),
        ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } => {
            let target = if ref_columns.is_empty() { String::new() } else { format!(" ({})", cols(ref_columns)) };
            format!("FK ({}) → {}{target}", cols(columns), ref_table.name)
        }
        ConstraintKind::Check { expr, .. } => format!("CHECK ({expr})"),
        ConstraintKind::Exclude { definition } => format!("EXCLUDE {definition}"),
    }
}

fn index_text(i: &Index) -> String {
    let cols: Vec<&str> = i.elems.iter().map(|e| e.expr.as_str()).collect();
    format!("{}INDEX {} ({})", if i.unique { "UNIQUE " } else { "" }, i.name, cols.join(", "))
}

/// Pair the items of both sides (by old name), in after order then the removed ones.
fn pair<'a, T>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&T) -> Option<String>,
    old_key: impl Fn(&T) -> Option<String>,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut used = BTreeSet::new();
    let mut out = Vec::new();
    for a in after {
        let wanted = old_key(a);
        let found =
            before.iter().enumerate().find(|(i, b)| !used.contains(i) && if wanted.is_some() { key(b) == wanted } else { same(b, a) });
        if let Some((i, b)) = found {
            used.insert(i);
            out.push((Some(b), Some(a)));
        } else {
            out.push((None, Some(a)));
        }
    }
    out.extend(before.iter().enumerate().filter(|(i, _)| !used.contains(i)).map(|(_, b)| (Some(b), None)));
    out
}

fn status_of(renamed: bool, same: bool) -> Status {
    match (renamed, same) {
        (_, false) => Status::Changed,
        (true, true) => Status::Renamed,
        (false, true) => Status::Unchanged,
    }
}

/// The rows of a table present on both sides (either may be absent: added or dropped table).
fn rows(before: Option<&Table>, after: Option<&Table>, key: &QName, renames: &Renames) -> Vec<Row> {
    let empty = Table::new(key.clone());
    let (b, a) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut out = Vec::new();
    let mut unchanged_hidden = 0;
    let mut shown = 0;
    let col_pairs =
        pair(&b.columns, &a.columns, |c| Some(c.name.clone()), |c| Some(renames.old_member(key, &c.name).to_string()), |x, y| x == y);
    for (old, new) in col_pairs {
        let row = match (old, new) {
            (None, Some(n)) => Row::new(Status::Added, column_text(n), None),
            (Some(o), None) => Row::new(Status::Removed, column_text(o), None),
            (Some(o), Some(n)) => {
                let status = status_of(o.name != n.name, o.same_definition(&Column { name: o.name.clone(), ..n.clone() }));
                let detail = (status != Status::Unchanged).then(|| column_changes(o, n));
                Row::new(status, column_text(n), detail)
            }
            (None, None) => continue,
        };
        if row.status == Status::Unchanged {
            shown += 1;
            if shown > UNCHANGED_COLUMNS_SHOWN {
                unchanged_hidden += 1;
                continue;
            }
        }
        out.push(row);
    }
    if unchanged_hidden > 0 {
        out.push(Row::new(Status::Unchanged, format!("… {unchanged_hidden} more unchanged columns"), None));
    }
    let name = |c: &Constraint| c.name.clone();
    let old_name = |c: &Constraint| c.name.as_ref().map(|n| renames.old_member(key, n).to_string());
    let mut quiet = 0;
    for (old, new) in pair(&b.constraints, &a.constraints, name, old_name, |x, y| x.kind == y.kind) {
        let (status, c) = match (old, new) {
            (None, Some(n)) => (Status::Added, n),
            (Some(o), None) => (Status::Removed, o),
            (Some(o), Some(n)) => (status_of(o.name != n.name, o.kind == n.kind && o.deferrable == n.deferrable), n),
            (None, None) => continue,
        };
        let structural = matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::ForeignKey { .. });
        if status == Status::Unchanged && !structural {
            quiet += 1;
            continue;
        }
        let refers = match &c.kind {
            ConstraintKind::ForeignKey { ref_table, .. } => Some(ref_table.clone()),
            _ => None,
        };
        out.push(Row { status, text: constraint_text(c), detail: c.name.clone(), refers });
    }
    let iname = |i: &Index| Some(i.name.clone());
    let old_iname = |i: &Index| Some(renames.old_member(key, &i.name).to_string());
    for (old, new) in pair(&b.indexes, &a.indexes, iname, old_iname, |x, y| x == y) {
        let (status, i) = match (old, new) {
            (None, Some(n)) => (Status::Added, n),
            (Some(o), None) => (Status::Removed, o),
            (Some(o), Some(n)) => (status_of(o.name != n.name, Index { name: o.name.clone(), ..n.clone() } == *o), n),
            (None, None) => continue,
        };
        if status == Status::Unchanged {
            quiet += 1;
            continue;
        }
        out.push(Row::new(status, index_text(i), None));
    }
    if quiet > 0 {
        out.push(Row::new(Status::Unchanged, format!("… {quiet} unchanged constraints and indexes"), None));
    }
    out
}

/// The tables the up steps touch, by their after name (before name for dropped tables).
fn touched(m: &Migration, renames: &Renames) -> BTreeSet<QName> {
    let mut out = BTreeSet::new();
    for step in &m.up {
        match &step.change {
            Change::DropTable { table } => {
                out.insert(table.name.clone());
            }
            Change::RebuildTable { to, .. } => {
                out.insert(to.name.clone());
            }
            change => {
                if let Some(t) = change.table() {
                    out.insert(if m.after.tables.contains_key(t) { t.clone() } else { renames.new_table(t) });
                }
            }
        }
    }
    out
}

/// Natural order: runs of digits compare as numbers (t2 before t10), the rest as text.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let ord = match (x, y) {
            ((true, dx), (true, dy)) => {
                let (tx, ty) = (dx.trim_start_matches('0'), dy.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty)).then_with(|| dx.len().cmp(&dy.len()))
            }
            ((_, tx), (_, ty)) => tx.cmp(ty),
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len())
}

/// Which tables the diagram draws besides the changed ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    /// The changed tables and their neighbours: the tables their foreign keys point to and the
    /// tables whose foreign keys point at them (only those rows). For large schemas.
    Focus,
    /// Every table of both schemas; the unchanged ones as context boxes.
    All,
}

/// Schemas with more tables than this open the diagram in `Scope::Focus`.
pub const FOCUS_ABOVE_TABLES: usize = 30;

impl Scope {
    /// The scope the diagram opens with for `m`.
    pub fn default_for(m: &Migration) -> Scope {
        if m.after.tables.len().max(m.before.tables.len()) > FOCUS_ABOVE_TABLES {
            Scope::Focus
        } else {
            Scope::All
        }
    }
}

fn natural_qname(a: &QName, b: &QName) -> std::cmp::Ordering {
    natural_cmp(&a.schema, &b.schema).then_with(|| natural_cmp(&a.name, &b.name))
}

/// The visual diff of `m`, drawing the tables `scope` asks for.
pub fn build(m: &Migration, scope: Scope) -> DiffModel {
    let renames = Renames::of(&m.up);
    let mut boxes = Vec::new();
    let mut names: Vec<QName> = touched(m, &renames).into_iter().collect();
    names.sort_by(natural_qname);
    for name in names {
        let after = m.after.tables.get(&name);
        let old = renames.old_table(&name);
        let before = m.before.tables.get(old).or_else(|| m.before.tables.get(&name).filter(|_| after.is_none()));
        let (status, detail) = match (before, after) {
            (None, None) => continue,
            (None, Some(_)) => (Status::Added, Some("new table".to_string())),
            (Some(_), None) => (Status::Removed, Some("dropped table".to_string())),
            (Some(b), Some(_)) if b.name != name => (Status::Renamed, Some(format!("renamed from {}", b.name))),
            (Some(_), Some(_)) => (Status::Changed, None),
        };
        let rows = rows(before, after, &name, &renames);
        boxes.push(TableBox { name, status, detail, rows, context: false });
    }
    match scope {
        Scope::Focus => boxes.extend(referring(m, &boxes)),
        Scope::All => boxes.extend(unchanged(m, &boxes, &renames)),
    }
    let relations = relations(m, &renames, &mut boxes);
    DiffModel { boxes, relations }
}

/// Context boxes for the unchanged tables whose foreign keys point at a changed table: only
/// those foreign key rows, in natural order.
fn referring(m: &Migration, changed: &[TableBox]) -> Vec<TableBox> {
    let drawn: BTreeSet<&QName> = changed.iter().map(|b| &b.name).collect();
    let mut out: Vec<TableBox> = m
        .after
        .tables
        .values()
        .filter(|t| !drawn.contains(&t.name))
        .filter_map(|t| {
            let rows: Vec<Row> = t
                .constraints
                .iter()
                .filter_map(|c| match &c.kind {
                    ConstraintKind::ForeignKey { ref_table, .. } if drawn.contains(ref_table) => Some(Row {
                        status: Status::Unchanged,
                        text: constraint_text(c),
                        detail: c.name.clone(),
                        refers: Some(ref_table.clone()),
                    }),
                    _ => None,
                })
                .collect();
            (!rows.is_empty()).then(|| TableBox {
                name: t.name.clone(),
                status: Status::Unchanged,
                detail: Some("refers to a changed table".into()),
                rows,
                context: true,
            })
        })
        .collect();
    out.sort_by(|a, b| natural_qname(&a.name, &b.name));
    out
}

/// Context boxes for every table the changes leave as it is, with its rows, in natural order.
fn unchanged(m: &Migration, changed: &[TableBox], renames: &Renames) -> Vec<TableBox> {
    let drawn: BTreeSet<&QName> = changed.iter().map(|b| &b.name).collect();
    let mut out: Vec<TableBox> = m
        .after
        .tables
        .values()
        .filter(|t| !drawn.contains(&t.name))
        .map(|t| {
            let before = m.before.tables.get(renames.old_table(&t.name));
            TableBox {
                name: t.name.clone(),
                status: Status::Unchanged,
                detail: Some("unchanged".into()),
                rows: rows(before, Some(t), &t.name, renames),
                context: true,
            }
        })
        .collect();
    out.sort_by(|a, b| natural_qname(&a.name, &b.name));
    out
}

/// Relations of the foreign key rows, adding context boxes for the tables they point to.
fn relations(m: &Migration, renames: &Renames, boxes: &mut Vec<TableBox>) -> Vec<Relation> {
    let mut out = Vec::new();
    for from in 0..boxes.len() {
        let fks: Vec<(usize, QName, Status, String)> = boxes[from]
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| Some((i, row.refers.clone()?, row.status, row.detail.clone().unwrap_or_default())))
            .collect();
        for (row, target, status, label) in fks {
            let target = renames.new_table(&target);
            let to = match boxes.iter().position(|b| b.name == target) {
                Some(i) => i,
                None => {
                    let known = m.after.tables.contains_key(&target) || m.before.tables.contains_key(&target);
                    if !known {
                        continue;
                    }
                    boxes.push(TableBox {
                        name: target,
                        status: Status::Unchanged,
                        detail: Some("referenced".into()),
                        rows: Vec::new(),
                        context: true,
                    });
                    boxes.len() - 1
                }
            };
            out.push(Relation { from, from_row: row, to, status, label });
        }
    }
    out
}
