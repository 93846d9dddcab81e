//! Choosing how a backed-up row is found again: the table's primary key when every one of its
//! columns survives the migration unchanged (same type, possibly renamed), else the whole row:
//! every column that survives unchanged and whose type has an equality (not PostgreSQL
//! `json`, `xml` or geometric types), compared NULL-safe. Rows identical in all those columns
//! cannot be told apart; the runbook says so.

use super::Key;
use crate::model::{DataType, Table};
use crate::Dialect;

/// `old`: the table as BEFORE has it; `new`: as AFTER has it; `to_new`: AFTER's name of a
/// BEFORE column; `excluded`: the columns being backed up (BEFORE names).
pub fn find_key(d: Dialect, old: &Table, new: &Table, to_new: &dyn Fn(&str) -> String, excluded: &[&str]) -> Option<Key> {
    let kept = |name: &str| -> Option<String> {
        if excluded.contains(&name) {
            return None;
        }
        let oc = old.column(name)?;
        let nn = to_new(name);
        let nc = new.column(&nn)?;
        (nc.data_type == oc.data_type).then_some(nn)
    };
    let pk = old.primary_key_columns();
    if !pk.is_empty() {
        let current: Option<Vec<String>> = pk.iter().map(|p| kept(p)).collect();
        if let Some(current) = current {
            return Some(Key { columns: pk.to_vec(), current, primary: true });
        }
    }
    let mut columns = Vec::new();
    let mut current = Vec::new();
    for c in &old.columns {
        if c.generated.is_some() || !comparable(d, &c.data_type) {
            continue;
        }
        if let Some(nn) = kept(&c.name) {
            columns.push(c.name.clone());
            current.push(nn);
        }
    }
    (!columns.is_empty()).then_some(Key { columns, current, primary: false })
}

fn comparable(d: Dialect, t: &DataType) -> bool {
    d != Dialect::Postgres || !matches!(t.base.as_str(), "json" | "xml" | "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle")
}
