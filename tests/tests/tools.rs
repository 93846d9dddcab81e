//! Every package format applied by its own tool on PostgreSQL, MariaDB and SQLite (see
//! `schemashift_e2e::tools`): dbmate, Sqitch and Liquibase for real (installed by
//! `.ci/setup.sh`), the numbered files with psql / mysql / sqlite3, goose, golang-migrate,
//! Flyway, Atlas and Prisma Migrate through `schemashift_e2e::loaders`.
//! `SCHEMASHIFT_TOOLS_SWEEP=cases|corpus|all` runs the sweep instead (`tool_sweep.rs`, opt-in:
//! minutes, not seconds).
//! Without the tools the test says what is missing and passes, unless
//! `SCHEMASHIFT_REQUIRE_TOOLS=1` (`make test` sets it): then it fails.

use schemashift::package::Format;
use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::sqlite::Sqlite;
use schemashift_e2e::engine::Engine;
use schemashift_e2e::tool_cases::cases;
use schemashift_e2e::tool_sweep::sweep;
use schemashift_e2e::tools::{missing_tools, run, Applier, Context, Mode, Server, APPLIERS};
use std::time::Instant;

fn suite(engine: &dyn Engine, server: Server) {
    let ctx = Context::new(server);
    let real = match missing_tools() {
        None => true,
        Some(why) if std::env::var("SCHEMASHIFT_REQUIRE_TOOLS").is_ok_and(|v| v == "1") => panic!("{why}"),
        Some(why) => {
            eprintln!("the real tools are skipped: {why}");
            false
        }
    };
    let only = std::env::var("SCHEMASHIFT_TOOLS_ONLY").unwrap_or_default();
    if let Ok(which) = std::env::var("SCHEMASHIFT_TOOLS_SWEEP") {
        assert!(real, "the sweep runs the real tools");
        let formats: Vec<Applier> =
            APPLIERS.into_iter().filter(|a| only.is_empty() || only.split(',').any(|o| o == a.format().name())).collect();
        let failures = sweep(engine, &ctx, &which, &formats).expect("the sweep's cases");
        assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n\n"));
        return;
    }
    let mut failures = Vec::new();
    let mut passed = 0;
    for case in cases(engine.dialect()) {
        for mode in Mode::ALL {
            for applier in APPLIERS {
                if matches!(applier, Applier::Tool(f) if f != Format::Numbered) && !real {
                    continue;
                }
                let (kind, f) = match applier {
                    Applier::Tool(f) => ("tool", f),
                    Applier::Loader(f) => ("loader", f),
                };
                let label = format!("{} / {} / {} / {} ({kind})", engine.label(), case.id, mode.name(), f.name());
                if !only.is_empty() && !only.split(',').any(|o| o == f.name()) {
                    continue;
                }
                let t = Instant::now();
                match run(engine, &ctx, &case, mode, applier) {
                    Ok(fig) => {
                        passed += 1;
                        println!(
                            "ok   {label}: {} migration file(s), down run {} time(s), {} rows back ({:.1} s)",
                            fig.files,
                            fig.down_runs,
                            fig.rows,
                            t.elapsed().as_secs_f64()
                        );
                    }
                    Err(e) => failures.push(format!("FAIL {label}: {e}")),
                }
            }
        }
    }
    println!("{}: {passed} passed, {} failed", engine.label(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn postgres() {
    let pg = Postgres::start().expect("PostgreSQL starts");
    let port = pg.port();
    suite(&pg, Server::Postgres { port });
}

#[test]
fn mariadb() {
    let my = Mariadb::start().expect("MariaDB starts");
    let port = my.port();
    suite(&my, Server::Mariadb { port });
}

#[test]
fn sqlite() {
    suite(&Sqlite::start().expect("SQLite"), Server::Sqlite);
}
