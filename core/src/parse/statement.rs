//! One statement: tokenize, dispatch on its first words to the reader of its kind, and turn
//! the outcome into a diagnostic when it was not applied.

use super::cursor::{tokenize_into, Comment, Cursor, PErr, Tok};
use super::split::Piece;
use super::{
    alter_table, comment, create_table, domain, drop, events, index, noise, objects, opaque, privileges, routines, sequence, subject,
    Outcome, State, Stmt,
};
use crate::Diagnostic;
use sqlparser::tokenizer::Token;

/// The first words of a statement, for messages.
pub fn head(toks: &[Tok]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Token> = None;
    for t in toks.iter().take(8) {
        let glued = matches!(t.t, Token::Period | Token::LParen | Token::RParen | Token::Comma)
            || matches!(prev, Some(Token::Period | Token::LParen));
        if !s.is_empty() && !glued {
            s.push(' ');
        }
        prev = Some(&t.t);
        let text = t.t.to_string();
        s.push_str(&text.chars().take(40).collect::<String>());
    }
    if toks.len() > 8 {
        s.push_str(" ...");
    }
    s
}

pub fn run(st: &mut State, piece: &Piece) {
    // psql meta-commands (`\connect`, `\restrict` in recent pg_dump output).
    let trimmed = piece.text.trim_start();
    if trimmed.starts_with('\\') {
        let lead = piece.text.len() - trimmed.len();
        let (line, col) = position_after(piece, lead);
        let first: String = trimmed.split_whitespace().next().unwrap_or("").chars().take(40).collect();
        st.diags.push(Diagnostic::ignored(line, col, "psql meta-command ignored").with_statement(first));
        // A meta-command ends at the end of its line; what follows on later lines is SQL.
        if let Some(nl) = trimmed.find('\n') {
            let rest_off = lead + nl + 1;
            let (l2, c2) = position_after(piece, rest_off);
            let rest = Piece { text: crate::text::from(&piece.text, rest_off).to_string(), line: l2, col: c2 };
            if rest.text.trim().is_empty() {
                return;
            }
            run(st, &rest);
        }
        return;
    }
    // The cache lends the statement's tokens: it is out of the state while the statement runs.
    match st.tokens.take() {
        Some(mut cache) => {
            let tokenized = cache.tokenize(st.d, &piece.text, piece.line, piece.col);
            run_tokens(st, piece, tokenized.as_ref().map(|(toks, comments)| (toks.as_slice(), comments.as_slice())));
            st.tokens = Some(cache);
        }
        // No cache (a parse from scratch): the tokens are dropped after the statement, into
        // buffers kept for the next one.
        None => {
            let (mut toks, mut comments) = std::mem::take(&mut st.scratch);
            let tokenized = tokenize_into(st.d, &piece.text, piece.line, piece.col, &mut toks, &mut comments);
            run_tokens(st, piece, tokenized.as_ref().map(|()| (toks.as_slice(), comments.as_slice())));
            toks.clear();
            comments.clear();
            st.scratch = (toks, comments);
        }
    }
}

fn run_tokens(st: &mut State, piece: &Piece, tokenized: Result<(&[Tok], &[Comment]), &PErr>) {
    let (toks, comments) = match tokenized {
        Ok((toks, comments)) => (toks, comments),
        Err(e) => {
            let first: String = piece.text.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
            st.diags.push(
                Diagnostic::error(e.line, e.col, format!("cannot read statement: {}", e.message))
                    .with_statement(first.chars().take(80).collect::<String>())
                    .with_objects(subject::objects_of_text(st.d, &piece.text)),
            );
            return;
        }
    };
    st.diags.extend(super::renames::malformed_hints(st.d, comments));
    if toks.is_empty() {
        return;
    }
    let text = piece.text.get(opaque::offset_of(&piece.text, piece.line, piece.col, toks[0].line, toks[0].col)..).unwrap_or("");
    let stmt = Stmt { toks, comments, text };
    let (line, col) = (toks[0].line, toks[0].col);
    // The statement's first words, for messages only (not made for the statements that apply).
    let words = || head(toks);
    if let Some(t) = too_deep(toks) {
        let msg = format!("not understood: nested deeper than {MAX_NESTING} levels of parentheses or brackets");
        st.diags.push(Diagnostic::error(t.line, t.col, msg).with_statement(words()).with_objects(subject::objects(st.d, toks)));
        return;
    }
    let first_diag = st.diags.len();
    st.names.kept = false;
    let (outcome, notes) = super::names::noting(|| dispatch(st, &stmt));
    let declared = notes.declared;
    for (l, c, what) in notes.not_carried {
        st.diags.push(Diagnostic::warning(l, c, format!("{what} is not carried into the migration")).with_statement(words()));
    }
    for (l, c, message) in notes.warnings {
        st.diags.push(Diagnostic::warning(l, c, message).with_statement(words()));
    }
    if matches!(outcome, Ok(Outcome::Applied)) && !declared.is_empty() {
        spell(st, toks, &declared);
    }
    if !st.names.kept && !matches!(outcome, Ok(Outcome::Ignored(_))) {
        st.names.invalidate();
    }
    match outcome {
        Ok(Outcome::Applied) => {}
        Ok(Outcome::Ignored(why)) => st.diags.push(Diagnostic::ignored(line, col, why).with_statement(words())),
        Err(e) => st.diags.push(Diagnostic::error(e.line, e.col, format!("not understood: {}", e.message)).with_statement(words())),
    }
    // Every error of this statement names the objects it is about (treated as unchanged).
    let mut errors = st.diags[first_diag..].iter_mut().filter(|d| d.is_error() && d.objects.is_empty()).peekable();
    if errors.peek().is_some() {
        let mut objects = subject::objects(st.d, toks);
        // A table renamed by a hint: its old name is kept unchanged too (else it would be dropped).
        if let Some(table) = objects.iter().find(|o| o.kind == crate::ObjectKind::Table).map(|o| o.name.clone()) {
            if let Some(old) = super::renames::table_hint(st.d, comments, line) {
                objects.push(crate::ObjectRef {
                    kind: crate::ObjectKind::Table,
                    name: crate::model::RenameHint::old_table(&old.from, &table),
                    table: None,
                });
            }
        }
        for d in errors {
            d.objects = objects.clone();
        }
    }
}

/// Give the table a MySQL or SQLite statement made or changed the spellings of the names it
/// declared.
fn spell(st: &mut State, toks: &[Tok], declared: &[(super::names::Declared, String, String)]) {
    let objects = subject::objects(st.d, toks);
    let table = objects
        .iter()
        .find(|o| o.kind == crate::ObjectKind::Table)
        .map(|o| o.name.clone())
        .or_else(|| objects.iter().find_map(|o| o.table.clone()));
    if let Some(t) = table.and_then(|t| st.schema.tables.get_mut(&t)) {
        super::names::apply_declared(t, declared);
    }
}

/// The deepest nesting of parentheses and brackets a statement may have. SQLite refuses
/// expressions nested deeper than 1000 (`SQLITE_MAX_EXPR_DEPTH`); no real schema comes near
/// it, and the cap bounds the work of every reader on hostile input.
pub const MAX_NESTING: usize = 1000;

/// The first token that opens a level past `MAX_NESTING`, if any.
fn too_deep(toks: &[Tok]) -> Option<&Tok> {
    let mut depth = 0usize;
    for t in toks {
        match t.t {
            Token::LParen | Token::LBracket | Token::LBrace => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(t);
                }
            }
            Token::RParen | Token::RBracket | Token::RBrace => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Line and column of byte offset `off` in a piece.
fn position_after(piece: &Piece, off: usize) -> (usize, usize) {
    let before = crate::text::clip(&piece.text, off);
    let nl = before.matches('\n').count();
    if nl == 0 {
        (piece.line, piece.col + before.chars().count())
    } else {
        let last = before.rsplit('\n').next().unwrap_or("");
        (piece.line + nl, last.chars().count() + 1)
    }
}

fn dispatch(st: &mut State, stmt: &Stmt) -> super::cursor::PResult<Outcome> {
    let mut c = Cursor::new(st.d, stmt.toks);
    if c.is_kw("update") {
        super::history_updates::record(st, stmt);
    }
    if let Some(o) = noise::recognize(st, &mut c) {
        return Ok(o);
    }
    c.pos = 0;
    if c.is_kw("grant") || c.is_kw("revoke") {
        // Privileges name no index or constraint: the name index stays true (a GRANT after
        // every CREATE TABLE would rebuild it each time).
        st.names.kept = true;
        return privileges::grant_or_revoke(st, c);
    }
    if c.eat_kw("create") {
        return create(st, stmt, c);
    }
    if c.is_kw("alter") {
        return alter_table::alter(st, stmt, c);
    }
    if let Some(o) = opaque_drop_or_comment(st, stmt) {
        return o;
    }
    if c.is_kw("drop") {
        return drop::drop(st, c);
    }
    if c.is_kw("rename") {
        return super::rename_table::rename_tables(st, c);
    }
    if c.is_kw("comment") {
        return comment::comment_on(st, c);
    }
    c.err("unsupported statement")
}

fn create(st: &mut State, stmt: &Stmt, mut c: Cursor) -> super::cursor::PResult<Outcome> {
    if st.d == crate::Dialect::Mysql && events::is_event(&c) {
        c.pos = 0;
        return events::create_event(st, stmt, c);
    }
    let or_replace = c.eat_kws(&["or", "replace"]);
    // Modifiers before the object kind.
    loop {
        let skipped = [
            "temp",
            "temporary",
            "unlogged",
            "global",
            "local",
            "unique",
            "materialized",
            "recursive",
            "constraint",
            "trusted",
            "procedural",
            "aggregate",
            "definer",
            "algorithm",
            "sql",
            "security",
            "undefined",
            "merge",
            "temptable",
            "invoker",
            "virtual",
            "fulltext",
            "spatial",
            "online",
            "offline",
        ]
        .iter()
        .any(|k| c.is_kw(k));
        if skipped {
            c.next();
            // `DEFINER=user@host`, `ALGORITHM=MERGE`.
            if c.eat(&Token::Eq) {
                while !c.at_end()
                    && !c.is_kw("view")
                    && !c.is_kw("trigger")
                    && !c.is_kw("function")
                    && !c.is_kw("procedure")
                    && !c.is_kw("sql")
                    && !c.is_kw("event")
                    && !c.is_kw("table")
                {
                    c.next();
                }
            }
            continue;
        }
        break;
    }
    let kind = c.peek().map(|t| t.to_string().to_ascii_lowercase()).unwrap_or_default();
    // Kinds kept whole (`model::Opaque`); SQLite's `CREATE VIRTUAL TABLE` among them.
    let opaque_at = {
        let mut p = Cursor::new(st.d, stmt.toks);
        p.eat_kw("create");
        p.eat_kws(&["or", "replace"]);
        for m in ["default", "trusted", "procedural"] {
            p.eat_kw(m);
        }
        opaque::is_kind(&p)
    };
    c.pos = 0;
    if opaque_at {
        return opaque::create(st, stmt, c);
    }
    if kind == "table" && st.d == crate::Dialect::Sqlite {
        if let Some(vt) = shadow_of(st, stmt) {
            return Ok(Outcome::Ignored(format!("shadow table of virtual table `{vt}`: created and dropped with it")));
        }
    }
    match kind.as_str() {
        "table" => create_table::create_table(st, stmt, c),
        "index" => index::create_index(st, stmt, c),
        "view" => objects::create_view(st, stmt, c),
        "type" => objects::create_type(st, c),
        "domain" => domain::create_domain(st, c),
        "sequence" => sequence::create_sequence(st, stmt, c),
        "extension" => objects::create_extension(st, c),
        "schema" => objects::create_schema(st, c),
        "function" | "procedure" => routines::create_function(st, stmt, c, or_replace),
        "trigger" => routines::create_trigger(st, stmt, c),
        "policy" => routines::create_policy(st, c),
        "role" | "user" | "group" => Ok(privileges::roles_once(st)),
        "database" | "tablespace" | "event" => {
            Ok(Outcome::Ignored(format!("CREATE {} is a cluster-level object, outside the schema; ignored", kind.to_ascii_uppercase())))
        }
        _ => c.err("unsupported CREATE statement"),
    }
}

/// SQLite: the virtual table whose shadow table this `CREATE TABLE` creates.
fn shadow_of(st: &State, stmt: &Stmt) -> Option<String> {
    let mut c = Cursor::new(st.d, stmt.toks);
    c.eat_kw("create");
    c.eat_kw("table");
    c.eat_kws(&["if", "not", "exists"]);
    let name = c.qname().ok()?;
    opaque::sqlite_shadow_table(st, &name)
}

/// `DROP` or `COMMENT ON` of an object kept whole (`parse/opaque.rs`).
fn opaque_drop_or_comment(st: &mut State, stmt: &Stmt) -> Option<super::cursor::PResult<Outcome>> {
    let mut c = Cursor::new(st.d, stmt.toks);
    if c.eat_kw("drop") {
        return opaque::drop(st, stmt, &mut c);
    }
    if c.eat_kws(&["comment", "on"]) {
        return opaque::comment_on(st, stmt, &mut c);
    }
    None
}
