//! Applying the renames in force: `apply` rewrites the FROM schema so every renamed object
//! carries its new name (and every reference to it follows), for the differ to compare like
//! with like (`renames.rs` decides which renames are in force).

use super::renames::{Rename, Renames};
use crate::model::{ConstraintKind, QName, RenameKind, Schema, Table};
use std::collections::{BTreeMap, HashMap};

/// Enum labels renamed: in the type, and in a column default of the label (PostgreSQL keeps a
/// label's identity, so the default follows it).
fn rename_enum_values(s: &mut Schema, values: &[(QName, String, String)]) {
    let literal = |v: &str| format!("'{}'", v.replace('\'', "''"));
    for (ty, from, to) in values {
        if let Some(crate::model::UserType::Enum(e)) = s.types.get_mut(ty) {
            e.values.iter_mut().filter(|v| *v == from).for_each(|v| *v = to.clone());
        }
        let (was, now) = (literal(from), literal(to));
        for t in s.tables.values_mut() {
            for c in t.columns.iter_mut().filter(|c| c.data_type.user_defined && super::type_names_match(&c.data_type.base, ty)) {
                if c.default.as_deref() == Some(was.as_str()) {
                    c.default = Some(now.clone());
                }
            }
        }
    }
}

/// Rewrite `schema` so every renamed object carries its new name, references included
/// (foreign keys of other tables, index and constraint column lists, sequence ownership).
/// One pass over the schema for all renames: the cost is the schema's size plus the renames',
/// not their product.
pub fn apply(schema: &Schema, renames: &Renames, to: &Schema) -> Schema {
    let mut s = schema.clone();
    // Table renames: no chains (a new name is never an old one, `collect` checks), so one map.
    let mut tables: BTreeMap<&QName, &QName> = BTreeMap::new();
    for r in renames.tables() {
        tables.entry(&r.table_from).or_insert(&r.table_to);
    }
    if !tables.is_empty() {
        let mut moved = Vec::new();
        for r in renames.tables() {
            if let Some(mut t) = s.tables.remove(&r.table_from) {
                t.name = r.table_to.clone();
                moved.push(t);
            }
        }
        for t in moved {
            s.tables.insert(t.name.clone(), t);
        }
        for t in s.tables.values_mut() {
            for c in &mut t.constraints {
                if let ConstraintKind::ForeignKey { ref_table, .. } = &mut c.kind {
                    if let Some(to) = tables.get(&*ref_table) {
                        *ref_table = (*to).clone();
                    }
                }
            }
        }
        for t in s.triggers.values_mut() {
            if let Some(to) = tables.get(&t.table) {
                t.table = (*to).clone();
            }
        }
        s.triggers = std::mem::take(&mut s.triggers).into_values().map(|t| ((t.table.clone(), t.name.clone()), t)).collect();
        for seq in s.sequences.values_mut() {
            if let Some((t, _)) = &mut seq.owned_by {
                if let Some(to) = tables.get(&*t) {
                    *t = (*to).clone();
                }
            }
        }
    }
    rename_sequences(&mut s, &renames.sequences_by_engine);
    rename_sequences(&mut s, &renames.sequences);
    rename_enum_values(&mut s, &renames.values);
    // Index, constraint and column renames, table by table in their order.
    let mut by_table: BTreeMap<&QName, Vec<&Rename>> = BTreeMap::new();
    for r in renames.entries.iter().chain(&renames.by_engine).filter(|e| !matches!(e.kind, RenameKind::Table | RenameKind::Sequence)) {
        by_table.entry(&r.table_to).or_default().push(r);
    }
    let mut columns: HashMap<&QName, Vec<(&str, &str)>> = HashMap::new();
    for (table_name, list) in &by_table {
        for r in list.iter().filter(|r| r.kind == RenameKind::Column) {
            columns.entry(*table_name).or_default().push((r.from.as_str(), r.to.as_str()));
        }
        let Some(t) = s.tables.get_mut(*table_name) else { continue };
        for r in list {
            match r.kind {
                RenameKind::Column => {
                    rename_column(t, &r.from, &r.to);
                    // Renamed, the column is spelled as the schema reached writes it (the
                    // statement renaming it writes that spelling): no case change is left.
                    t.column_spellings.remove(&r.from);
                    match to.tables.get(*table_name).and_then(|a| a.column_spellings.get(&r.to)) {
                        Some(spelled) => t.column_spellings.insert(r.to.clone(), spelled.clone()),
                        None => t.column_spellings.remove(&r.to),
                    };
                }
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
                RenameKind::Table | RenameKind::Sequence => {}
            }
        }
        t.canonicalize();
    }
    if !columns.is_empty() {
        for t in s.tables.values_mut() {
            let mut changed = false;
            for c in &mut t.constraints {
                if let ConstraintKind::ForeignKey { ref_table, ref_columns, .. } = &mut c.kind {
                    for (from, to) in columns.get(&*ref_table).into_iter().flatten() {
                        changed |= rename_in(ref_columns, from, to);
                    }
                }
            }
            // Unnamed constraints sort by their definition, which changed.
            if changed {
                t.canonicalize();
            }
        }
        for seq in s.sequences.values_mut() {
            if let Some((t, c)) = &mut seq.owned_by {
                for (from, to) in columns.get(&*t).into_iter().flatten() {
                    if c == from {
                        *c = to.to_string();
                    }
                }
            }
        }
    }
    super::opaque::rename_grants(&mut s, renames);
    s
}

/// Sequences under their new names, in order, and the `nextval` defaults that read them.
fn rename_sequences(s: &mut Schema, renames: &[(QName, QName)]) {
    if renames.is_empty() {
        return;
    }
    for (old, new) in renames {
        if let Some(mut seq) = s.sequences.remove(old) {
            seq.name = new.clone();
            s.sequences.insert(new.clone(), seq);
        }
    }
    // A default follows every rename of its sequence in turn (a later rename may take the name
    // an earlier one gave): the renames of each old `nextval` text, by position.
    let mut by_text: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    for (i, (old, new)) in renames.iter().enumerate() {
        by_text.entry(crate::parse::defaults::nextval(old)).or_default().push((i, crate::parse::defaults::nextval(new)));
    }
    for t in s.tables.values_mut() {
        for c in t.columns.iter_mut() {
            let Some(default) = &c.default else { continue };
            let mut now = default.clone();
            let mut after = 0;
            while let Some((i, next)) = by_text.get(&now).and_then(|list| list.iter().find(|(i, _)| *i >= after)) {
                after = i + 1;
                now = next.clone();
            }
            // A `nextval` inside a larger expression (`'ORD-' || nextval(...)::text`) follows too:
            // PostgreSQL stores the sequence, not its name. (Rare: a scan of the renames.)
            if now == *default && !by_text.contains_key(&now) && now.contains("nextval(") {
                for (old, new) in renames {
                    for (was, is) in nextval_forms(old).into_iter().zip(nextval_forms(new)) {
                        if now.contains(&was) {
                            now = now.replace(&was, &is);
                        }
                    }
                }
            }
            if now != *default {
                c.default = Some(now);
            }
        }
    }
}

/// How an expression calls `nextval` of sequence `q`: with the `::regclass` cast a whole default
/// is stored with, and without it, as written inside a larger expression.
fn nextval_forms(q: &QName) -> [String; 2] {
    let cast = crate::parse::defaults::nextval(q);
    let bare = cast.strip_suffix("::regclass)").map_or_else(|| cast.clone(), |b| format!("{b})"));
    [cast, bare]
}

/// Rename `from` to `to` in `list`: whether it was there.
fn rename_in(list: &mut [String], from: &str, to: &str) -> bool {
    let mut found = false;
    for c in list.iter_mut().filter(|c| *c == from) {
        *c = to.to_string();
        found = true;
    }
    found
}

fn rename_column(t: &mut Table, from: &str, to: &str) {
    if let Some(c) = t.column_mut(from) {
        c.name = to.to_string();
    }
    for c in &mut t.constraints {
        match &mut c.kind {
            ConstraintKind::PrimaryKey { columns }
            | ConstraintKind::Unique { columns, .. }
            | ConstraintKind::ForeignKey { columns, .. } => {
                rename_in(columns, from, to);
            }
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
