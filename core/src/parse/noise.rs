//! Statements that do not change the schema and are skipped on purpose: session settings,
//! transactions, privileges, data, locks and maintenance commands that dumps (pg_dump,
//! mysqldump, sqlite3 .dump) and migration files contain. Each is reported as an `info`
//! diagnostic with `ignored = true`.

use super::cursor::Cursor;
use super::{Outcome, State};

/// Why a data statement is ignored (`generate` says once that AFTER's are not run).
pub const DATA: &str = "data, not schema";

/// First words and the reason they are ignored.
const IGNORED: &[(&[&str], &str)] = &[
    (&["set"], "session setting"),
    (&["select"], "query (e.g. pg_catalog.set_config): no schema effect"),
    (&["lock"], "table lock"),
    (&["unlock"], "table lock"),
    (&["begin"], "transaction control"),
    (&["start", "transaction"], "transaction control"),
    (&["commit"], "transaction control"),
    (&["rollback"], "transaction control"),
    (&["savepoint"], "transaction control"),
    (&["release"], "transaction control"),
    (&["end"], "transaction control"),
    (&["use"], "database selection"),
    (&["insert"], DATA),
    (&["replace"], DATA),
    (&["update"], DATA),
    (&["delete"], DATA),
    (&["copy"], DATA),
    (&["truncate"], DATA),
    // (`call` and `do` are said as warnings by `recognize`: kept here for `first_word`.)
    (&["call"], "procedure call"),
    (&["do"], "anonymous code block"),
    (&["analyze"], "maintenance command"),
    (&["analyse"], "maintenance command"),
    (&["vacuum"], "maintenance command"),
    (&["reindex"], "maintenance command"),
    (&["checkpoint"], "maintenance command"),
    (&["cluster"], "maintenance command"),
    (&["discard"], "session command"),
    (&["reset"], "session setting"),
    (&["pragma"], "SQLite pragma"),
    (&["security", "label"], "security labels are not part of the schema model"),
    (&["refresh", "materialized", "view"], "data refresh"),
    (&["flush"], "server command"),
    (&["optimize"], "maintenance command"),
    (&["explain"], "query"),
    (&["show"], "query"),
    (&["values"], "query"),
    (&["with"], "query"),
    (&["notify"], "notification"),
    (&["listen"], "notification"),
];

/// Statements about roles.
const ROLES: &[&[&str]] = &[
    &["alter", "role"],
    &["alter", "user"],
    &["alter", "group"],
    &["drop", "role"],
    &["drop", "user"],
    &["drop", "group"],
    &["reassign", "owned"],
];

/// An `Ignored` outcome when the statement is one of the known no-effect statements.
pub fn recognize(st: &mut State, c: &mut Cursor) -> Option<Outcome> {
    if st.d == crate::Dialect::Postgres {
        if let Ok(true) = super::storage::session_setting(c, &mut st.pg_defaults) {
            return Some(Outcome::Applied);
        }
        c.pos = 0;
    }
    // Every list below starts with a keyword: a statement whose first word is none of theirs
    // leaves without trying each.
    let first = match c.peek() {
        Some(sqlparser::tokenizer::Token::Word(w)) if w.quote_style.is_none() => w.value.as_str(),
        _ => return None,
    };
    let first = first_word(first)?;
    let may = |words: &[&str]| words.first() == Some(&first);
    // Roles are cluster objects: said once per input (`privileges::roles_once`).
    for words in ROLES.iter().filter(|w| may(w)) {
        if c.eat_kws(words) {
            return Some(super::privileges::roles_once(st));
        }
        c.pos = 0;
    }
    if first == "insert" {
        if let Some(note) = super::copy_renames::record(st, c) {
            return Some(Outcome::Ignored(note));
        }
    }
    // MySQL's `DO` evaluates expressions and discards them (no statement inside; a stored
    // function cannot change the schema): in a dump, `DO SETVAL(seq, n, 0)` after `CREATE
    // SEQUENCE` (mariadb-dump) sets where the sequence stands, which is data.
    if first == "do" && st.d == crate::Dialect::Mysql {
        return Some(Outcome::Ignored(
            "DO ignored: MySQL's DO evaluates expressions only (a dump's SETVAL of a sequence: its position, data, not schema)".into(),
        ));
    }
    // Code run by the server: what it does to the schema cannot be read from its text.
    if first == "do" || first == "call" {
        let (line, col) = c.position();
        let what = if first == "do" { "DO block" } else { "CALL of a procedure" };
        st.diags.push(
            crate::Diagnostic::warning(
                line,
                col,
                format!("{what} not run: a table, column or other object it creates, alters or drops is not in the schema read from this text (write that DDL as plain statements)"),
            )
            .with_statement(first.to_ascii_uppercase()),
        );
        return Some(Outcome::Applied);
    }
    for (words, why) in IGNORED.iter().filter(|(w, _)| may(w)) {
        if c.eat_kws(words) {
            return Some(Outcome::Ignored(format!("{} ignored: {why}", words.join(" ").to_ascii_uppercase())));
        }
    }
    None
}

/// The first word of the lists above that `word` is (ASCII case-insensitive): one set look-up
/// per statement instead of a case-insensitive comparison per list entry (most statements are
/// none of these).
fn first_word(word: &str) -> Option<&'static str> {
    static FIRST: std::sync::OnceLock<std::collections::BTreeSet<&'static str>> = std::sync::OnceLock::new();
    let first =
        FIRST.get_or_init(|| ROLES.iter().copied().chain(IGNORED.iter().map(|(w, _)| *w)).filter_map(|w| w.first().copied()).collect());
    // (Longer than every first word: none of them.)
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    first.get(std::str::from_utf8(lower).ok()?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mysql_do_is_ignored_a_postgres_do_block_warned() {
        let my = crate::parse::parse(crate::Dialect::Mysql, "CREATE SEQUENCE s START WITH 1000;\nDO SETVAL(`s`, 1000, 0);");
        let d = my.diagnostics.iter().find(|d| d.line == 2).map(|d| (d.is_error(), d.ignored));
        assert_eq!(d, Some((false, true)), "{:?}", my.diagnostics);
        let pg = crate::parse::parse(crate::Dialect::Postgres, "DO $$ BEGIN CREATE TABLE t (a int); END $$;");
        assert!(pg.diagnostics.iter().any(|d| d.message.starts_with("DO block not run")), "{:?}", pg.diagnostics);
    }

    #[test]
    fn first_words_are_the_lists_and_fit_the_buffer() {
        for words in ROLES.iter().copied().chain(IGNORED.iter().map(|(w, _)| *w)) {
            assert!(words[0].len() <= 16 && words[0] == words[0].to_ascii_lowercase());
            assert_eq!((first_word(words[0]), first_word(&words[0].to_ascii_uppercase())), (Some(words[0]), Some(words[0])));
        }
        for w in ["create", "CREATE", "comment", "", "sét", "settings", "a_very_long_word_indeed"] {
            assert_eq!(first_word(w), None, "{w}");
        }
    }
}
