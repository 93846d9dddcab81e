//! The whole engine suite of one dialect, as one test binary runs it: harness self-checks,
//! hand-written cases, every corpus case of the dialect, and real-dump checks.

use crate::cases;
use crate::dump;
use crate::engine::mariadb::Mariadb;
use crate::engine::postgres::Postgres;
use crate::engine::sqlite::Sqlite;
use crate::engine::Engine;
use crate::known;
use crate::roundtrip::{schemashift_generator, zero_downtime_generator, Generator, Stage, Verdict};
use crate::runner::{EngineCell, Suite};
use crate::selftest;
use schemashift::Dialect;
use std::process::ExitCode;
use std::sync::Arc;

/// How many corpus schemas go through the dump check, per dialect.
const DUMP_SAMPLE: usize = 40;

fn starter(dialect: Dialect) -> EngineCell {
    EngineCell::new(move || -> Result<Arc<dyn Engine>, String> {
        Ok(match dialect {
            Dialect::Postgres => Arc::new(Postgres::start()?),
            Dialect::Mysql => Arc::new(Mariadb::start()?),
            Dialect::Sqlite => Arc::new(Sqlite::start()?),
        })
    })
}

/// Build and run the suite of `dialect`.
pub fn main(dialect: Dialect) -> ExitCode {
    let mut suite = Suite::new(dialect, starter(dialect));
    selftest::add(&mut suite, dialect);
    crate::sequence_renames::add(&mut suite, dialect);
    let generator: Arc<Generator> = Arc::new(schemashift_generator);

    let hand = cases::hand_cases(dialect);
    match &hand {
        Ok(list) => {
            for case in list {
                suite.add_case(case.clone(), generator.clone());
            }
        }
        Err(e) => {
            let e = e.clone();
            suite.add_test("hand/load", move || Err(e));
        }
    }
    match cases::corpus(dialect) {
        Ok(mut list) => {
            // Roles are global to the server: create every role any case names, for all.
            let mut roles: Vec<String> = list.iter().flat_map(|c| c.roles.iter().cloned()).collect();
            roles.sort();
            roles.dedup();
            for case in list.iter_mut() {
                case.roles = roles.clone();
            }
            for case in &list {
                suite.add_case(case.clone(), generator.clone());
            }
            let mut dumps: Vec<_> = hand.unwrap_or_default();
            dumps.extend(dump::sample(&list, DUMP_SAMPLE));
            for case in dumps {
                let engine = suite.engine.clone();
                suite.add_verdict(&format!("dump/{}", case.id), move || match engine.get() {
                    Ok(e) => dump::verdict(e.as_ref(), &case),
                    Err(e) => Verdict::Fail { stage: Stage::Harness, message: format!("engine did not start: {e}") },
                });
            }
        }
        Err(e) => {
            eprintln!("ERROR: {e}");
            suite.add_test("corpus/load", move || Err(e));
        }
    }
    suite.run()
}

/// The zero-downtime suite of `dialect`: hand-written and corpus cases round-tripped with
/// `--zero-downtime` (online forms, non-transactional steps, DO-block backfills, phases), kept
/// true by `known-failures/<dialect>-zero-downtime.txt`. Self-checks and dumps are the plain
/// suite's business.
pub fn zero_downtime_main(dialect: Dialect) -> ExitCode {
    let test = format!("{}_zero_downtime", known::test_name(dialect));
    let list = known::List::named(dialect, &format!("{}-zero-downtime", dialect.name()), &test);
    let mut suite = Suite::with_list(list, starter(dialect));
    let generator: Arc<Generator> = Arc::new(zero_downtime_generator);
    match cases::hand_cases(dialect) {
        Ok(list) => {
            for case in list {
                suite.add_case(case, generator.clone());
            }
        }
        Err(e) => suite.add_test("hand/load", move || Err(e)),
    }
    match cases::corpus(dialect) {
        Ok(mut list) => {
            let mut roles: Vec<String> = list.iter().flat_map(|c| c.roles.iter().cloned()).collect();
            roles.sort();
            roles.dedup();
            for case in list.iter_mut() {
                case.roles = roles.clone();
                suite.add_case(case.clone(), generator.clone());
            }
        }
        Err(e) => suite.add_test("corpus/load", move || Err(e)),
    }
    suite.run()
}
