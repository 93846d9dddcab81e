//! How a check is written in each dialect, shared by `precheck.sql` and the validate scripts.
//!
//! A *count check* counts offending rows (`SELECT COUNT(*) AS n ...`); a *catalog assertion* is
//! a query that returns rows exactly when the schema is wrong. PostgreSQL gets `DO` blocks that
//! raise with the count or the list of problems; MySQL/MariaDB and SQLite have no anonymous
//! blocks, so they get SELECTs that return one row per failure (the runbook says they must
//! return nothing) and, for assertions, an INSERT into a temporary table whose CHECK constraint
//! makes the script fail when any problem row exists.

use crate::render::quote;
use crate::Dialect;

/// A data check: `count_sql` is `SELECT COUNT(*) AS n FROM ...`, the number of rows in the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountCheck {
    pub title: String,
    pub count_sql: String,
    /// The rows would be lost rather than make the migration fail; PostgreSQL lets these pass
    /// when `schemashift.allow_data_loss` is `on` (after a backup).
    pub data_loss: bool,
    /// What to do about it.
    pub hint: String,
    /// The query may fail on the BEFORE schema (an expression written for the AFTER one):
    /// PostgreSQL then reports the check as skipped instead of failing.
    pub may_not_evaluate: bool,
}

/// A catalog assertion: `failing_sql` returns at least one row when `title` does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assertion {
    pub title: String,
    pub failing_sql: String,
}

/// A dollar-quote tag that does not occur in `body`.
fn dollar_tag(body: &str) -> String {
    let mut tag = "$schemashift$".to_string();
    let mut i = 0;
    while body.contains(&tag) {
        i += 1;
        tag = format!("$schemashift{i}$");
    }
    tag
}

/// Render count checks as a script.
pub fn render_counts(dialect: Dialect, checks: &[CountCheck]) -> String {
    let mut out = String::new();
    for c in checks {
        out.push_str(&format!("-- {}\n", one_line(&c.title)));
        if !c.hint.is_empty() {
            out.push_str(&format!("-- {}\n", one_line(&c.hint)));
        }
        match dialect {
            Dialect::Postgres => {
                let cond = if c.data_loss {
                    "schemashift_rows > 0 AND coalesce(current_setting('schemashift.allow_data_loss', true), '') <> 'on'"
                } else {
                    "schemashift_rows > 0"
                };
                let assign = if c.may_not_evaluate {
                    format!(
                        "  BEGIN\n    schemashift_rows := ({});\n  EXCEPTION WHEN others THEN\n    RAISE NOTICE 'precheck skipped: % (it cannot be evaluated before up: %)', {}, SQLERRM;\n    RETURN;\n  END;\n",
                        c.count_sql,
                        quote::literal(dialect, &c.title)
                    )
                } else {
                    format!("  schemashift_rows := ({});\n", c.count_sql)
                };
                let body = format!(
                    "DECLARE\n  schemashift_rows bigint;\nBEGIN\n{assign}  IF {cond} THEN\n    RAISE EXCEPTION 'precheck failed: % (% row(s))', {}, schemashift_rows\n      USING HINT = {};\n  END IF;\n  RAISE NOTICE 'precheck ok: % (% row(s))', {}, schemashift_rows;\nEND\n",
                    quote::literal(dialect, &c.title),
                    quote::literal(dialect, &c.hint),
                    quote::literal(dialect, &c.title),
                );
                let tag = dollar_tag(&body);
                out.push_str(&format!("DO {tag}\n{body}{tag};\n\n"));
            }
            Dialect::Mysql | Dialect::Sqlite => {
                out.push_str(&format!(
                    "SELECT {} AS failed_check, c.n AS offending_rows\nFROM ({}) AS c\nWHERE c.n > 0;\n\n",
                    quote::literal(dialect, &c.title),
                    c.count_sql
                ));
            }
        }
    }
    out
}

/// Render catalog assertions as a script that fails when any of them does not hold.
#[cfg(test)]
pub fn render_assertions(dialect: Dialect, assertions: &[Assertion], what: &str) -> String {
    render_assertions_with(dialect, &[], &[], assertions, what)
}

/// Like `render_assertions`; PostgreSQL runs `setup` first (each in a block of its own: one that
/// fails is reported and leaves the assertions that need it failing) and `teardown` last.
pub fn render_assertions_with(dialect: Dialect, setup: &[String], teardown: &[String], assertions: &[Assertion], what: &str) -> String {
    if assertions.is_empty() {
        return "-- nothing to assert\n".to_string();
    }
    match dialect {
        Dialect::Postgres => {
            let mut body = String::from("DECLARE\n  schemashift_problems text := '';\nBEGIN\n");
            for s in setup {
                body.push_str(&format!(
                    "  BEGIN\n    {s};\n  EXCEPTION WHEN others THEN\n    RAISE NOTICE 'cannot build a probe of the intended definitions: %', SQLERRM;\n  END;\n"
                ));
            }
            for a in assertions {
                body.push_str(&format!(
                    "  -- {}\n  IF EXISTS ({}) THEN\n    schemashift_problems := schemashift_problems || E'\\n  - ' || {};\n  END IF;\n",
                    one_line(&a.title),
                    a.failing_sql,
                    quote::literal(dialect, &a.title)
                ));
            }
            for t in teardown {
                body.push_str(&format!("  {t};\n"));
            }
            body.push_str(&format!(
                "  IF schemashift_problems <> '' THEN\n    RAISE EXCEPTION '{what} failed:%', schemashift_problems;\n  END IF;\n  RAISE NOTICE '{what} ok: {} assertion(s) hold';\nEND\n",
                assertions.len()
            ));
            let tag = dollar_tag(&body);
            format!("DO {tag}\n{body}{tag};\n")
        }
        Dialect::Mysql | Dialect::Sqlite => {
            let from = if dialect == Dialect::Mysql { " FROM DUAL" } else { "" };
            let union = assertions
                .iter()
                .map(|a| format!("SELECT {} AS problem{from} WHERE EXISTS ({})", quote::literal(dialect, &a.title), a.failing_sql))
                .collect::<Vec<_>>()
                .join("\nUNION ALL\n");
            let (drop, create, text) = match dialect {
                Dialect::Mysql => {
                    ("DROP TEMPORARY TABLE IF EXISTS schemashift_validate", "CREATE TEMPORARY TABLE schemashift_validate", "VARCHAR(2000)")
                }
                _ => ("DROP TABLE IF EXISTS temp.schemashift_validate", "CREATE TEMP TABLE schemashift_validate", "TEXT"),
            };
            format!(
                "-- The problems, one row each (none expected):\n{union};\n\n\
                 -- Fail the script when there is any (CHECK constraint `{what}_failed`):\n\
                 {drop};\n\
                 {create} (problem {text}, CONSTRAINT {what}_failed CHECK (problem IS NULL));\n\
                 INSERT INTO schemashift_validate (problem)\n{union};\n\
                 {drop};\n"
            )
        }
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_count_check_raises_with_the_count() {
        let c = CountCheck {
            title: "NULLs in t.a".into(),
            count_sql: "SELECT COUNT(*) AS n FROM \"t\" WHERE \"a\" IS NULL".into(),
            data_loss: false,
            hint: "fill them".into(),
            may_not_evaluate: false,
        };
        let sql = render_counts(Dialect::Postgres, std::slice::from_ref(&c));
        assert!(sql.contains("DO $schemashift$"), "{sql}");
        assert!(sql.contains("RAISE EXCEPTION 'precheck failed: % (% row(s))', 'NULLs in t.a', schemashift_rows"));
        let my = render_counts(Dialect::Mysql, &[c]);
        assert!(my.contains("WHERE c.n > 0;"), "{my}");
    }

    #[test]
    fn dollar_tag_avoids_the_body() {
        assert_eq!(dollar_tag("x"), "$schemashift$");
        assert_eq!(dollar_tag("a $schemashift$ b"), "$schemashift1$");
    }

    #[test]
    fn sqlite_assertions_fail_through_a_check_constraint() {
        let a = Assertion { title: "table t exists".into(), failing_sql: "SELECT 1".into() };
        let sql = render_assertions(Dialect::Sqlite, &[a], "validate");
        assert!(sql.contains("CONSTRAINT validate_failed CHECK (problem IS NULL)"), "{sql}");
        assert!(sql.contains("SELECT 'table t exists' AS problem WHERE EXISTS (SELECT 1)"));
    }
}
