//! Answers to data moves and user data steps, written in AFTER as comments.
//!
//! - `-- schemashift:copy-from addresses where kind = 'billing'` on the line before a new
//!   table's `CREATE TABLE` (or at the end of its first line): copy the rows of `addresses` that
//!   the optional `where` condition selects into this table (columns of the same name);
//! - `-- schemashift:no-copy`: the rows an inferred move would copy into this table are dropped
//!   on purpose;
//! - `/* schemashift:data-step up: UPDATE ...; down: UPDATE ...; */` anywhere: the user's own
//!   data step, placed in the plan by the tables it names (`plan::preserve::data_steps`).

use super::cursor::Comment;
use super::names::{self, Kind};
use crate::diff::move_filter::parse_filter;
use crate::model::{CopyHint, DataStepHint, QName};
use crate::{text, Diagnostic, Dialect};

pub const COPY_FROM: &str = "schemashift:copy-from";
pub const NO_COPY: &str = "schemashift:no-copy";
pub const DATA_STEP: &str = "schemashift:data-step";

/// The copy hints before (or on the first line of) the `CREATE TABLE` of `table`.
pub fn table_hints(d: Dialect, comments: &[Comment], first_line: usize, table: &QName, diags: &mut Vec<Diagnostic>) -> Vec<CopyHint> {
    let mut out = Vec::new();
    for c in comments.iter().filter(|c| c.line <= first_line) {
        let t = c.text.trim();
        if let Some(rest) = t.strip_prefix(NO_COPY) {
            if !rest.trim().is_empty() {
                diags.push(Diagnostic::error(c.line, 1, format!("`{NO_COPY}` takes nothing after it (found `{}`)", rest.trim())));
                continue;
            }
            out.push(CopyHint { table: table.clone(), from: None, filter: None, line: c.line });
        } else if let Some(rest) = t.strip_prefix(COPY_FROM) {
            match copy_from(d, rest, table) {
                Ok((from, filter)) => out.push(CopyHint { table: table.clone(), from: Some(from), filter, line: c.line }),
                Err(e) => diags.push(Diagnostic::error(c.line, 1, format!("`{COPY_FROM}`: {e}"))),
            }
        }
    }
    out
}

/// `source [where condition]` (the text after `copy-from`, or `--copy`'s right side): the source
/// table, qualified like `context` when it is not, and the checked filter.
pub fn copy_from(d: Dialect, text: &str, context: &QName) -> Result<(QName, Option<String>), String> {
    let text = text.trim_start_matches([' ', '\t', '=', ':']).trim();
    let (name, rest) = read_name(text).ok_or("expected the source table's name, then optionally `where <condition>`")?;
    let rest = rest.trim();
    let filter = if rest.is_empty() {
        None
    } else {
        let Some(cond) = text::strip_prefix_ignore_case(rest, "where").filter(|c| c.starts_with(char::is_whitespace)) else {
            return Err(format!("expected `where <condition>` after the table name, found `{rest}`"));
        };
        parse_filter(d, cond)?;
        Some(cond.trim().trim_end_matches(';').trim().to_string())
    };
    let folded: Vec<String> = name
        .iter()
        .map(|(w, quoted)| {
            if *quoted {
                w.clone()
            } else {
                names::fold(
                    d,
                    Kind::Local,
                    &sqlparser::tokenizer::Word { value: w.clone(), quote_style: None, keyword: sqlparser::keywords::Keyword::NoKeyword },
                )
            }
        })
        .collect();
    let q = match folded.as_slice() {
        [n] => QName::new(context.schema.clone(), n.clone()),
        [s, n] => QName::new(s.clone(), n.clone()),
        _ => return Err("expected `table` or `schema.table`".into()),
    };
    Ok((q, filter))
}

/// A possibly qualified, possibly quoted name at the start of `s`: its parts (text, quoted) and
/// the rest of `s`.
fn read_name(s: &str) -> Option<(Vec<(String, bool)>, &str)> {
    let mut parts = Vec::new();
    let mut rest = s;
    loop {
        let mut chars = rest.char_indices();
        match chars.next() {
            Some((_, q @ ('"' | '`'))) => {
                let mut v = String::new();
                let mut end = None;
                let mut it = text::from(rest, 1).char_indices().peekable();
                while let Some((i, c)) = it.next() {
                    if c == q {
                        if it.peek().map(|x| x.1) == Some(q) {
                            it.next();
                            v.push(q);
                            continue;
                        }
                        end = Some(1 + i + c.len_utf8());
                        break;
                    }
                    v.push(c);
                }
                parts.push((v, true));
                rest = text::from(rest, end?);
            }
            Some(_) => {
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).unwrap_or(rest.len());
                if end == 0 {
                    return None;
                }
                parts.push((text::upto(rest, end).to_string(), false));
                rest = text::from(rest, end);
            }
            None => return None,
        }
        match rest.strip_prefix('.') {
            Some(r) => rest = r,
            None => break,
        }
    }
    Some((parts, rest))
}

/// The data steps in `text`: every `/* schemashift:data-step ... */` comment.
pub fn data_steps(d: Dialect, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<DataStepHint> {
    // Most inputs have none: no second pass over them.
    if !text.contains(DATA_STEP) {
        return Vec::new();
    }
    let comments = match super::cursor::tokenize(d, text, 1, 1) {
        Ok((_, comments)) => comments,
        // The input does not tokenize as a whole (the statements report why): find the comments
        // by their opening text.
        Err(_) => raw_block_comments(text),
    };
    let mut out = Vec::new();
    for c in comments {
        let Some(body) = c.text.trim_start().strip_prefix(DATA_STEP) else { continue };
        match data_step(d, body) {
            Ok((up, down)) => out.push(DataStepHint { up, down, line: c.line }),
            Err(e) => diags.push(Diagnostic::error(c.line, 1, format!("`{DATA_STEP}`: {e}"))),
        }
    }
    out
}

fn raw_block_comments(s: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text::from(s, from).find("/*").map(|i| from + i) {
        let Some(end) = text::from(s, start + 2).find("*/").map(|i| start + 2 + i) else { break };
        let line = text::upto(s, start).matches('\n').count() + 1;
        out.push(Comment { line, col: 1, text: text::between(s, start + 2, end).to_string() });
        from = end + 2;
    }
    out
}

/// `up: SQL [down: SQL]`: each side checked to be SQL statements (`sql_check::statements`).
fn data_step(d: Dialect, body: &str) -> Result<(String, Option<String>), String> {
    let body = body.trim();
    let lower = body.to_ascii_lowercase();
    if !lower.starts_with("up:") {
        return Err("expected `up: <SQL>;` then optionally `down: <SQL>;`".into());
    }
    // `down:` starts a statement: at the beginning of the body after `up:` or after a `;`.
    let down_at = lower.match_indices("down:").map(|(i, _)| i).find(|&i| {
        let before = text::between(&lower, 3, i);
        before.trim_end().ends_with(';') || before.trim().is_empty()
    });
    let (up, down) = match down_at {
        Some(i) => (text::between(body, 3, i), Some(text::from(body, i + 5))),
        None => (text::from(body, 3), None),
    };
    let check = |side: &str, sql: &str| -> Result<String, String> {
        let sql = sql.trim();
        if sql.trim_end_matches(';').trim().is_empty() {
            return Err(format!("the {side} SQL is empty"));
        }
        super::sql_check::statements(d, sql).map_err(|e| format!("the {side} SQL does not parse: {e}"))?;
        Ok(sql.to_string())
    };
    let up = check("up", up)?;
    let down = match down {
        Some(s) if !s.trim().is_empty() => Some(check("down", s)?),
        _ => None,
    };
    Ok((up, down))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_from_reads_name_and_filter() {
        let ctx = QName::new("", "billing");
        let (q, f) = copy_from(Dialect::Mysql, " addresses where kind = 'billing'", &ctx).unwrap();
        assert_eq!((q.name.as_str(), f.as_deref()), ("addresses", Some("kind = 'billing'")));
        let (q, f) = copy_from(Dialect::Postgres, " app.\"Addr\"", &QName::new("public", "b")).unwrap();
        assert_eq!((q.schema.as_str(), q.name.as_str(), f), ("app", "Addr", None));
        assert!(copy_from(Dialect::Mysql, " addresses where kind =", &ctx).is_err());
        assert!(copy_from(Dialect::Mysql, " addresses kind = 1", &ctx).is_err());
        assert!(copy_from(Dialect::Mysql, "", &ctx).is_err());
    }

    #[test]
    fn non_ascii_and_broken_hints_never_panic() {
        let ctx = QName::new("", "t");
        for text in
            ["é", "\"é", "\"adrés\" where kind = 'é'", "adrés wheré x", "`a`.`b` where", "a.", ".", "\"\"\"", "a where é = 'ü' AND (b = 1"]
        {
            let _ = copy_from(Dialect::Mysql, text, &ctx);
        }
        let (q, f) = copy_from(Dialect::Postgres, "\"adrés\" where kind = 'é'", &ctx).unwrap();
        assert_eq!((q.name.as_str(), f.as_deref()), ("adrés", Some("kind = 'é'")));
        let mut diags = Vec::new();
        for text in [
            "/* schemashift:data-step up: é",
            "/* schemashift:data-step up: UPDATE t SET a = 'é'; down: é */",
            "/*é*/ /* schemashift:data-step",
            "'/* schemashift:data-step up: x */",
        ] {
            let _ = data_steps(Dialect::Postgres, text, &mut diags);
        }
    }

    #[test]
    fn data_steps_are_read_with_their_position() {
        let mut diags = Vec::new();
        let text = "CREATE TABLE t (a int);\n/* schemashift:data-step up: UPDATE t SET a = 1; down: UPDATE t SET a = 0; */\n/* schemashift:data-step down: x */";
        let steps = data_steps(Dialect::Postgres, text, &mut diags);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].up, "UPDATE t SET a = 1;");
        assert_eq!(steps[0].down.as_deref(), Some("UPDATE t SET a = 0;"));
        assert_eq!(steps[0].line, 2);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 3);
    }
}
