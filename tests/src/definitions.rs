//! Are validate's definition assertions (CHECK expressions, defaults, view queries; see
//! `schemashift::package::definitions_sql`) reliable? Over the corpus cases that have any: on
//! a database holding BEFORE they must hold for BEFORE, and after the generated up they must hold
//! for AFTER. A false failure here would make validate.sql reject a correct schema.

use crate::cases;
use crate::roundtrip::Case;
use crate::engine::Engine;
use crate::roundtrip::declared;
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
