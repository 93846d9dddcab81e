//! goose's reading of a `.sql` migration, line for line after pressly/goose v3
//! `internal/sqlparser/parser.go` (`ParseSQLMigration`), so the goose loader runs exactly the
//! statements goose would, and refuses the files goose refuses.
//!
//! - A line is an annotation only when it STARTS with `--` (no indentation) and the rest,
//!   trimmed, is exactly `+goose Up`, `+goose Down`, `+goose StatementBegin`,
//!   `+goose StatementEnd`, `+goose NO TRANSACTION` or `+goose ENVSUB ON/OFF`.
//! - Before the first statement line, blank lines and lines whose trimmed text starts with `--`
//!   are dropped; once a statement started, every line is kept (comments too).
//! - Outside StatementBegin/End a statement ends at a line whose last word before a word
//!   starting with `--` ends with `;` (`endsWithSemicolon`, words split on white space: a `;`
//!   at a line end inside a multi-line string literal ends the statement too).
//! - Errors: no `-- +goose Up`, a duplicate Up, Down before Up, StatementBegin never ended, an
//!   unfinished statement (no `;`) before Down or at the end of the file.
//! - ENVSUB is not modelled: a file holding `-- +goose ENVSUB ON` is refused here (our
//!   package never writes it; `${...}` in a statement would be substituted by goose).

/// The statements of one direction, and whether goose runs them in a transaction.
pub fn parse(text: &str, up: bool) -> Result<(Vec<String>, bool), String> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Start,
        Up,
        BeginUp,
        EndUp,
        Down,
        BeginDown,
        EndDown,
    }
    use State::*;
    let mut state = Start;
    let mut tx = true;
    let mut buf = String::new();
    let mut out = Vec::new();
    for line in text.split('\n') {
        // bufio.Scanner's ScanLines drops a trailing \r.
        let line = line.strip_suffix('\r').unwrap_or(line);
        if state == Start && line.trim().is_empty() {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("--") {
            match cmd.trim() {
                "+goose Up" => {
                    if state != Start {
                        return Err("duplicate '-- +goose Up' annotations".into());
                    }
                    state = Up;
                    continue;
                }
                "+goose Down" => {
                    if !matches!(state, Up | EndUp) {
                        return Err("must start with '-- +goose Up' annotation".into());
                    }
                    if !buf.trim().is_empty() {
                        return Err(format!("unexpected unfinished SQL query: {:?}: missing semicolon?", buf.trim()));
                    }
                    state = Down;
                    continue;
                }
                "+goose StatementBegin" => {
                    state = match state {
                        Up | EndUp => BeginUp,
                        Down | EndDown => BeginDown,
                        _ => return Err("'-- +goose StatementBegin' must be defined after '-- +goose Up' or '-- +goose Down'".into()),
                    };
                    continue;
                }
                "+goose StatementEnd" => {
                    // No `continue`: the line falls through to storing the statement.
                    state = match state {
                        BeginUp => EndUp,
                        BeginDown => EndDown,
                        _ => return Err("'-- +goose StatementEnd' must be defined after '-- +goose StatementBegin'".into()),
                    };
                }
                "+goose NO TRANSACTION" => {
                    tx = false;
                    continue;
                }
                "+goose ENVSUB ON" | "+goose ENVSUB OFF" => return Err("ENVSUB is not modelled by this loader".into()),
                _ => {}
            }
        }
        if buf.is_empty() && (line.trim().starts_with("--") || line.is_empty()) {
            continue;
        }
        if !matches!(state, EndUp | EndDown) {
            buf.push_str(line);
            buf.push('\n');
        }
        let ours = match state {
            Up | BeginUp | EndUp => up,
            Down | BeginDown | EndDown => !up,
            Start => return Err(format!("failed to parse migration: unexpected state on line {line:?}")),
        };
        if !ours {
            buf.clear();
            continue;
        }
        match state {
            Up | Down if ends_with_semicolon(line) => out.push(std::mem::take(&mut buf).trim().to_string()),
            EndUp | EndDown => {
                out.push(std::mem::take(&mut buf).trim().to_string());
                state = if state == EndUp { Up } else { Down };
            }
            _ => {}
        }
    }
    match state {
        Start => return Err("must start with '-- +goose Up' annotation".into()),
        BeginUp | BeginDown => return Err("missing '-- +goose StatementEnd' annotation".into()),
        _ => {}
    }
    if !buf.trim().is_empty() {
        return Err(format!("unexpected unfinished SQL query: {:?}: missing semicolon?", buf.trim()));
    }
    Ok((out, tx))
}

/// goose's `endsWithSemicolon`: the last white-space separated word before one starting with
/// `--` ends with `;`.
fn ends_with_semicolon(line: &str) -> bool {
    let mut prev = "";
    for word in line.split_whitespace() {
        if word.starts_with("--") {
            break;
        }
        prev = word;
    }
    prev.ends_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_as_goose_cuts_them() {
        let f = "-- +goose NO TRANSACTION\n-- +goose Up\n-- lead comment\nCREATE TABLE a (x int); -- trailing\n\
                 -- +goose StatementBegin\nCREATE FUNCTION f() AS $$ BEGIN; END $$;\n-- +goose StatementEnd\n\
                 -- +goose Down\nDROP TABLE a;\n";
        let (up, tx) = parse(f, true).unwrap();
        assert!(!tx);
        assert_eq!(up, ["CREATE TABLE a (x int); -- trailing", "CREATE FUNCTION f() AS $$ BEGIN; END $$;"]);
        assert_eq!(parse(f, false).unwrap().0, ["DROP TABLE a;"]);
    }

    #[test]
    fn goose_refuses_what_it_refuses() {
        // A `;` at a line end inside a string ends the statement; the rest is unfinished.
        assert!(parse("-- +goose Up\nINSERT INTO t VALUES ('a;\nb');\n", true).is_ok_and(|(s, _)| s.len() == 2));
        assert!(parse("-- +goose Up\nSELECT 1\n", true).is_err());
        assert!(parse("SELECT 1;\n", true).is_err());
        assert!(parse("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n", true).is_err());
        // An indented annotation is not one: the line is SQL.
        assert!(parse("-- +goose Up\nSELECT 1;\n  -- +goose Down\nSELECT 2;\n", false).is_ok_and(|(s, _)| s.is_empty()));
    }
}
