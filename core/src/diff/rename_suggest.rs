//! Likely renames the differ notices but does not apply (`RenameSuggestion`): shown to the
//! user, answered by a hint, `--rename` or `--not-rename` (`renames.rs` applies the answers).

use super::renames::RenameSuggestion;
use crate::model::{DataType, QName, RenameKind, Schema, Table};
use std::collections::{HashMap, HashSet};

/// Likely renames: in a table present on both sides, a dropped column and the one added column
/// of its type — or, among several added ones, the one whose name is a typo of its name
/// (`rename_typos::near`), whatever its type; a dropped and an added table with the same
/// columns. (Names and shapes are looked up, not compared pairwise: n log n in the tables and
/// columns, times the few added columns of a table.)
///
/// `sides`: what `diff_tables` found comparing these two schemas (the tables it found equal
/// are skipped, the added and dropped ones not looked for again); `None` walks every table.
pub(super) fn suggest(from: &Schema, to: &Schema, sides: Option<&super::TableSides<'_>>) -> Vec<RenameSuggestion> {
    let mut out = Vec::new();
    let both: Box<dyn Iterator<Item = (&QName, &Table, &Table)>> = match sides {
        Some(sides) => Box::new(sides.changed.iter().filter_map(|n| Some((*n, from.tables.get(*n)?, to.tables.get(*n)?)))),
        None => Box::new(to.tables.iter().filter_map(|(n, tt)| Some((n, from.tables.get(n)?, tt)))),
    };
    for (name, ft, tt) in both {
        // The same column names in the same order (most tables): nothing dropped, no hash sets.
        if ft.columns.len() == tt.columns.len() && ft.columns.iter().zip(&tt.columns).all(|(a, b)| a.name == b.name) {
            continue;
        }
        let (fnames, tnames): (HashSet<&str>, HashSet<&str>) =
            (ft.columns.iter().map(|c| c.name.as_str()).collect(), tt.columns.iter().map(|c| c.name.as_str()).collect());
        let dropped = ft.columns.iter().filter(|c| !tnames.contains(c.name.as_str()));
        let mut added: HashMap<&DataType, Vec<&str>> = HashMap::new();
        for a in tt.columns.iter().filter(|c| !fnames.contains(c.name.as_str())) {
            added.entry(&a.data_type).or_default().push(a.name.as_str());
        }
        let added_names: Vec<&str> = tt.columns.iter().filter(|c| !fnames.contains(c.name.as_str())).map(|c| c.name.as_str()).collect();
        for d in dropped {
            let same_type = added.get(&d.data_type).map(Vec::as_slice).unwrap_or_default();
            let near_one = |names: &[&str]| -> Option<String> {
                let mut near = names.iter().filter(|a| super::rename_typos::near(&d.name, a));
                match (near.next(), near.next()) {
                    (Some(a), None) => Some(a.to_string()),
                    _ => None,
                }
            };
            // A near name first (of the same type, then of any type: a typo and a type change at
            // once, bounded so a wide table renamed wholesale stays linear), else the one added
            // column of the same type.
            let pick = near_one(same_type).or_else(|| if added_names.len() <= 64 { near_one(&added_names) } else { None }).or_else(|| {
                match same_type {
                    [a] => Some(a.to_string()),
                    _ => None,
                }
            });
            if let Some(a) = pick {
                out.push(RenameSuggestion {
                    kind: RenameKind::Column,
                    table: name.clone(),
                    from: d.name.clone(),
                    to: a.to_string(),
                    option: format!("{}.{}={}", name, d.name, a),
                });
            }
        }
    }
    let shape = |t: &Table| t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect::<Vec<_>>();
    type Named<'t> = Vec<(&'t QName, &'t Table)>;
    let (added_tables, dropped_tables): (Named, Named) = match sides {
        Some(sides) => (
            sides.added.iter().filter_map(|n| Some((*n, to.tables.get(*n)?))).collect(),
            sides.dropped.iter().filter_map(|n| Some((*n, from.tables.get(*n)?))).collect(),
        ),
        None => (
            to.tables.iter().filter(|(n, _)| !from.tables.contains_key(*n)).collect(),
            from.tables.iter().filter(|(n, _)| !to.tables.contains_key(*n)).collect(),
        ),
    };
    let mut added: HashMap<Vec<(String, DataType)>, Vec<&QName>> = HashMap::new();
    for (n, t) in &added_tables {
        added.entry(shape(t)).or_default().push(n);
    }
    let table_suggestion = |fname: &QName, tname: &QName| RenameSuggestion {
        kind: RenameKind::Table,
        table: tname.clone(),
        from: fname.name.clone(),
        to: tname.name.clone(),
        option: format!("{}={}", fname, tname),
    };
    let mut paired: HashSet<&QName> = HashSet::new();
    let mut unpaired = Vec::new();
    for (fname, ft) in &dropped_tables {
        match added.get(&shape(ft)).map(Vec::as_slice) {
            Some([tname]) => {
                out.push(table_suggestion(fname, tname));
                paired.insert(*tname);
            }
            _ => unpaired.push(*fname),
        }
    }
    // Otherwise a dropped table and an added one whose names are a typo apart (or the same name
    // in another schema), each the other's only such name: whatever their columns, likely the
    // same table renamed, and dropping it loses its rows.
    let open: Vec<&QName> = added_tables.iter().map(|(n, _)| *n).filter(|n| !paired.contains(n)).collect();
    if !open.is_empty() && !unpaired.is_empty() && open.len() * unpaired.len() <= 4096 {
        let near = |a: &QName, b: &QName| super::rename_typos::near(&a.name, &b.name);
        for fname in &unpaired {
            let mut to = open.iter().filter(|t| near(fname, t));
            if let (Some(tname), None) = (to.next(), to.next()) {
                if unpaired.iter().filter(|f| near(f, tname)).count() == 1 {
                    out.push(table_suggestion(fname, tname));
                }
            }
        }
    }
    // Otherwise (PostgreSQL) a dropped table and an added one whose primary keys have the same
    // name, the added one's not its own implicit `<table>_pkey`: `ALTER TABLE old RENAME TO new`
    // keeps the key's name, so a dump of the renamed table still says `old_pkey` (a new table
    // would name its own). Each must be the other's only such table.
    if from.dialect == crate::Dialect::Postgres {
        let suggested: HashSet<String> = out.iter().filter(|s| s.kind == RenameKind::Table).map(|s| s.from.clone()).collect();
        let pkey = |t: &Table| t.primary_key().and_then(|k| k.name.clone());
        let mut by_pkey: HashMap<(&str, String), Vec<&QName>> = HashMap::new();
        for (n, t) in added_tables.iter().filter(|(n, _)| !paired.contains(n)) {
            if let Some(k) = pkey(t).filter(|k| *k != format!("{}_pkey", n.name)) {
                by_pkey.entry((n.schema.as_str(), k)).or_default().push(n);
            }
        }
        let mut dropped_by_pkey: HashMap<(&str, String), usize> = HashMap::new();
        for (n, t) in &dropped_tables {
            if let Some(k) = pkey(t) {
                *dropped_by_pkey.entry((n.schema.as_str(), k)).or_default() += 1;
            }
        }
        for (fname, ft) in dropped_tables.iter().filter(|(n, _)| unpaired.contains(n) && !suggested.contains(&n.name)) {
            let Some(k) = pkey(ft) else { continue };
            let key = (fname.schema.as_str(), k);
            if let (Some([tname]), Some(1)) = (by_pkey.get(&key).map(Vec::as_slice), dropped_by_pkey.get(&key)) {
                out.push(table_suggestion(fname, tname));
            }
        }
    }
    // Sequences a typo apart (`sequence_typos.rs`).
    out.extend(super::sequence_typos::suggest(from, to));
    out
}
