//! The tool sweep (`SCHEMASHIFT_TOOLS_SWEEP=cases|corpus|all` on `tests/tests/tools.rs`): the
//! packages of many migrations, the engine cases of `tests/cases/<dialect>/` and a sample of
//! the peer corpus, run by their own tools (dbmate, Sqitch, Liquibase, and the numbered files
//! with psql / mysql / sqlite3) and by the loaders of the tools not installable here (goose,
//! golang-migrate, Flyway, Atlas, Prisma: `loaders.rs`), in every mode.
//!
//! These migrations have no hand-written expectations, so the reference is the migration's
//! own SQL: BEFORE (with seeded rows) and the up script run directly, statement by statement
//! as the engine's client runs it (`Database::run_migration`), then the down script. The tool
//! must reach the same catalog after up, pass its own check, and after its down reach the
//! same catalog holding the same rows. A case whose SQL does not run directly is not the
//! tools' business (the round-trip suites judge it) and is counted as skipped.

use crate::catalog::Catalog;
use crate::engine::{first_line, Database, Engine, Row};
use crate::loaders::Loader;
use crate::roundtrip::{declared, Case};
use crate::tools::{logged, schema_only, write, Applier, Context, Mode, Tool};
use schemashift::package::{build, Format, PackageOptions};
use schemashift::{Migration, Options};

/// What the reference run reached.
struct Reference {
    up: Catalog,
    down: Catalog,
    rows: Vec<(String, Vec<Row>)>,
    /// Whether rows were seeded (no when the direct up fails on them).
    seeded: bool,
}

/// The outcome of one case × mode × format.
pub enum Outcome {
    Pass,
    /// Not run by the tool, and why (the migration is blocked, its SQL fails directly...).
    Skipped(String),
    Fail(String),
}

fn generate(case: &Case, mode: Mode) -> Migration {
    let mut o = Options::new(case.dialect);
    o.zero_downtime = mode == Mode::ZeroDowntime;
    o.preserve_data = mode == Mode::PreserveData;
    schemashift::generate(&case.before, &case.after, &o)
}

/// BEFORE in a fresh database, with rows when `seed`.
fn before(engine: &dyn Engine, case: &Case, seed: bool) -> Result<Box<dyn Database>, String> {
    let mut db = match declared(engine, case, &case.before) {
        Ok(Ok(db)) => db,
        Ok(Err(e)) => return Err(format!("BEFORE does not apply: {}", first_line(&e))),
        Err(v) => return Err(format!("harness: {v:?}")),
    };
    if seed {
        crate::seed::seed(db.as_mut(), case.dialect)?;
    }
    Ok(db)
}

/// Every row of every table of `cat`, all columns as text, sorted.
fn all_rows(db: &mut dyn Database, cat: &Catalog) -> Result<Vec<(String, Vec<Row>)>, String> {
    let mut out = Vec::new();
    for (key, t) in &cat.tables {
        if t.columns.is_empty() {
            continue;
        }
        let list: Vec<String> = t.columns.keys().map(|c| db.as_text(&db.quote(c))).collect();
        let mut r = db.query(&format!("SELECT {} FROM {}", list.join(", "), t.sql_name))?;
        r.sort();
        out.push((key.clone(), r));
    }
    Ok(out)
}

fn reference(engine: &dyn Engine, case: &Case, m: &Migration, cleanup: Option<&str>) -> Result<Reference, String> {
    let (up, down) = (m.up_sql(), m.down_sql());
    let mut seeded = true;
    let mut db = before(engine, case, true)?;
    if db.run_migration(&up).is_err() {
        seeded = false;
        drop(db);
        db = before(engine, case, false)?;
        db.run_migration(&up).map_err(|e| format!("up does not run directly: {}", first_line(&e)))?;
    }
    let up_cat = schema_only(db.catalog()?);
    db.run_migration(&down).map_err(|e| format!("down does not run directly: {}", first_line(&e)))?;
    if let Some(c) = cleanup {
        db.run_script(c).map_err(|e| format!("cleanup does not run directly: {}", first_line(&e)))?;
    }
    let down_cat = schema_only(db.catalog()?);
    let rows = all_rows(db.as_mut(), &down_cat)?;
    Ok(Reference { up: up_cat, down: down_cat, rows, seeded })
}

fn differs(db: &mut dyn Database, want: &Catalog, what: &str) -> Result<(), String> {
    let got = schema_only(db.catalog()?);
    let d = got.diff(want);
    if d.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "after the tool's {what}, the catalog differs from the {what} script run directly:\n  {}",
            crate::catalog::summarize(&d, 8)
        ))
    }
}

/// One case in one mode, every format of `formats`: the outcomes in that order.
pub fn sweep_case(engine: &dyn Engine, ctx: &Context, case: &Case, mode: Mode, formats: &[Applier]) -> Vec<Outcome> {
    let skip_all = |why: String| formats.iter().map(|_| Outcome::Skipped(why.clone())).collect();
    if let Err(e) = engine.ensure_roles(&case.roles) {
        return skip_all(format!("roles: {e}"));
    }
    let m = generate(case, mode);
    if m.is_blocked() {
        return skip_all("blocked".into());
    }
    if m.up.is_empty() {
        return skip_all("no change".into());
    }
    // The cleanup script does not depend on the format.
    let plain =
        match build(&m, &PackageOptions { format: Format::Plain, version: crate::tools::VERSION.into(), name: Some("sweep".into()) }) {
            Ok(p) => p,
            Err(e) => return skip_all(format!("package: {e}")),
        };
    let cleanup = plain.text("cleanup/01_drop_backups.sql");
    let r = match reference(engine, case, &m, cleanup) {
        Ok(r) => r,
        Err(e) => return skip_all(e),
    };
    formats
        .iter()
        .map(|&f| match one(engine, ctx, case, &m, f, &r, cleanup) {
            Ok(()) => Outcome::Pass,
            Err(e) => Outcome::Fail(e),
        })
        .collect()
}

fn one(
    engine: &dyn Engine,
    ctx: &Context,
    case: &Case,
    m: &Migration,
    applier: Applier,
    r: &Reference,
    cleanup: Option<&str>,
) -> Result<(), String> {
    let format = applier.format();
    let version = if format == Format::Numbered { "1" } else { crate::tools::VERSION };
    let pkg = build(m, &PackageOptions { format, version: version.into(), name: Some("sweep".into()) })?;
    let mut db = before(engine, case, r.seeded)?;
    match applier {
        Applier::Tool(_) => {
            let dir = tempfile::Builder::new().prefix("schemashift-sweep-").tempdir().map_err(|e| e.to_string())?;
            write(&pkg, dir.path())?;
            let tool = Tool::new(ctx, m, &pkg, format, dir.path(), &db.name())?;
            tool.up()?;
            differs(db.as_mut(), &r.up, "up")?;
            logged(db.as_mut(), "up", m.up.len())?;
            tool.check()?;
            tool.down()?;
        }
        Applier::Loader(_) => {
            let loader = Loader::read(format, &pkg, case.dialect)?;
            loader.up(db.as_mut()).map_err(|e| format!("up: {e}"))?;
            differs(db.as_mut(), &r.up, "up")?;
            logged(db.as_mut(), "up", m.up.len())?;
            loader.down(db.as_mut(), m)?;
        }
    }
    logged(db.as_mut(), "down", m.down.len())?;
    if let Some(c) = cleanup {
        db.run_script(c).map_err(|e| format!("cleanup after down: {e}"))?;
    }
    differs(db.as_mut(), &r.down, "down")?;
    let rows = all_rows(db.as_mut(), &r.down)?;
    for ((t, want), (_, got)) in r.rows.iter().zip(&rows) {
        if want != got {
            return Err(format!(
                "after the tool's down, the rows of {t} differ from the scripts run directly:\n  direct: {want:?}\n  tool: {got:?}"
            ));
        }
    }
    Ok(())
}

/// Which cases `SCHEMASHIFT_TOOLS_SWEEP` asks for: the engine cases (`cases`), every
/// `SCHEMASHIFT_TOOLS_SAMPLE`-th corpus case (default 10; `corpus`), or both (`all`); a path
/// is a folder of case files in the engine cases' layout (`<dialect>/*.sql`).
pub fn selected(dialect: schemashift::Dialect, which: &str) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    if which.starts_with('/') {
        let root = std::path::Path::new(which);
        if root.join(dialect.name()).is_dir() {
            out.extend(crate::cases::hand_cases_in(root, dialect)?);
        }
    }
    if matches!(which, "cases" | "all") {
        out.extend(crate::cases::hand_cases(dialect)?);
    }
    if matches!(which, "corpus" | "all") {
        let every = std::env::var("SCHEMASHIFT_TOOLS_SAMPLE").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(10).max(1);
        out.extend(crate::cases::corpus(dialect)?.into_iter().step_by(every));
    }
    if let Ok(only) = std::env::var("SCHEMASHIFT_TOOLS_CASE") {
        out.retain(|c| only.split(',').any(|o| c.id.contains(o)));
    }
    Ok(out)
}

/// Run the sweep of one engine; prints each failure and a table of figures per mode × format;
/// the failures' texts.
pub fn sweep(engine: &dyn Engine, ctx: &Context, which: &str, formats: &[Applier]) -> Result<Vec<String>, String> {
    let cases = selected(engine.dialect(), which)?;
    let modes: Vec<Mode> = match std::env::var("SCHEMASHIFT_TOOLS_MODES") {
        Ok(m) if !m.is_empty() => Mode::ALL.into_iter().filter(|x| m.split(',').any(|n| n == x.name())).collect(),
        _ => Mode::ALL.to_vec(),
    };
    // [mode][format] = (passed, failed, skipped)
    let mut figures = vec![vec![(0usize, 0usize, 0usize); formats.len()]; modes.len()];
    let mut failures = Vec::new();
    let mut skipped = std::collections::BTreeMap::new();
    let start = std::time::Instant::now();
    for case in &cases {
        let t = std::time::Instant::now();
        let mut tally = [0usize; 3];
        for (mi, &mode) in modes.iter().enumerate() {
            for (fi, outcome) in sweep_case(engine, ctx, case, mode, formats).into_iter().enumerate() {
                let f = &mut figures[mi][fi];
                match outcome {
                    Outcome::Pass => {
                        f.0 += 1;
                        tally[0] += 1;
                    }
                    Outcome::Fail(e) => {
                        f.1 += 1;
                        tally[1] += 1;
                        let line =
                            format!("FAIL {} / {} / {} / {}: {e}", engine.label(), case.id, mode.name(), formats[fi].format().name());
                        println!("{line}");
                        failures.push(line);
                    }
                    Outcome::Skipped(why) => {
                        f.2 += 1;
                        tally[2] += 1;
                        skipped.insert(case.id.clone(), why);
                    }
                }
            }
        }
        println!(
            "{} / {}: {} passed, {} failed, {} skipped ({:.1} s)",
            engine.label(),
            case.id,
            tally[0],
            tally[1],
            tally[2],
            t.elapsed().as_secs_f64()
        );
    }
    for (id, why) in &skipped {
        println!("skipped {} / {id}: {}", engine.label(), crate::shorten(why, 160));
    }
    println!("sweep {} ({which}): {} cases, {:.0} s; passed/failed/skipped", engine.label(), cases.len(), start.elapsed().as_secs_f64());
    for (mi, mode) in modes.iter().enumerate() {
        let cells: Vec<String> = formats
            .iter()
            .enumerate()
            .map(|(fi, f)| format!("{} {}/{}/{}", f.format().name(), figures[mi][fi].0, figures[mi][fi].1, figures[mi][fi].2))
            .collect();
        println!("  {:14} {}", mode.name(), cells.join("  "));
    }
    Ok(failures)
}
