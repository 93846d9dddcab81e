//! Proof that the harness itself can be trusted: for each engine, schemas that mean the same
//! compare equal; schemas that differ in any one property compare different; a correct
//! hand-written migration passes the round trip; a wrong one, a lossy one and a wrong down
//! fail it at the right stage; and the seeder fills tables of many column types.

use crate::engine::Engine;
use crate::roundtrip::{self, compare_scripts, Case, Data, Generated, Stage, Verdict};
use crate::runner::{EngineCell, Suite};
use crate::seed;
use schemashift::Dialect;

use crate::selftest_sql::{self, Sql};

fn sql(dialect: Dialect) -> Sql {
    match dialect {
        Dialect::Postgres => selftest_sql::postgres(),
        Dialect::Mysql => selftest_sql::mysql(),
        Dialect::Sqlite => selftest_sql::sqlite(),
    }
}

fn case(dialect: Dialect, id: &str, before: &str, after: &str) -> Case {
    Case { id: id.to_string(), dialect, before: before.to_string(), after: after.to_string(), roles: Vec::new(), database: None }
}

fn with(engine: &EngineCell, f: impl FnOnce(&dyn Engine) -> Result<(), String>) -> Result<(), String> {
    let e = engine.get()?;
    f(e.as_ref())
}

fn expect(v: Verdict, stage: Option<Stage>) -> Result<(), String> {
    match (&v, stage) {
        (Verdict::Pass { data: Data::Kept(_), .. }, None) => Ok(()),
        (Verdict::Fail { stage: got, .. }, Some(want)) if *got == want => Ok(()),
        _ => Err(format!("expected {}, got {v:?}", stage.map(|s| s.label()).unwrap_or("a pass with data kept"))),
    }
}

/// Add the self-checks of `dialect` to the suite.
pub fn add(suite: &mut Suite, dialect: Dialect) {
    let s: Sql = sql(dialect);
    for (i, (a, b)) in s.equal.iter().copied().enumerate() {
        let engine = suite.engine.clone();
        suite.add_test(&format!("harness/equal-schemas-compare-equal/{i}"), move || {
            with(&engine, |e| {
                let d = compare_scripts(e, a, b)?;
                if d.is_empty() {
                    Ok(())
                } else {
                    Err(format!("equal schemas compared different: {d:?}\n{a}\n{b}"))
                }
            })
        });
    }
    for (what, a, b) in s.different.iter().copied() {
        let engine = suite.engine.clone();
        suite.add_test(&format!("harness/different-schemas-differ/{what}"), move || {
            with(&engine, |e| {
                let d = compare_scripts(e, a, b)?;
                if d.is_empty() {
                    Err(format!("schemas that differ in {what} compared equal:\n{a}\n{b}"))
                } else {
                    Ok(())
                }
            })
        });
    }
    let migrations = [
        ("correct-migration-passes", s.up, s.down, None),
        ("wrong-up-is-caught", s.wrong_up, s.down, Some(Stage::UpDiffers)),
        ("wrong-down-is-caught", s.up, s.wrong_down, Some(Stage::DownDiffers)),
        ("lossy-up-is-caught", s.lossy_up, s.down, Some(Stage::DataUp)),
        ("failing-up-is-caught", "THIS IS NOT SQL", s.down, Some(Stage::ApplyUp)),
    ];
    for (name, up, down, stage) in migrations {
        let engine = suite.engine.clone();
        let c = case(dialect, name, s.before, if name == "lossy-up-is-caught" { s.before } else { s.after });
        suite.add_test(&format!("harness/round-trip/{name}"), move || {
            with(&engine, |e| {
                let gen = move |_: &Case| {
                    Ok(Generated {
                        up: up.to_string(),
                        down: down.to_string(),
                        note: None,
                        lossy: Default::default(),
                        predicted: [false; 2],
                    })
                };
                expect(roundtrip::run(e, &c, &gen), stage)
            })
        });
    }
    // Rename hints: the data check follows rows through them, so drop + add is caught.
    let renames = [
        (
            "column",
            "CREATE TABLE t (id int, old_name text);",
            "CREATE TABLE t (\n  id int,\n  new_name text -- @renamed from=old_name\n);",
            "ALTER TABLE t RENAME COLUMN old_name TO new_name;",
            "ALTER TABLE t RENAME COLUMN new_name TO old_name;",
            "ALTER TABLE t DROP COLUMN old_name; ALTER TABLE t ADD COLUMN new_name text;",
        ),
        (
            "table",
            "CREATE TABLE a (id int, v text);",
            "CREATE TABLE b ( -- @renamed from=a\n  id int,\n  v text\n);",
            "ALTER TABLE a RENAME TO b;",
            "ALTER TABLE b RENAME TO a;",
            "DROP TABLE a; CREATE TABLE b (id int, v text);",
        ),
    ];
    for (what, before, after, up, down, lossy) in renames {
        for (name, up, stage) in [("renamed", up, None), ("dropped-and-added", lossy, Some(Stage::DataUp))] {
            let engine = suite.engine.clone();
            let c = case(dialect, name, before, after);
            suite.add_test(&format!("harness/rename-hint/{what}-{name}"), move || {
                with(&engine, |e| {
                    let gen = move |_: &Case| {
                        Ok(Generated {
                            up: up.to_string(),
                            down: down.to_string(),
                            note: None,
                            lossy: Default::default(),
                            predicted: [false; 2],
                        })
                    };
                    expect(roundtrip::run(e, &c, &gen), stage)
                })
            });
        }
    }
    if dialect == Dialect::Mysql {
        // Migrations run as the `mariadb` client runs them: a compound body needs DELIMITER.
        let before = "CREATE TABLE t (a int);";
        let after = "CREATE TABLE t (a int);\nCREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END;";
        let delimited = "DELIMITER //\nCREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END//\nDELIMITER ;\n";
        let without = "CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END;";
        for (name, up, stage) in [("with-delimiter", delimited, None), ("without-delimiter", without, Some(Stage::ApplyUp))] {
            let engine = suite.engine.clone();
            let c = case(dialect, name, before, after);
            suite.add_test(&format!("harness/client-semantics/compound-trigger-{name}"), move || {
                with(&engine, |e| {
                    let gen = move |_: &Case| {
                        Ok(Generated {
                            up: up.to_string(),
                            down: "DROP TRIGGER g;".to_string(),
                            note: None,
                            lossy: Default::default(),
                            predicted: [false; 2],
                        })
                    };
                    expect(roundtrip::run(e, &c, &gen), stage)
                })
            });
        }
    }
    let engine = suite.engine.clone();
    let types = s.types;
    suite.add_test("harness/seed-fills-many-column-types", move || {
        with(&engine, |e| {
            let mut db = e.fresh(None)?;
            db.run_script(types)?;
            let report = seed::seed(db.as_mut(), dialect)?;
            if !report.skipped.is_empty() {
                return Err(format!("tables not seeded: {:?}", report.skipped));
            }
            let full = report.tables.values().all(|t| t.rows.len() == 3);
            if report.tables.is_empty() || !full {
                return Err(format!("expected 3 rows in every table: {:?}", report.tables));
            }
            Ok(())
        })
    });
    let engine = suite.engine.clone();
    suite.add_test("harness/inapplicable-schema-is-skipped", move || {
        with(&engine, |e| {
            let c = case(dialect, "x", "CREATE TABLE ok_t (a int);", "CREATE TABEL broken (");
            let gen = |_: &Case| Ok(Generated::default());
            match roundtrip::run(e, &c, &gen) {
                Verdict::Inapplicable(_) => Ok(()),
                v => Err(format!("expected inapplicable, got {v:?}")),
            }
        })
    });
}
