//! Assembling steps into one runnable script, with transaction blocks where the dialect has
//! transactional DDL.

use crate::plan::Step;
use crate::{Dialect, Target};

/// The steps as one script. Consecutive transactional steps share one `BEGIN; ... COMMIT;`
/// block (PostgreSQL, SQLite); a step that cannot run in a transaction stands alone between
/// blocks. MySQL/MariaDB have no transactional DDL: the header says so.
pub fn script(steps: &[Step], target: &Target, direction: &str) -> String {
    let mut out = String::new();
    if steps.is_empty() {
        return out;
    }
    let dialect = target.dialect;
    out.push_str(&format!("-- schemashift {direction} migration ({})\n", engine_label(target)));
    if dialect == Dialect::Mysql {
        out.push_str(
            "-- MySQL/MariaDB DDL is not transactional: each statement commits on its own.\n\
             -- If a statement fails, the ones before it stay applied; see the rollback notes.\n",
        );
        if steps.iter().flat_map(|s| &s.statements).any(|s| !s.is_ascii()) {
            out.push_str(MYSQL_UTF8);
        }
    }
    let one_tx = target.file_is_one_transaction();
    if one_tx {
        out.push_str("-- the migration runner applies this file as one transaction: it holds no transaction control\n");
    }
    let mut in_tx = false;
    let phased = steps.iter().any(|s| s.phase != crate::plan::Phase::Main);
    // SQLite: rebuilds turn foreign keys off around the whole script, one transaction.
    let single = if dialect == Dialect::Sqlite && !one_tx && !phased { super::sqlite::one_transaction::steps(steps) } else { None };
    if single.is_some() {
        out.push_str(super::sqlite::one_transaction::HEAD);
    }
    let steps = single.as_deref().unwrap_or(steps);
    let mut phase = None;
    let head = crate::plan::preamble::head(target);
    // Whether the session has the head's settings now: a step creating a stored program is
    // headed by the session's own settings instead (`Engine::session_for_programs`), and the
    // next step says the head again.
    let mut headed = false;
    let programs = target.engine().session_for_programs();
    for (step_no, step) in steps.iter().enumerate() {
        if phased && phase != Some(step.phase) {
            // Each phase is its own transaction, headed by the deploy it waits for.
            if in_tx {
                out.push_str("COMMIT;\n");
                in_tx = false;
            }
            phase = Some(step.phase);
            out.push_str(&format!("\n-- ===== phase {}: {}\n", step.phase.name(), step.phase.waits_for()));
        }
        let wants_tx = step.transactional && target.transactional_ddl() && !one_tx;
        if wants_tx && !in_tx {
            out.push_str("\nBEGIN;\n");
            in_tx = true;
        } else if !wants_tx && in_tx {
            out.push_str("COMMIT;\n");
            in_tx = false;
        }
        if !wants_tx {
            out.push('\n');
            if target.transactional_ddl() && !one_tx {
                out.push_str("-- must run outside a transaction block\n");
            }
        }
        if dialect == Dialect::Mysql {
            // One file is one session: the statements heading every step (`plan::preamble`) are
            // said once, by the first step that has them, and again after a step that set the
            // session's own settings (`headed`).
            // What the head changes is saved before it (`plan::preamble::save`) and put back at
            // the end of the file.
            let mut own = step.clone();
            let has_head = !head.is_empty() && own.statements.iter().map(String::as_str).take(head.len()).eq(head.iter().copied());
            let own_settings = programs != head && crate::plan::preamble::creates_program(&step.change);
            if step_no > 0 && headed {
                own.statements.retain(|s| !head.contains(&s.as_str()));
            } else if step_no == 0 {
                own.statements.splice(0..0, crate::plan::preamble::save(target).iter().map(|s| s.to_string()));
            }
            headed = has_head || (headed && !own_settings);
            out.push_str(&mysql_step_sql(&own));
        } else {
            out.push_str(&step.sql());
        }
    }
    if in_tx {
        out.push_str("COMMIT;\n");
    }
    if single.is_some() {
        out.push_str(super::sqlite::one_transaction::TAIL);
    }
    let restore = crate::plan::preamble::restore(target);
    if !restore.is_empty() {
        out.push_str("\n-- the session's own settings again (saved at the top)\n");
        for s in restore {
            out.push_str(&format!("{s};\n"));
        }
    }
    out
}

/// Heads a MySQL/MariaDB script holding non-ASCII text: the `mysql` client sends a file in its
/// own default character set (utf8mb3 or latin1 on some installs, which cannot carry 4-byte
/// characters: "Incorrect string value", or mangles them), and a driver's is utf8mb4 already.
pub(crate) const MYSQL_UTF8: &str = "-- the text below is UTF-8, 4-byte characters included\nSET NAMES utf8mb4;\n";

/// A MySQL/MariaDB step as the `mysql`/`mariadb` client runs it: the client ends a statement
/// at every `;` outside quotes, so a statement holding one (a trigger or routine `BEGIN ... END`
/// body) is framed by `DELIMITER` lines with a delimiter its text does not contain.
pub(crate) fn mysql_step_sql(step: &Step) -> String {
    let mut out = String::new();
    for s in &step.statements {
        let body = s.trim_end();
        let body = body.strip_suffix(';').unwrap_or(body).trim_end();
        if !body.contains(';') {
            out.push_str(body);
            out.push_str(";\n");
            continue;
        }
        let delim = ["$$", "//", "$$$", "///"].into_iter().find(|d| !body.contains(d)).unwrap_or("@@schemashift@@");
        out.push_str(&format!("DELIMITER {delim}\n{body}{delim}\nDELIMITER ;\n"));
    }
    out
}

fn engine_label(t: &Target) -> String {
    t.label()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Change;
    use crate::model::QName;

    fn step(statements: &[&str]) -> Step {
        let change = Change::DropTable { table: crate::model::Table::new(QName::new("", "t")) };
        Step::new(change, statements.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn mysql_bodies_with_semicolons_get_a_delimiter() {
        let t = Target::default_for(Dialect::Mysql);
        let body = "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; SET NEW.n = 2; END";
        let sql = script(&[step(&["DROP TRIGGER IF EXISTS tr", body])], &t, "up");
        assert!(sql.contains(&format!("DROP TRIGGER IF EXISTS tr;\nDELIMITER $$\n{body}$$\nDELIMITER ;\n")), "{sql}");
    }

    #[test]
    fn mysql_scripts_with_non_ascii_text_name_their_character_set() {
        let t = Target::default_for(Dialect::Mysql);
        let sql = script(&[step(&["ALTER TABLE t COMMENT = 'caf\u{e9} \u{1f600}'"])], &t, "up");
        assert!(sql.contains("SET NAMES utf8mb4;\n") && sql.find("SET NAMES") < sql.find("ALTER TABLE"), "{sql}");
        assert!(!script(&[step(&["DROP TABLE t"])], &t, "up").contains("SET NAMES"));
        let pg = script(&[step(&["COMMENT ON TABLE t IS 'caf\u{e9}'"])], &Target::default_for(Dialect::Postgres), "up");
        assert!(!pg.contains("SET NAMES"), "{pg}");
    }

    #[test]
    fn mysql_delimiter_avoids_text_of_the_body() {
        let t = Target::default_for(Dialect::Mysql);
        let body = "CREATE PROCEDURE p() BEGIN SELECT '$$'; END;";
        let sql = script(&[step(&[body])], &t, "up");
        assert!(sql.contains("DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT '$$'; END//\nDELIMITER ;\n"), "{sql}");
    }

    #[test]
    fn mysql_scripts_give_the_session_its_sql_mode_back() {
        let t = Target::default_for(Dialect::Mysql);
        let strict = crate::target::MYSQL_STRICT;
        let sql = script(&[step(&[strict, "DROP TABLE a"]), step(&[strict, "DROP TABLE b"])], &t, "up");
        let save = format!("{};\n{strict};\nDROP TABLE a;\n", crate::target::MYSQL_SAVE_MODE);
        assert!(sql.contains(&save) && sql.matches(strict).count() == 1, "{sql}");
        let restore = crate::target::MYSQL_RESTORE.map(|s| format!("{s};\n")).concat();
        assert!(sql.ends_with(&format!("DROP TABLE b;\n\n-- the session's own settings again (saved at the top)\n{restore}")), "{sql}");
        assert_eq!(script(&[], &t, "up"), "");
        let pg = script(&[step(&["DROP TABLE a"])], &Target::default_for(Dialect::Postgres), "up");
        assert!(!pg.contains("schemashift_old"), "{pg}");
    }

    #[test]
    fn postgres_statements_are_left_alone() {
        let t = Target::default_for(Dialect::Postgres);
        let body = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$";
        let sql = script(&[step(&[body])], &t, "up");
        assert!(sql.contains(&format!("{body};\n")) && !sql.contains("DELIMITER"), "{sql}");
    }
}
