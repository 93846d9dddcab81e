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
        assert!(tr.ends_with("FOR EACH ROW SET NEW.a = IFNULL(new.A,  0)"), "{tr}");
    }
}

#[cfg(test)]
mod probe {
    #[test]
    fn probe_dump() {
        let Ok(a) = std::fs::read_to_string("/tmp/ms/a_dump3.sql") else { return };
        let p = crate::parse::parse(crate::Dialect::Mysql, &a);
        for f in p.schema.functions.values() {
            eprintln!("{:?}", f.definition);
        }
    }
}
