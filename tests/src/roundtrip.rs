//! The round trip that proves a migration on a real engine.
//!
//! 1. AFTER applied to a fresh database: its catalog is the target of `up`.
//! 2. BEFORE applied to a fresh database: its catalog is the target of `down`; rows seeded.
//! 3. The migration generated from the two texts; `up` applied; the catalog must equal (1),
//!    and the seeded rows of kept tables and columns must still be there.
//! 4. `down` applied; the catalog must equal (2), rows checked again.
//!
//! A case whose BEFORE or AFTER does not apply to the engine is inapplicable (e.g. syntax of a
//! newer version). When `up` fails only because the seeded rows conflict with AFTER (a new
//! CHECK, a NOT NULL column without default), the round trip is redone without rows and the
//! data check is reported as not possible.

use crate::catalog::{summarize, Catalog};
use crate::engine::{first_line, Database, Engine};
use crate::seed::{self, Declared, Move, SeedReport};
use crate::split::{split, Flavor};
use schemashift::model::QName;
use schemashift::{Dialect, Options};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// One case: two schemas of one dialect.
#[derive(Clone, Debug)]
pub struct Case {
    pub id: String,
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
    /// PostgreSQL roles the SQL names.
    pub roles: Vec<String>,
    /// A database name the SQL hard-codes (MariaDB `mysqldef_test`).
    pub database: Option<String>,
}

/// A generated migration, with the parser's first error (if any) to explain a failure.
#[derive(Clone, Debug, Default)]
pub struct Generated {
    pub up: String,
    pub down: String,
    pub note: Option<String>,
    /// Tables whose rows the plan says it loses (`declared_losses`): the data check accepts
    /// rows missing from them, never rows changed or added; and the rows it moves between a
    /// table and a partitioned parent (`declared_moves`).
    pub lossy: Declared,
    /// Per direction (up, down): the plan says it may stop on existing rows (`predicts_failure`).
    pub predicted: [bool; 2],
}

/// What produces the migration.
pub type Generator = dyn Fn(&Case) -> Result<Generated, String> + Send + Sync;

/// schemashift itself, default options for the dialect. Error diagnostics do not fail the
/// case by themselves (the engine judges the result); they are quoted when it fails.
pub fn schemashift_generator(case: &Case) -> Result<Generated, String> {
    generate_with(case, Options::new(case.dialect))
}

/// schemashift with `--zero-downtime`.
pub fn zero_downtime_generator(case: &Case) -> Result<Generated, String> {
    let mut options = Options::new(case.dialect);
    options.zero_downtime = true;
    generate_with(case, options)
}

fn generate_with(case: &Case, options: Options) -> Result<Generated, String> {
    let m = catch_unwind(AssertUnwindSafe(|| schemashift::generate(&case.before, &case.after, &options)))
        .map_err(|p| format!("schemashift panicked: {}", panic_text(&p)))?;
    let note = m
        .diagnostics
        .iter()
        .find(|d| d.diagnostic.is_error())
        .map(|d| format!("schemashift reported an error in {:?}: {}", d.side, d.diagnostic));
    let predicted = [predicts_failure(&m, &m.up), predicts_failure(&m, &m.down)];
    let moves = [declared_moves(&m.up, &m.before, &m.after), declared_moves(&m.down, &m.after, &m.before)];
    Ok(Generated { up: m.up_sql(), down: m.down_sql(), note, lossy: Declared { lost: declared_losses(&m), moves }, predicted })
}

/// Whether the plan says a direction may stop on rows the tables hold: the result is blocked,
/// or one of its steps carries a high or critical note (a narrowing, a new NOT NULL, CHECK or
/// unique key on existing rows, a removed member...). A script that fails on the seeded rows
/// without such a note fails the case: the user had no warning.
pub fn predicts_failure(m: &schemashift::Migration, steps: &[schemashift::plan::Step]) -> bool {
    use schemashift::risk::RiskSeverity;
    m.is_blocked() || steps.iter().flat_map(|s| &s.risks).any(|r| r.severity <= RiskSeverity::High)
}

/// The kept tables whose rows the plan declares lost: the parents (partitioned or inheritance,
/// up to the root) of a table a step drops under a high or critical data-loss note (a dropped
/// partition takes its rows out of its parent). A loss the plan does not declare fails the case.
pub fn declared_losses(m: &schemashift::Migration) -> Vec<QName> {
    use schemashift::risk::RiskSeverity;
    let mut out: Vec<QName> = Vec::new();
    for step in m.up.iter().chain(&m.down) {
        let schemashift::diff::Change::DropTable { table } = &step.change else { continue };
        if !step.risks.iter().any(|r| r.data_loss && r.severity <= RiskSeverity::High) {
            continue;
        }
        let mut pending = vec![table.clone()];
        while let Some(t) = pending.pop() {
            for p in t.options.partition_of.iter().map(|p| &p.parent).chain(&t.options.inherits) {
                if !out.contains(p) {
                    out.push(p.clone());
                    pending.extend(m.before.tables.get(p).or_else(|| m.after.tables.get(p)).cloned());
                }
            }
        }
    }
    out
}

/// The rows a direction's steps move (PostgreSQL): a table attached as a partition joins its
/// parent and the parent's ancestors with its rows, one detached (by itself, or while its
/// parent is re-created: `HoldRows`) leaves them with its rows.
pub fn declared_moves(steps: &[schemashift::plan::Step], from: &schemashift::model::Schema, to: &schemashift::model::Schema) -> Vec<Move> {
    use schemashift::diff::Change;
    let mut out = Vec::new();
    let mut push = |parent: &QName, table: &QName, joins: bool, s: &schemashift::model::Schema| {
        let mut p = Some(parent.clone());
        while let Some(q) = p {
            p = s.tables.get(&q).and_then(|t| t.options.partition_of.as_ref()).map(|x| x.parent.clone()).filter(|x| *x != q);
            out.push(Move { parent: q, table: table.clone(), joins });
        }
    };
    for step in steps {
        match &step.change {
            Change::AlterTableOptions { table, from: f, to: t } if f.partition_of != t.partition_of => {
                if let Some(p) = &f.partition_of {
                    push(&p.parent, table, false, from);
                }
                if let Some(p) = &t.partition_of {
                    push(&p.parent, table, true, to);
                }
            }
            Change::HoldRows { detach, .. } => detach.iter().for_each(|(parent, part)| push(parent, part, false, from)),
            _ => {}
        }
    }
    out
}

pub fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

/// Where a failing case failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Generate,
    ApplyUp,
    UpDiffers,
    DataUp,
    ApplyDown,
    DownDiffers,
    DataDown,
    /// A real dump parses to a different model than the DDL it came from.
    DumpModel,
    /// The migration from a real dump to its DDL is not empty.
    DumpMigration,
    Harness,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Generate => "generate",
            Stage::ApplyUp => "up does not apply",
            Stage::UpDiffers => "up does not reach AFTER",
            Stage::DataUp => "up loses rows",
            Stage::ApplyDown => "down does not apply",
            Stage::DownDiffers => "down does not reach BEFORE",
            Stage::DataDown => "down loses rows",
            Stage::DumpModel => "dump parses to another model",
            Stage::DumpMigration => "dump to DDL migration not empty",
            Stage::Harness => "harness error",
        }
    }
}

/// What the data check could say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Data {
    /// Rows of this many tables were checked after up and after down.
    Kept(usize),
    /// No rows could be checked (no table took rows, or rows conflict with AFTER).
    NotChecked(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Inapplicable(String),
    /// `seed_skipped`: why each table that took no seeded row refused it.
    Pass {
        data: Data,
        seed_skipped: Vec<String>,
    },
    Fail {
        stage: Stage,
        message: String,
    },
}

impl Verdict {
    fn fail(stage: Stage, message: impl Into<String>) -> Verdict {
        Verdict::Fail { stage, message: message.into() }
    }
}

fn fresh(engine: &dyn Engine, case: &Case) -> Result<Box<dyn Database>, Verdict> {
    engine.fresh(case.database.as_deref()).map_err(|e| Verdict::fail(Stage::Harness, e))
}

fn snapshot(db: &mut dyn Database) -> Result<Catalog, Verdict> {
    db.catalog().map_err(|e| Verdict::fail(Stage::Harness, e))
}

/// A fresh database holding a declared schema (BEFORE or AFTER). The text runs as a script;
/// when that fails, it is treated as the declaration it is: on a new database, statements that
/// fail are retried after the others until no more go in (a view before its table, a cycle of
/// foreign keys written in the wrong order). The inner `Err` is the script's first error.
pub fn declared(engine: &dyn Engine, case: &Case, sql: &str) -> Result<Result<Box<dyn Database>, String>, Verdict> {
    let mut db = fresh(engine, case)?;
    let first = match db.run_script(sql) {
        Ok(()) => return Ok(Ok(db)),
        Err(e) => e,
    };
    let flavor = match case.dialect {
        Dialect::Postgres => Flavor::Postgres,
        Dialect::Mysql => Flavor::Mysql,
        Dialect::Sqlite => return Ok(Err(first)),
    };
    let mut pending = split(sql, flavor);
    if pending.iter().any(|s| is_transaction_control(s)) {
        return Ok(Err(first));
    }
    drop(db);
    let mut db = fresh(engine, case)?;
    db.run_script("").map_err(|e| Verdict::fail(Stage::Harness, e))?;
    loop {
        let before = pending.len();
        pending.retain(|stmt| db.execute(stmt).is_err());
        if pending.is_empty() {
            return Ok(Ok(db));
        }
        if pending.len() == before {
            return Ok(Err(first));
        }
    }
}

fn is_transaction_control(stmt: &str) -> bool {
    let first = stmt.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(first.trim_end_matches(';'), "begin" | "commit" | "rollback" | "start" | "end" | "savepoint")
}

/// Run the whole round trip of one case.
pub fn run(engine: &dyn Engine, case: &Case, generator: &Generator) -> Verdict {
    match run_inner(engine, case, generator) {
        Ok(v) | Err(v) => v,
    }
}

fn run_inner(engine: &dyn Engine, case: &Case, generator: &Generator) -> Result<Verdict, Verdict> {
    engine.ensure_roles(&case.roles).map_err(|e| Verdict::fail(Stage::Harness, e))?;
    let after_cat = {
        let mut db = match declared(engine, case, &case.after)? {
            Ok(db) => db,
            Err(e) => return Ok(Verdict::Inapplicable(format!("AFTER does not apply: {}", first_line(&e)))),
        };
        snapshot(db.as_mut())?
    };
    let mut db = match declared(engine, case, &case.before)? {
        Ok(db) => db,
        Err(e) => return Ok(Verdict::Inapplicable(format!("BEFORE does not apply: {}", first_line(&e)))),
    };
    let before_cat = snapshot(db.as_mut())?;
    let generated = generator(case).map_err(|e| Verdict::fail(Stage::Generate, e))?;
    let (up, down) = (&generated.up, &generated.down);
    let explain = |v: Verdict| match (v, &generated.note) {
        (Verdict::Fail { stage, message }, Some(note)) => Verdict::Fail { stage, message: format!("{message}\n  ({note})") },
        (v, _) => v,
    };
    verify(engine, case, db, before_cat, after_cat, (up, down, &generated.lossy, generated.predicted)).map_err(explain)
}

/// What one pass of up and down did.
enum Pass {
    Done(Verdict),
    /// A script failed to apply with rows in the tables: worth a pass without rows, once the
    /// database it stopped in is checked (`stopped_safely`).
    FailedWithRows(Verdict, Stopped),
}

/// Where a script stopped on seeded rows: the database, its rows, and the catalog it started
/// from (BEFORE's for up, the one up reached for down).
struct Stopped {
    db: Box<dyn Database>,
    report: SeedReport,
    start: Catalog,
}

#[allow(clippy::too_many_arguments)]
fn verify(
    engine: &dyn Engine,
    case: &Case,
    db: Box<dyn Database>,
    before_cat: Catalog,
    after_cat: Catalog,
    scripts: (&str, &str, &Declared, [bool; 2]),
) -> Result<Verdict, Verdict> {
    let cats = (&before_cat, &after_cat);
    match one_pass(case, db, cats, scripts, true)? {
        Pass::Done(v) => Ok(v),
        Pass::FailedWithRows(Verdict::Fail { stage, message }, stopped) => {
            let what = if stage == Stage::ApplyUp { "up" } else { "down" };
            let script = if stage == Stage::ApplyUp { scripts.0 } else { scripts.1 };
            let left = stopped_safely(case, stopped, &before_cat, scripts.2, stage, one_transaction(script))?;
            if !scripts.3[usize::from(stage != Stage::ApplyUp)] {
                return Err(Verdict::fail(
                    stage,
                    format!("{what} fails on the seeded rows, and no note of the plan says it may: {}", first_line(&message)),
                ));
            }
            // Does the script fail because of the rows? Again on an empty BEFORE.
            let db = declared(engine, case, &case.before)?.map_err(|e| Verdict::fail(Stage::Harness, e))?;
            match one_pass(case, db, cats, scripts, false)? {
                Pass::Done(Verdict::Pass { seed_skipped, .. }) => {
                    let what = if stage == Stage::ApplyUp { "up" } else { "down" };
                    let reason = format!("{what} fails on seeded rows (predicted, rows intact{left}): {}", first_line(&message));
                    Ok(Verdict::Pass { data: Data::NotChecked(reason), seed_skipped })
                }
                Pass::Done(v) | Pass::FailedWithRows(v, _) => Ok(v),
            }
        }
        Pass::FailedWithRows(v, _) => Ok(v),
    }
}

/// A PostgreSQL or SQLite script that is one transaction block: stopped, it is rolled back
/// whole. A script of several blocks (`--zero-downtime`: `NOT VALID` then `VALIDATE` in a
/// transaction of its own, concurrent index builds outside any) keeps the blocks it finished,
/// like MySQL's statements.
fn one_transaction(script: &str) -> bool {
    let lines: Vec<&str> = script.lines().map(str::trim).collect();
    lines.iter().filter(|l| **l == "BEGIN;").count() == 1 && !lines.iter().any(|l| l.starts_with("-- must run outside a transaction block"))
}

/// A script that stopped on the seeded rows must leave them as they were: every seeded row of
/// the tables there still there, unchanged. On PostgreSQL and SQLite the script's transaction
/// is rolled back when it is one transaction (`one_transaction`): the catalog is the one it
/// started from. MySQL/MariaDB DDL commits statement by statement, a script of several blocks
/// block by block: what is left applied is said (`; left applied: ...`), never a lost row.
fn stopped_safely(
    case: &Case,
    mut s: Stopped,
    before_cat: &Catalog,
    lossy: &Declared,
    stage: Stage,
    atomic: bool,
) -> Result<String, Verdict> {
    let (what, data) = if stage == Stage::ApplyUp { ("up", Stage::DataUp) } else { ("down", Stage::DataDown) };
    let now = snapshot(s.db.as_mut())?;
    let changed = now.diff(&s.start);
    if atomic && !changed.is_empty() {
        return Err(Verdict::fail(
            stage,
            format!("{what} stopped on the seeded rows with part of it applied (not rolled back):\n  {}", summarize(&changed, 12)),
        ));
    }
    let renames = crate::renames::read(&case.after, case.dialect);
    // Up stopped: the rows are where BEFORE put them. Down stopped: in the tables up made, so
    // only rows that went through them (a table up dropped comes back empty: up's loss).
    let after_names = stage != Stage::ApplyUp;
    let via = after_names.then_some(&s.start);
    // A stopped script is rolled back (or left part applied): only the directions before it moved rows.
    let moved = usize::from(after_names);
    seed::check(s.db.as_mut(), &s.report, (case.dialect, lossy, moved), &renames, before_cat, &now, after_names, via)
        .map_err(|e| Verdict::fail(data, format!("{what} stopped on the seeded rows and changed them: {e}")))?;
    Ok(if changed.is_empty() { String::new() } else { format!("; left applied: {}", summarize(&changed, 4)) })
}

/// Seed (when `with_rows`), apply up, compare, check rows, apply down, compare, check rows.
fn one_pass(
    case: &Case,
    mut db: Box<dyn Database>,
    (before_cat, after_cat): (&Catalog, &Catalog),
    (up, down, lossy, _): (&str, &str, &Declared, [bool; 2]),
    with_rows: bool,
) -> Result<Pass, Verdict> {
    let report = if with_rows {
        seed::seed(db.as_mut(), case.dialect).map_err(|e| Verdict::fail(Stage::Harness, e))?
    } else {
        SeedReport::default()
    };
    let seeded = !report.tables.is_empty();
    let stopped = |stage: Stage, e: String, db: Box<dyn Database>, report: SeedReport, start: &Catalog| {
        let v = Verdict::fail(stage, e);
        if seeded {
            Pass::FailedWithRows(v, Stopped { db, report, start: start.clone() })
        } else {
            Pass::Done(v)
        }
    };
    if let Err(e) = db.run_migration(up) {
        return Ok(stopped(Stage::ApplyUp, e, db, report, before_cat));
    }
    let up_cat = snapshot(db.as_mut())?;
    let d = up_cat.diff(after_cat);
    if !d.is_empty() {
        return Err(Verdict::fail(Stage::UpDiffers, format!("after up, the catalog differs from AFTER:\n  {}", summarize(&d, 12))));
    }
    let renames = crate::renames::read(&case.after, case.dialect);
    let mut checked = seed::check(db.as_mut(), &report, (case.dialect, lossy, 1), &renames, before_cat, &up_cat, true, None)
        .map_err(|e| Verdict::fail(Stage::DataUp, e))?;
    if let Err(e) = db.run_migration(down) {
        return Ok(stopped(Stage::ApplyDown, e, db, report, &up_cat));
    }
    let down_cat = snapshot(db.as_mut())?;
    let d = down_cat.diff(before_cat);
    if !d.is_empty() {
        return Err(Verdict::fail(Stage::DownDiffers, format!("after down, the catalog differs from BEFORE:\n  {}", summarize(&d, 12))));
    }
    checked += seed::check(db.as_mut(), &report, (case.dialect, lossy, 2), &renames, before_cat, &down_cat, false, Some(&up_cat))
        .map_err(|e| Verdict::fail(Stage::DataDown, e))?;
    let data = if !with_rows {
        Data::NotChecked("checked without rows".to_string())
    } else if !seeded {
        Data::NotChecked(if report.skipped.is_empty() { "no table in BEFORE" } else { "no table took rows" }.to_string())
    } else if checked == 0 {
        Data::NotChecked("no seeded table was kept".to_string())
    } else {
        Data::Kept(checked)
    };
    Ok(Pass::Done(Verdict::Pass { data, seed_skipped: report.skipped.iter().map(|(_, why)| why.clone()).collect() }))
}

/// Apply two scripts to fresh databases and compare their catalogs: the differences, or
/// `Err` when a script does not apply.
pub fn compare_scripts(engine: &dyn Engine, a: &str, b: &str) -> Result<Vec<String>, String> {
    let cat = |sql: &str| -> Result<Catalog, String> {
        let mut db = engine.fresh(None)?;
        db.run_script(sql)?;
        db.catalog()
    };
    let (ca, cb) = (cat(a)?, cat(b)?);
    Ok(ca.diff(&cb))
}
