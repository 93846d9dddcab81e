//! `UPDATE t SET col = ... [FROM ...] [WHERE ...]` in a migration history: recorded with the
//! columns its `SET` writes (`Schema.updates`), so that the migration can run one that fills a
//! column it adds (`plan::history_updates`: `ADD COLUMN cents`, `UPDATE t SET cents = amount *
//! 100`, `DROP COLUMN amount` keeps the values, converted). The statement is still reported as
//! data (`noise.rs`). A multi-table `UPDATE` (MySQL `UPDATE a JOIN b`, `UPDATE a, b`) is not
//! recorded.

use super::cursor::Cursor;
use super::names::Kind;
use super::{State, Stmt};
use crate::model::HistoryUpdate;
use sqlparser::tokenizer::Token;

/// Record `stmt` when it is a single-table `UPDATE`.
pub fn record(st: &mut State, stmt: &Stmt) {
    let mut c = Cursor::new(st.d, stmt.toks);
    let (line, col) = c.position();
    if let Some((table, columns)) = read(&mut c) {
        let text = stmt.text.trim().trim_end_matches(';').trim_end().to_string();
        st.schema.updates.push(HistoryUpdate { table, columns, text, line, col });
    }
}

fn read(c: &mut Cursor) -> Option<(crate::model::QName, Vec<String>)> {
    if !c.eat_kw("update") {
        return None;
    }
    c.eat_kw("only");
    let table = c.qname().ok()?;
    // An alias, then SET (a join or a second table: not one table's update).
    if c.eat_kw("as") || !c.is_kw("set") {
        if !matches!(c.peek(), Some(Token::Word(_))) || c.is_kw("join") {
            return None;
        }
        c.ident(Kind::Local).ok()?;
    }
    if !c.eat_kw("set") {
        return None;
    }
    // The assignments: up to FROM, WHERE or RETURNING outside parentheses.
    let mut columns = Vec::new();
    let mut depth = 0i32;
    let mut expect_target = true;
    while let Some(t) = c.peek() {
        match t {
            Token::LParen if expect_target && depth == 0 => {
                // `(a, b) = (...)`.
                columns.extend(c.ident_list(Kind::Local).ok()?);
                expect_target = false;
                continue;
            }
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            Token::Comma if depth == 0 => {
                expect_target = true;
                c.pos += 1;
                continue;
            }
            Token::Word(w)
                if depth == 0
                    && w.quote_style.is_none()
                    && ["from", "where", "returning"].iter().any(|k| w.value.eq_ignore_ascii_case(k)) =>
            {
                break;
            }
            Token::Word(_) if expect_target && depth == 0 => {
                // `col`, `t.col`, `col.field` (a composite's field) or `col[1]`: its column.
                let first = c.ident(Kind::Local).ok()?;
                let name = if c.eat(&Token::Period) { c.ident(Kind::Local).ok()? } else { first.clone() };
                // `t.col` names the table (or its alias) first; `col.field` a field of col.
                columns.push(if c.is(&Token::Eq) || c.is(&Token::LBracket) { name } else { first });
                expect_target = false;
                continue;
            }
            _ => {}
        }
        c.pos += 1;
    }
    (!columns.is_empty()).then_some((table, columns))
}

#[cfg(test)]
mod tests {
    use crate::parse::parse;
    use crate::Dialect;

    fn updates(d: Dialect, sql: &str) -> Vec<(String, Vec<String>)> {
        parse(d, sql).schema.updates.iter().map(|u| (u.table.to_string(), u.columns.clone())).collect()
    }

    #[test]
    fn set_targets_are_read() {
        let pg = |s: &str| updates(Dialect::Postgres, s);
        assert_eq!(pg("UPDATE orders SET cents = amount * 100"), [("public.orders".into(), vec!["cents".to_string()])]);
        assert_eq!(
            pg("UPDATE ONLY s.t AS x SET a = f(b, c), \"B\" = 1 FROM u WHERE x.id = u.id"),
            [("s.t".into(), vec!["a".to_string(), "B".to_string()])]
        );
        assert_eq!(pg("UPDATE t SET (a, b) = (1, 2) WHERE true"), [("public.t".into(), vec!["a".to_string(), "b".to_string()])]);
        assert_eq!(pg("UPDATE t SET t.a = 1"), [("public.t".into(), vec!["a".to_string()])]);
        assert_eq!(updates(Dialect::Mysql, "UPDATE a JOIN b ON a.id = b.id SET a.x = b.y"), []);
        assert_eq!(updates(Dialect::Mysql, "UPDATE `t` SET `x` = 1"), [("t".into(), vec!["x".to_string()])]);
    }
}
