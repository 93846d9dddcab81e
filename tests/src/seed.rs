//! The data check: put a few rows in every table of BEFORE, and after each migration make sure
//! the rows of the tables and columns the change kept are still there, unchanged.
//!
//! Values are made up from the column types (numbers, strings cut to the declared length,
//! dates, UUIDs, JSON, enum labels...). Parents are seeded before the tables that reference
//! them, and every table gets the same numbers 1, 2, 3, so integer foreign keys find their
//! rows. A row that the engine refuses is tried again with defaults and NULLs; a table where
//! no row goes in is skipped and reported, never failed.

use crate::catalog::{Catalog, TableShape};
use crate::engine::{Database, Row, SeedColumn, SeedTable};
use crate::renames::Renames;
use schemashift::Dialect;
use std::collections::{BTreeMap, BTreeSet};

/// Rows seeded into one table, read back from the engine (defaults and generated values
/// included), with the column types at seeding time.
#[derive(Clone, Debug)]
pub struct Seeded {
    /// The table's name as the engine stores it.
    pub name: String,
    pub sql_name: String,
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Default)]
pub struct SeedReport {
    pub tables: BTreeMap<String, Seeded>,
    /// Tables where no row could be inserted, with the engine's reason.
    pub skipped: Vec<(String, String)>,
}

const ROWS: usize = 3;

/// Rows a plan moves between a table and a partitioned parent: a table attached as a partition
/// brings its rows into the parent (and the parent's ancestors); one detached takes them out
/// (`joins: false`). `roundtrip::declared_moves` reads them from the plan's steps.
#[derive(Clone, Debug)]
pub struct Move {
    pub parent: schemashift::model::QName,
    pub table: schemashift::model::QName,
    pub joins: bool,
}

/// What the plan declares about the seeded rows: the tables that may lose rows
/// (`roundtrip::declared_losses`) and the rows it moves, per direction (up, down).
#[derive(Clone, Debug, Default)]
pub struct Declared {
    pub lost: Vec<schemashift::model::QName>,
    pub moves: [Vec<Move>; 2],
}

/// Seed every table of the database.
pub fn seed(db: &mut dyn Database, dialect: Dialect) -> Result<SeedReport, String> {
    let tables = db.seed_tables()?;
    let mut report = SeedReport::default();
    let mut seeded = Vec::new();
    for t in order(tables) {
        let mut inserted = 0;
        let mut last_err = String::new();
        for i in 1..=ROWS {
            match insert_row(db, dialect, &t, i) {
                Ok(()) => inserted += 1,
                Err(e) => last_err = e,
            }
        }
        if inserted == 0 {
            report.skipped.push((t.key.clone(), crate::engine::first_line(&last_err)));
            continue;
        }
        seeded.push(t);
    }
    // Read back once every table is seeded: a trigger of a later table may change the rows of
    // an earlier one (an AFTER INSERT that updates a parent's total).
    for t in seeded {
        let columns: Vec<(String, String)> = t.columns.iter().map(|c| (c.name.clone(), c.type_name.clone())).collect();
        let names: Vec<String> = columns.iter().map(|c| c.0.clone()).collect();
        let rows = read_rows(db, dialect, &t.sql_name, &names)?;
        report.tables.insert(t.key.clone(), Seeded { name: t.name.clone(), sql_name: t.sql_name.clone(), columns, rows });
    }
    Ok(report)
}

/// Parents before children; cycles broken in name order.
fn order(tables: Vec<SeedTable>) -> Vec<SeedTable> {
    let keys: BTreeSet<String> = tables.iter().map(|t| t.key.clone()).collect();
    let resolve = |p: &str| -> Option<String> {
        if keys.contains(p) {
            Some(p.to_string())
        } else {
            keys.iter().find(|k| k.eq_ignore_ascii_case(p)).cloned()
        }
    };
    let mut pending: Vec<SeedTable> = tables;
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    while !pending.is_empty() {
        let ready = pending.iter().position(|t| t.parents.iter().filter_map(|p| resolve(p)).all(|p| p == t.key || done.contains(&p)));
        let idx = ready.unwrap_or(0);
        let t = pending.remove(idx);
        done.insert(t.key.clone());
        out.push(t);
    }
    out
}

fn insert_row(db: &mut dyn Database, dialect: Dialect, t: &SeedTable, i: usize) -> Result<(), String> {
    let mut last = String::new();
    // 1: every column a value; 2: defaults left to the engine; 3: also NULL where allowed.
    for variant in 1..=3 {
        let mut cols = Vec::new();
        let mut vals = Vec::new();
        let partition = if t.partition_rows.is_empty() { None } else { Some(&t.partition_rows[(i - 1) % t.partition_rows.len()]) };
        for c in &t.columns {
            let key_value = partition.and_then(|p| p.iter().find(|(k, _)| *k == c.name)).map(|(_, v)| v.clone());
            if key_value.is_none() && (c.engine_filled || (variant >= 2 && c.has_default) || (variant == 3 && c.nullable)) {
                continue;
            }
            cols.push(db.quote(&c.name));
            vals.push(key_value.unwrap_or_else(|| value(c, i, dialect)));
        }
        let sql = if cols.is_empty() {
            match dialect {
                Dialect::Mysql => format!("INSERT INTO {} () VALUES ()", t.sql_name),
                _ => format!("INSERT INTO {} DEFAULT VALUES", t.sql_name),
            }
        } else {
            format!("INSERT INTO {} ({}) VALUES ({})", t.sql_name, cols.join(", "), vals.join(", "))
        };
        match db.execute(&sql) {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// The declared length of `varchar(10)`-like types.
fn length(type_name: &str) -> Option<usize> {
    let open = type_name.find('(')?;
    let close = type_name[open..].find(')')? + open;
    type_name[open + 1..close].split(',').next()?.trim().parse().ok()
}

fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A literal for row `i` of a column.
pub fn value(c: &SeedColumn, i: usize, dialect: Dialect) -> String {
    let t = c.type_name.as_str();
    if !c.labels.is_empty() {
        return quoted(&c.labels[(i - 1) % c.labels.len()]);
    }
    let text = |n: Option<usize>| {
        let s = format!("{i}_seed");
        quoted(&s.chars().take(n.unwrap_or(64).max(1)).collect::<String>())
    };
    if dialect == Dialect::Sqlite {
        let upper = t.to_ascii_uppercase();
        return if upper.contains("INT") {
            i.to_string()
        } else if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") {
            text(None)
        } else if upper.contains("BLOB") {
            format!("x'0{i}'")
        } else if upper.contains("DATE") || upper.contains("TIME") {
            quoted(&format!("2020-01-0{i} 10:00:00"))
        } else {
            i.to_string()
        };
    }
    if t.ends_with("[]") {
        return "'{}'".to_string();
    }
    let starts = |p: &[&str]| p.iter().any(|x| t.starts_with(x));
    if starts(&["interval"]) {
        quoted(&format!("{i} days"))
    } else if starts(&["int", "smallint", "bigint", "tinyint", "mediumint", "serial", "bigserial", "smallserial", "oid"])
        || starts(&["numeric", "decimal", "real", "double", "float", "money", "fixed", "dec"])
    {
        i.to_string()
    } else if starts(&["bool"]) {
        if dialect == Dialect::Postgres {
            (if i % 2 == 1 { "true" } else { "false" }).to_string()
        } else {
            (i % 2).to_string()
        }
    } else if starts(&[
        "character",
        "char",
        "varchar",
        "nchar",
        "nvarchar",
        "national",
        "text",
        "tinytext",
        "mediumtext",
        "longtext",
        "citext",
        "name",
        "string",
        "clob",
    ]) {
        text(length(t))
    } else if starts(&["uuid"]) {
        quoted(&format!("00000000-0000-4000-8000-00000000000{i}"))
    } else if starts(&["jsonb", "json"]) {
        quoted(&format!("{{\"seed\": {i}}}"))
    } else if starts(&["timestamp", "datetime"]) {
        quoted(&format!("2020-01-0{i} 10:00:00"))
    } else if starts(&["date"]) {
        quoted(&format!("2020-01-0{i}"))
    } else if starts(&["time"]) {
        quoted(&format!("10:00:0{i}"))
    } else if starts(&["year"]) {
        (2020 + i).to_string()
    } else if starts(&["bytea"]) {
        quoted(&format!("\\x0{i}"))
    } else if starts(&["blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary"]) {
        quoted(&format!("b{i}"))
    } else if starts(&["bit varying", "varbit"]) {
        "B'1'".to_string()
    } else if starts(&["bit"]) {
        match dialect {
            Dialect::Postgres => format!("B'{}'", "1".repeat(length(t).unwrap_or(1))),
            _ => "b'1'".to_string(),
        }
    } else if starts(&["inet"]) {
        quoted(&format!("10.0.0.{i}"))
    } else if starts(&["cidr"]) {
        quoted(&format!("10.0.{i}.0/24"))
    } else if starts(&["macaddr"]) {
        quoted(&format!("08:00:2b:01:02:0{i}"))
    } else if starts(&["xml"]) {
        quoted("<seed/>")
    } else if starts(&["tsvector", "tsquery"]) {
        quoted("seed")
    } else if starts(&["point"]) && dialect == Dialect::Postgres {
        quoted(&format!("({i},{i})"))
    } else {
        // Domains, custom types...: a number is a plausible value for most.
        quoted(&i.to_string())
    }
}

fn read_rows(db: &mut dyn Database, dialect: Dialect, sql_name: &str, columns: &[String]) -> Result<Vec<Row>, String> {
    let only = only(db, dialect, sql_name)?;
    let sql_name = &format!("{only}{sql_name}");
    if columns.is_empty() {
        let n = db.query(&format!("SELECT COUNT(*) FROM {sql_name}"))?;
        let count: usize = n.first().and_then(|r| r.first().cloned().flatten()).and_then(|s| s.parse().ok()).unwrap_or(0);
        return Ok(vec![Vec::new(); count]);
    }
    let list: Vec<String> = columns.iter().map(|c| db.as_text(&db.quote(c))).collect();
    let mut rows = db.query(&format!("SELECT {} FROM {sql_name}", list.join(", ")))?;
    rows.sort();
    Ok(rows)
}

/// PostgreSQL: `ONLY ` before a plain table's name, so that the rows of a table are its own and
/// not also its inheritance children's (`ALTER TABLE child INHERIT parent` adds none to the
/// parent). A partitioned table has no rows of its own: read whole.
fn only(db: &mut dyn Database, dialect: Dialect, sql_name: &str) -> Result<&'static str, String> {
    if dialect != Dialect::Postgres {
        return Ok("");
    }
    let kind =
        db.query(&format!("SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = '{}'::regclass", sql_name.replace('\'', "''")))?;
    let partitioned = kind.first().and_then(|r| r.first().cloned().flatten()).as_deref() == Some("p");
    Ok(if partitioned { "" } else { "ONLY " })
}

/// Check that the seeded rows are still there in every table that `now` (and `via`, when
/// given: the schema the rows went through on the way) still has, in the columns still there
/// with the same type. Tables and columns are followed through the case's rename hints: `now`
/// is named as AFTER when `now_renamed`, `via` always is. A generated column is kept only where
/// its expression is the one it had in `seeded_in` (the catalog the rows went into): the engine
/// recomputes it, a column that becomes generated or changes expression takes new values by
/// design. The rows of the first `moved` directions' moves (`Declared::moves`) are added to or
/// taken from their parents'. Returns the number of tables checked.
#[allow(clippy::too_many_arguments)]
pub fn check(
    db: &mut dyn Database,
    report: &SeedReport,
    (dialect, declared, moved): (Dialect, &Declared, usize),
    renames: &Renames,
    seeded_in: &Catalog,
    now: &Catalog,
    now_renamed: bool,
    via: Option<&Catalog>,
) -> Result<usize, String> {
    let nocase = dialect == Dialect::Sqlite;
    let mut checked = 0;
    for (key, seeded) in &report.tables {
        let after_name = renames.table_after(&seeded.name, dialect);
        // (A hint may keep the name and move the table to another schema.)
        let renamed_table = after_name != seeded.name || renames.tables.iter().any(|(o, n)| o == n && *o == seeded.name);
        let find = |cat: &'_ Catalog, renamed: bool| -> Option<TableShape> {
            if renamed && renamed_table {
                cat.table_named(&after_name, nocase).cloned()
            } else {
                cat.tables.get(key).cloned()
            }
        };
        let Some(now_t) = find(now, now_renamed) else { continue };
        let via_t = match via {
            Some(v) => match find(v, true) {
                Some(t) => Some(t),
                None => continue,
            },
            None => None,
        };
        // Kept columns: present, with the same type and generation, wherever the rows have been.
        let start = seeded_in.tables.get(key);
        let mut kept: Vec<(usize, String)> = Vec::new();
        let mut recomputed = false;
        for (i, (name, ty)) in seeded.columns.iter().enumerate() {
            let renamed = renames.column_after(&after_name, name, dialect);
            let now_name = if now_renamed { renamed.clone() } else { name.clone() };
            let generation = start.and_then(|t| t.generated.get(name));
            let same_generation = |t: &TableShape, col: &str| !t.columns.contains_key(col) || t.generated.get(col) == generation;
            if !same_generation(&now_t, &now_name) || via_t.as_ref().is_some_and(|v| !same_generation(v, &renamed)) {
                recomputed = true;
            }
            let same = |t: &TableShape, col: &str| {
                t.columns.get(col).is_some_and(|t| t.eq_ignore_ascii_case(ty)) && t.generated.get(col) == generation
            };
            if same(&now_t, &now_name) && via_t.as_ref().is_none_or(|v| same(v, &renamed)) {
                kept.push((i, now_name));
            }
        }
        // A column that became generated or changed its expression may be what another
        // generated column reads: the table's generated columns are all recomputed then.
        if recomputed {
            kept.retain(|(i, _)| start.is_none_or(|t| !t.generated.contains_key(&seeded.columns[*i].0)));
        }
        let names: Vec<String> = kept.iter().map(|(_, n)| n.clone()).collect();
        let got = read_rows(db, dialect, &now_t.sql_name, &names)?;
        // A label the history renamed holds its new name once renamed (`now_renamed`).
        let label = |i: usize, v: &Option<String>| match v {
            Some(v) if now_renamed => Some(renames.value_after(&seeded.columns[i].1, v).map_or_else(|| v.clone(), str::to_string)),
            _ => v.clone(),
        };
        let mut want: Vec<Row> = seeded.rows.iter().map(|r| kept.iter().map(|(i, _)| label(*i, &r[*i])).collect()).collect();
        // Rows moved in or out of this table with a partition (net over the directions run):
        // one that joins brings its seeded rows, one that leaves takes the rows it holds now.
        let mut net: BTreeMap<&schemashift::model::QName, i32> = BTreeMap::new();
        for m in declared.moves.iter().take(moved).flatten().filter(|m| is_table(&m.parent, key, &seeded.name, dialect)) {
            *net.entry(&m.table).or_default() += if m.joins { 1 } else { -1 };
        }
        for (table, n) in net.into_iter().filter(|(_, n)| *n != 0) {
            let child = report.tables.iter().find(|(k, s)| is_table(table, k, &s.name, dialect)).map(|(_, s)| s);
            let rows: Vec<Row> = match child {
                Some(child) if n > 0 => {
                    let at: Option<Vec<usize>> =
                        kept.iter().map(|(i, _)| child.columns.iter().position(|(c, _)| *c == seeded.columns[*i].0)).collect();
                    let Some(at) = at else { continue };
                    child.rows.iter().map(|r| at.iter().map(|j| r[*j].clone()).collect()).collect()
                }
                _ => {
                    let Some((_, t)) = now.tables.iter().find(|(k, t)| is_table(table, k, &t.name, dialect)) else { continue };
                    read_rows(db, dialect, &t.sql_name, &names)?
                }
            };
            for row in rows {
                if n > 0 {
                    want.push(row);
                } else if let Some(p) = want.iter().position(|w| *w == row) {
                    want.remove(p);
                }
            }
        }
        want.sort();
        // Rows the plan declares lost (a dropped partition's leave its parent): a subset is fine.
        let lost = declared.lost.iter().any(|q| is_table(q, key, &seeded.name, dialect));
        if got != want && !(lost && is_sub_multiset(&got, &want)) {
            return Err(format!(
                "rows of {} changed (columns {}): had {} rows {}, now {} rows {}",
                now_t.sql_name,
                names.join(", "),
                want.len(),
                crate::shorten(&format!("{want:?}"), 200),
                got.len(),
                crate::shorten(&format!("{got:?}"), 200)
            ));
        }
        checked += 1;
    }
    Ok(checked)
}

/// Whether `q` names the seeded table under catalog `key`. A PostgreSQL key is
/// `quote_ident(schema).quote_ident(name)`; the other engines' keys name the table alone.
fn is_table(q: &schemashift::model::QName, key: &str, name: &str, dialect: Dialect) -> bool {
    let schema = match dialect {
        Dialect::Postgres => {
            let head = key.strip_suffix(name).or_else(|| key.rsplit_once(".\"").map(|(h, _)| h)).unwrap_or(key);
            let head = head.strip_suffix('.').unwrap_or(head);
            Some(head.strip_prefix('"').and_then(|h| h.strip_suffix('"')).map_or(head.to_string(), |h| h.replace("\"\"", "\"")))
        }
        _ => None,
    };
    q.name == name && schema.as_ref().is_none_or(|s| *s == q.schema)
}

/// Whether every row of `got` is in `want` (both sorted), as many times at most.
fn is_sub_multiset(got: &[Row], want: &[Row]) -> bool {
    let mut rest = want.iter().peekable();
    got.iter().all(|g| loop {
        match rest.next() {
            Some(w) if w == g => break true,
            Some(w) if w < g => continue,
            _ => break false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: &[&str]) -> Row {
        v.iter().map(|s| Some(s.to_string())).collect()
    }

    #[test]
    fn a_declared_loss_accepts_missing_rows_never_changed_ones() {
        let want = vec![row(&["1", "a"]), row(&["2", "b"]), row(&["2", "b"])];
        assert!(is_sub_multiset(&[row(&["2", "b"])], &want));
        assert!(is_sub_multiset(&[row(&["1", "a"]), row(&["2", "b"]), row(&["2", "b"])], &want));
        assert!(!is_sub_multiset(&[row(&["2", "c"])], &want));
        assert!(!is_sub_multiset(&[row(&["1", "a"]), row(&["1", "a"])], &want));
        let seeded = Seeded { name: "Logs".into(), sql_name: "public.\"Logs\"".into(), columns: vec![], rows: vec![] };
        let lossy = schemashift::model::QName::new("public", "Logs");
        assert!(is_table(&lossy, "public.\"Logs\"", &seeded.name, Dialect::Postgres));
        assert!(!is_table(&lossy, "other.\"Logs\"", &seeded.name, Dialect::Postgres));
        assert!(is_table(&lossy, "Logs", &seeded.name, Dialect::Mysql));
    }
}
