//! Are validate's definition assertions (CHECK expressions, defaults, view queries; see
//! `schemashift::package::definitions_sql`) reliable? Over the corpus cases that have any: on
//! a database holding BEFORE they must hold for BEFORE, and after the generated up they must hold
//! for AFTER. A false failure here would make validate.sql reject a correct schema.

use crate::cases;
use crate::engine::Engine;
use crate::roundtrip::declared;
use crate::roundtrip::Case;
use schemashift::Options;

/// How the corpus went: cases checked, and the failures (case id: message).
#[derive(Debug, Default)]
pub struct Report {
    pub checked: usize,
    pub failures: Vec<String>,
}

fn has_definitions(sql: &str) -> bool {
    let u = sql.to_ascii_uppercase();
    u.contains("CHECK") || u.contains("DEFAULT") || u.contains("VIEW")
}

/// Run the check over at most `limit` corpus cases of the engine's dialect.
pub fn run(engine: &dyn Engine, limit: usize) -> Result<Report, String> {
    let d = engine.dialect();
    let list: Vec<Case> = cases::corpus(d)?.into_iter().filter(|c| has_definitions(&c.before) || has_definitions(&c.after)).collect();
    let mut report = Report::default();
    let mut roles: Vec<String> = list.iter().flat_map(|c| c.roles.iter().cloned()).collect();
    roles.sort();
    roles.dedup();
    engine.ensure_roles(&roles)?;
    for case in list.iter().take(limit) {
        let m = schemashift::generate(&case.before, &case.after, &Options::new(d));
        if m.has_errors() {
            continue;
        }
        let Ok(Ok(mut db)) = declared(engine, case, &case.before) else { continue };
        let target = m.target;
        let before = schemashift::package::definitions_sql(target, &m.before);
        report.checked += 1;
        if let Err(e) = db.run_script(&before) {
            report.failures.push(format!("{} (BEFORE): {}", case.id, crate::shorten(&e, 600)));
            continue;
        }
        if db.run_migration(&m.up_sql()).is_err() {
            continue;
        }
        let after = schemashift::package::definitions_sql(target, &m.after);
        if let Err(e) = db.run_script(&after) {
            report.failures.push(format!("{} (after up): {}", case.id, crate::shorten(&e, 600)));
        }
    }
    Ok(report)
}

/// BEFORE and AFTER that differ only in a CHECK expression, a default and (PostgreSQL) a view
/// query: `validate.sql` must fail on BEFORE and name them, pass after up; `validate_down.sql`
/// must fail after up and pass after down. The message of the failing run, for the report.
pub fn wrong_definitions(engine: &dyn Engine) -> Result<String, String> {
    use schemashift::package::{build, Format, PackageOptions};
    let d = engine.dialect();
    let view = |n: u32| {
        if d == schemashift::Dialect::Postgres {
            format!("\nCREATE VIEW big AS SELECT id FROM t WHERE qty > {n};")
        } else {
            String::new()
        }
    };
    let table = |n: u32, def: &str| {
        format!("CREATE TABLE t (id integer PRIMARY KEY, qty integer, label varchar(10) DEFAULT '{def}', CONSTRAINT t_qty_check CHECK (qty > {n}));{}", view(n))
    };
    let (before, after) = (table(0, "a"), table(1, "b"));
    let m = schemashift::generate(&before, &after, &Options::new(d));
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000"))?;
    let file = |n: &str| pkg.text(n).map(str::to_string).ok_or_else(|| format!("no {n}"));
    let (validate, validate_down) = (file("validate.sql")?, file("validate_down.sql")?);
    let mut db = engine.fresh(None)?;
    db.run_script(&before)?;
    let wrong = match db.run_script(&validate) {
        Ok(()) => return Err("validate.sql passes on BEFORE, which differs in a check, a default and a view".into()),
        Err(e) => e,
    };
    db.run_script(&validate_down).map_err(|e| format!("validate_down.sql fails on BEFORE: {e}"))?;
    db.run_migration(&m.up_sql())?;
    db.run_script(&validate).map_err(|e| format!("validate.sql fails after up: {e}"))?;
    if db.run_script(&validate_down).is_ok() {
        return Err("validate_down.sql passes after up".into());
    }
    db.run_migration(&m.down_sql())?;
    db.run_script(&validate_down).map_err(|e| format!("validate_down.sql fails after down: {e}"))?;
    Ok(wrong)
}
