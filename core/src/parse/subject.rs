//! The objects a statement is about, named from its first tokens alone: what a statement that
//! could not be read (or had an error inside) meant to create, alter or drop. `generate` keeps
//! those objects unchanged (`unchanged.rs`), so a typo never turns into a DROP.
//!
//! Only the shape `VERB [modifiers] KIND [IF [NOT] EXISTS] name [, name]... [ON table]` is read,
//! and the verb itself is not checked (`CREAT TABLE orders` names table `orders`).

use super::cursor::{tokenize, Cursor, Tok};
use crate::{Dialect, ObjectKind, ObjectRef};
use sqlparser::tokenizer::Token;

/// How far into the statement the object's kind may be (`CREATE OR REPLACE DEFINER = x@y
/// SQL SECURITY INVOKER VIEW v` is the longest real prefix).
const KIND_WITHIN: usize = 14;

/// The objects `toks` names, in statement order (none when its kind or name is not there).
pub fn objects(d: Dialect, toks: &[Tok]) -> Vec<ObjectRef> {
    let mut c = Cursor::new(d, toks);
    // The verb: any word (misspelled ones included).
    if !matches!(c.peek(), Some(Token::Word(_))) {
        return Vec::new();
    }
    c.next();
    let mut kind = None;
    while kind.is_none() && c.pos < KIND_WITHIN && !c.at_end() {
        if matches!(c.peek(), Some(Token::LParen | Token::SemiColon)) || c.is_kw("as") {
            break;
        }
        kind = kind_word(&c);
        c.next();
    }
    // A misspelled kind right after the verb (`CREATE TABEL orders`) still names the object.
    let kind = match kind {
        Some(k) => k,
        None => {
            c.pos = 1;
            match misspelled_kind(&c) {
                Some(k) => {
                    c.next();
                    k
                }
                None => return Vec::new(),
            }
        }
    };
    let _ = c.eat_kws(&["if", "not", "exists"]) || c.eat_kws(&["if", "exists"]);
    let _ = c.eat_kw("concurrently");
    let _ = c.eat_kws(&["if", "not", "exists"]) || c.eat_kws(&["if", "exists"]);
    let _ = c.eat_kw("only");
    if kind == ObjectKind::Index && c.is_kw("on") {
        return Vec::new(); // an unnamed index: nothing to name
    }
    let mut names = Vec::new();
    loop {
        match c.qname() {
            Ok(q) if !q.name.is_empty() => names.push(q),
            _ => break,
        }
        // `DROP TABLE a, b`: every name; a comma elsewhere ends the list.
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    let table = match kind {
        ObjectKind::Index | ObjectKind::Trigger => on_table(&mut c),
        _ => None,
    };
    names.into_iter().map(|name| ObjectRef { kind, name, table: table.clone() }).collect()
}

/// The objects of a statement that could not even be tokenized: its first words, as many as
/// tokenize on their own.
pub fn objects_of_text(d: Dialect, text: &str) -> Vec<ObjectRef> {
    // The head of the statement only (it may be megabytes of one unterminated string).
    let head: String = text.chars().take(400).collect();
    let words: Vec<&str> = head.split_whitespace().take(KIND_WITHIN).collect();
    for n in (2..=words.len()).rev() {
        if let Ok((toks, _)) = tokenize(d, &words[..n].join(" "), 1, 1) {
            let found = objects(d, &toks);
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

fn kind_word(c: &Cursor) -> Option<ObjectKind> {
    let Some(Token::Word(w)) = c.peek() else { return None };
    if w.quote_style.is_some() {
        return None;
    }
    Some(match w.value.to_ascii_lowercase().as_str() {
        "table" => ObjectKind::Table,
        "index" => ObjectKind::Index,
        "view" => ObjectKind::View,
        "type" | "domain" => ObjectKind::Type,
        "sequence" => ObjectKind::Sequence,
        "function" | "procedure" => ObjectKind::Function,
        "trigger" => ObjectKind::Trigger,
        "event" => ObjectKind::Event,
        _ => return None,
    })
}

/// The kind a word at the cursor misspells (at most two edits, one transposition counting as
/// one), for words of four letters or more.
fn misspelled_kind(c: &Cursor) -> Option<ObjectKind> {
    let Some(Token::Word(w)) = c.peek() else { return None };
    if w.quote_style.is_some() || w.value.chars().count() < 4 {
        return None;
    }
    // Kind words have at most 9 letters; two edits away is at most 11.
    if w.value.len() > 11 {
        return None;
    }
    let word = w.value.to_ascii_lowercase();
    let kinds = [
        ("table", ObjectKind::Table),
        ("index", ObjectKind::Index),
        ("view", ObjectKind::View),
        ("sequence", ObjectKind::Sequence),
        ("function", ObjectKind::Function),
        ("procedure", ObjectKind::Function),
        ("trigger", ObjectKind::Trigger),
    ];
    let mut best = kinds.iter().map(|(k, kind)| (edits(&word, k), *kind)).filter(|(n, _)| *n <= 2).collect::<Vec<_>>();
    best.sort_by_key(|(n, _)| *n);
    // Ambiguous (two kinds equally close): no guess.
    match best.as_slice() {
        [(n, k), rest @ ..] if rest.first().is_none_or(|(m, _)| m > n) => Some(*k),
        _ => None,
    }
}

/// Optimal string alignment distance (insertions, deletions, substitutions, transpositions).
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = d.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// `... ON [ONLY] table` within the next few tokens (an index's or a trigger's table).
fn on_table(c: &mut Cursor) -> Option<crate::model::QName> {
    for _ in 0..KIND_WITHIN {
        if c.at_end() || c.is(&Token::LParen) {
            return None;
        }
        if c.eat_kw("on") {
            let _ = c.eat_kw("only");
            return c.qname().ok();
        }
        c.next();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QName;

    fn names(d: Dialect, sql: &str) -> Vec<String> {
        let (toks, _) = tokenize(d, sql, 1, 1).unwrap();
        objects(d, &toks).iter().map(|o| o.to_string()).collect()
    }

    #[test]
    fn names_the_object_from_the_first_tokens() {
        let pg = Dialect::Postgres;
        assert_eq!(names(pg, "CREAT TABLE orders (id bigint)"), ["table public.orders"]);
        assert_eq!(names(pg, "CREATE TABLE IF NOT EXISTS s.t (x"), ["table s.t"]);
        assert_eq!(names(pg, "ALTER TABLE ONLY x ADD foo bar"), ["table public.x"]);
        assert_eq!(names(pg, "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a"), ["index public.i on public.t"]);
        assert_eq!(names(pg, "CREATE OR REPLACE VIEW v AS SELECT"), ["view public.v"]);
        assert_eq!(names(pg, "CREATE MATERIALIZED VIEW mv AS"), ["view public.mv"]);
        assert_eq!(names(pg, "CREATE TYPE mood AS ENUM ("), ["type public.mood"]);
        assert_eq!(names(pg, "CREATE DOMAIN d AS int CHECK (VALUE >)"), ["type public.d"]);
        assert_eq!(names(pg, "CREATE FUNCTION f(a int) RETURNS"), ["function public.f"]);
        assert_eq!(names(pg, "CREATE TRIGGER tr BEFORE INSERT ON t FOR"), ["trigger public.tr on public.t"]);
        assert_eq!(names(pg, "DROP TABLE a, b CASCADE"), ["table public.a", "table public.b"]);
        assert!(names(pg, "CREATE INDEX ON t (a)").is_empty());
        assert_eq!(names(pg, "CREATE TABEL t (a int)"), ["table public.t"]);
        assert_eq!(names(pg, "ALTER TALBE t ADD x int"), ["table public.t"]);
        assert_eq!(names(pg, "CREAT VEIW v AS SELECT 1"), ["view public.v"]);
        assert!(names(pg, "INSERT INTO t VALUES (1)").is_empty());
        assert!(names(pg, "SELECT 1").is_empty());
        assert_eq!(names(Dialect::Mysql, "CREATE DEFINER=`root`@`%` SQL SECURITY DEFINER VIEW `v` AS"), ["view v"]);
        assert_eq!(names(Dialect::Sqlite, "CREAT TABLE \"Orders\" (x)"), ["table orders"]);
    }

    #[test]
    fn names_the_object_of_text_that_does_not_tokenize() {
        let found = objects_of_text(Dialect::Postgres, "CREATE TABLE t (a text DEFAULT 'oops)");
        assert_eq!(found, [ObjectRef { kind: ObjectKind::Table, name: QName::new("public", "t"), table: None }]);
    }
}
