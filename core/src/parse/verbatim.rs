//! Text kept exactly as written: the bodies of MySQL/MariaDB and SQLite triggers, routines and
//! events, and the queries of MySQL and SQLite views. Those engines store such a body byte for
//! byte as the statement gave it (MariaDB rewrites only a view's query), so the migration
//! sends AFTER's own text, never a re-cased or re-spaced copy of it.

use super::opaque::offset_of;
use super::Stmt;

/// The statement's text of tokens `from..to`: up to the start of token `to` when there is
/// one, else as `from_token`.
pub fn tokens(stmt: &Stmt, from: usize, to: usize) -> String {
    match (stmt.toks.first(), stmt.toks.get(from), stmt.toks.get(to)) {
        (Some(first), Some(start), Some(stop)) => {
            let at = |l: usize, c: usize| offset_of(stmt.text, first.line, first.col, l, c);
            stmt.text.get(at(start.line, start.col)..at(stop.line, stop.col)).unwrap_or("").trim_end().to_string()
        }
        _ => from_token(stmt, from),
    }
}

/// The statement's text from token `from` to the end of its last token: comments and
/// whitespace after the last token (a dump's `/* v(a,b) */`, a blanked `*/`) are left out.
pub fn from_token(stmt: &Stmt, from: usize) -> String {
    let (Some(first), Some(start), Some(last)) = (stmt.toks.first(), stmt.toks.get(from), stmt.toks.last()) else {
        return String::new();
    };
    let at = |l: usize, c: usize| offset_of(stmt.text, first.line, first.col, l, c);
    let begin = at(start.line, start.col);
    let last_start = at(last.line, last.col);
    // The first comment after the last token's start ends the body.
    let end = stmt
        .comments
        .iter()
        .filter(|c| (c.line, c.col) > (last.line, last.col))
        .map(|c| at(c.line, c.col))
        .min()
        .unwrap_or(stmt.text.len())
        .max(last_start);
    stmt.text.get(begin..end).unwrap_or("").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use crate::parse::parse;
    use crate::Dialect;

    #[test]
    fn mysql_trigger_body_is_kept_as_written() {
        let p = parse(
            Dialect::Mysql,
            "CREATE TABLE t (a int);\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = IFNULL(new.A,  0) /* c */;",
        );
        let tr = p.schema.triggers.values().next().map(|t| t.definition.clone()).unwrap_or_default();
        assert_eq!(tr, "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\nSET NEW.a = IFNULL(new.A,  0)");
    }

    #[test]
    fn sqlite_trigger_and_view_text_are_kept_as_written() {
        let p = parse(
            Dialect::Sqlite,
            "CREATE TABLE t (a text);\ncreate trigger if not exists tr after insert on t begin\n  update t SET a = 'X';\nend;\nCREATE VIEW v AS SELECT a AS \"Label\" FROM t\n/* v(Label) */;",
        );
        let tr = p.schema.triggers.values().next().map(|t| t.definition.clone()).unwrap_or_default();
        assert_eq!(tr, "CREATE TRIGGER tr after insert on t begin\n  update t SET a = 'X';\nend");
        let v = p.schema.views.values().next().map(|v| v.query().to_string()).unwrap_or_default();
        assert_eq!(v, "SELECT a AS \"Label\" FROM t");
    }

    #[test]
    fn mysql_routine_head_is_canonical_and_body_as_written() {
        let ddl = "CREATE FUNCTION f(x int) RETURNS varchar(10) DETERMINISTIC COMMENT 'c' RETURN IF(x > 0, 'Yes', 'no')";
        let dump = "CREATE DEFINER=`root`@`localhost` FUNCTION `f`(x int) RETURNS varchar(10) CHARSET latin1 COLLATE latin1_swedish_ci\n    COMMENT 'c'\n    DETERMINISTIC\nRETURN IF(x > 0, 'Yes', 'no')\n";
        let a = parse(Dialect::Mysql, ddl);
        let b = parse(Dialect::Mysql, dump);
        assert_eq!(a.schema.functions, b.schema.functions);
        let f = a.schema.functions.values().next().map(|f| f.definition.clone()).unwrap_or_default();
        assert_eq!(f, "CREATE FUNCTION f(x int) RETURNS varchar(10) DETERMINISTIC COMMENT 'c'\nRETURN IF(x > 0, 'Yes', 'no')");
        // DEFINER is said once per input, not dropped silently.
        assert_eq!(b.diagnostics.iter().filter(|d| d.message.contains("DEFINER")).count(), 1);
        // `CHARSET cs` alone is `cs` with its default collation, as the dump prints it.
        let lone = parse(Dialect::Mysql, &ddl.replace("varchar(10)", "varchar(10) CHARSET latin1"));
        assert_eq!(lone.schema.functions, b.schema.functions);
        let other = parse(Dialect::Mysql, &ddl.replace("varchar(10)", "varchar(10) CHARSET latin1 COLLATE latin1_bin"));
        assert_ne!(other.schema.functions, b.schema.functions);
    }

    #[test]
    fn mysql_routine_is_known_by_its_name_and_kind() {
        // No overloading: other parameters make the same routine changed, not a second one.
        let a = parse(Dialect::Mysql, "CREATE PROCEDURE p(IN a int) SELECT a;");
        let b = parse(Dialect::Mysql, "CREATE PROCEDURE p(IN a int, IN b int) SELECT a + b;");
        assert_eq!(a.schema.functions.keys().collect::<Vec<_>>(), b.schema.functions.keys().collect::<Vec<_>>());
        // A function and a procedure of one name are refused at their place, not merged;
        // DROP PROCEDURE leaves the function of the name.
        let both = parse(Dialect::Mysql, "CREATE FUNCTION f() RETURNS int RETURN 1;\nCREATE PROCEDURE f() SELECT 1;");
        assert!(both.diagnostics.iter().any(|d| d.is_error() && d.line == 2), "{:?}", both.diagnostics);
        let dropped = parse(Dialect::Mysql, "CREATE FUNCTION f() RETURNS int RETURN 1;\nDROP PROCEDURE IF EXISTS f;");
        assert_eq!(dropped.schema.functions.len(), 1);
    }
}
