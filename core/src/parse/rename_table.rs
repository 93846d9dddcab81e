//! MySQL `RENAME TABLE a TO b [, c TO d]`: each table renamed in turn, what names it following
//! (`table_edit::retarget_table`); a MariaDB sequence renamed the same way.

use super::cursor::{Cursor, PResult};
use super::table_edit::retarget_table;
use super::{Outcome, State};
use sqlparser::tokenizer::Token;

/// MySQL `RENAME TABLE a TO b [, c TO d]`.
pub fn rename_tables(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("rename")?;
    if !(c.eat_kw("table") || c.eat_kw("tables")) {
        return c.err("expected RENAME TABLE");
    }
    loop {
        let at = c.position();
        let old = c.qname()?;
        c.expect_kw("to")?;
        let new = c.qname()?;
        // MariaDB renames a sequence as a table (a default naming it keeps its text).
        if st.schema.sequences.contains_key(&old) && !st.schema.tables.contains_key(&old) {
            super::sequence::rename(st, &old, &new);
            super::history_renames::sequence(st, &old, &new, at);
            if !c.eat(&Token::Comma) {
                break;
            }
            continue;
        }
        let Some(mut t) = st.schema.tables.remove(&old) else {
            return c.err(format!("RENAME TABLE of unknown table `{old}`"));
        };
        t.name = new.clone();
        st.schema.tables.insert(new.clone(), t);
        retarget_table(st, &old, &new, at);
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    if !c.at_end() {
        return c.err("unexpected text after RENAME TABLE");
    }
    Ok(Outcome::Applied)
}
