//! Flyway's reading of a SQL migration: its statements and whether it runs in a transaction,
//! after flyway/flyway `flyway-core/.../internal/parser/Parser.java` (`getNextStatement`: a
//! statement ends at the delimiter only at parenthesis depth 0 and block depth 0; an
//! unfinished block at the end of the file is "Incomplete statement") and each database's
//! parser:
//!
//! - SQLite (`SQLiteParser.java`): the keywords `BEGIN` and `CASE` open a block, `END`
//!   closes one (compared as written, upper case). So a transaction's `BEGIN;` opens a block
//!   that no `END` closes: Flyway refuses the file. `PRAGMA foreign_keys` cannot run in a
//!   transaction (`detectCanExecuteInTransaction`).
//! - MySQL/MariaDB (`MySQLParser.java`): `DELIMITER x` changes the delimiter for the rest of
//!   the file; cut here as the mysql client cuts (`split::Flavor::MysqlClient`). Not modelled:
//!   its `BEGIN ... END` depth for statements matching `STORED_PROGRAM_REGEX` (`CREATE
//!   TRIGGER`, `CREATE [DEFINER=...] PROCEDURE|FUNCTION|EVENT`), so a body WITHOUT `DELIMITER`
//!   is cut here where Flyway might keep it: stricter than Flyway.
//! - PostgreSQL (`PostgreSQLParser.java`): dollar quotes and `BEGIN ATOMIC` bodies, cut here
//!   as psql cuts (`split::Flavor::Postgres`); statements that cannot run in a transaction
//!   (`CREATE|DROP [UNIQUE] INDEX CONCURRENTLY`, `REINDEX ... SCHEMA|DATABASE|SYSTEM`,
//!   `VACUUM`, `DISCARD ALL`, `ALTER SYSTEM`, `CREATE|DROP DATABASE|TABLESPACE|SUBSCRIPTION`)
//!   are detected from the statement's first words.
//!
//! Transactions (`ParserSqlScript.parse`, `SqlMigrationExecutor`): a script runs in one
//! transaction unless its script configuration says `executeInTransaction=false`, or every
//! statement is non-transactional; a script mixing both without that setting is refused
//! ("Detected both transactional and non-transactional statements within the same
//! migration (even though mixed is false)"; `mixed` is off by default).

use crate::split::{split, Flavor};
use schemashift::Dialect;

/// The statements of a Flyway script and whether Flyway runs it in a transaction.
/// `in_transaction`: the script configuration's `executeInTransaction`, if it sets it.
pub fn read(text: &str, d: Dialect, in_transaction: Option<bool>) -> Result<(Vec<String>, bool), String> {
    let statements = match d {
        Dialect::Sqlite => sqlite_statements(text)?,
        Dialect::Mysql => split(text, Flavor::MysqlClient),
        Dialect::Postgres => split(text, Flavor::Postgres),
    };
    let non_tx = statements.iter().filter(|s| !can_run_in_transaction(s, d)).count();
    let tx = match in_transaction {
        Some(v) => v,
        None if non_tx == 0 => true,
        None if non_tx == statements.len() => false,
        None => {
            return Err(
                "Detected both transactional and non-transactional statements within the same migration (even though mixed is false)"
                    .into(),
            )
        }
    };
    Ok((statements, tx))
}

/// The first words of a statement, upper case, comments left out.
fn words(s: &str, n: usize) -> Vec<String> {
    let text: String = s.lines().map(|l| l.split("--").next().unwrap_or("")).collect::<Vec<_>>().join(" ");
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).take(n).map(str::to_ascii_uppercase).collect()
}

fn can_run_in_transaction(s: &str, d: Dialect) -> bool {
    let w = words(s, 5);
    let w: Vec<&str> = w.iter().map(String::as_str).collect();
    match d {
        Dialect::Sqlite => !matches!(w.as_slice(), ["PRAGMA", "FOREIGN_KEYS", ..]),
        Dialect::Mysql => true,
        Dialect::Postgres => !matches!(
            w.as_slice(),
            ["CREATE" | "DROP", "INDEX", "CONCURRENTLY", ..]
                | ["CREATE" | "DROP", "UNIQUE", "INDEX", "CONCURRENTLY", ..]
                | ["REINDEX", "SCHEMA" | "DATABASE" | "SYSTEM", ..]
                | ["REINDEX", "VERBOSE", "SCHEMA" | "DATABASE" | "SYSTEM", ..]
                | ["VACUUM", ..]
                | ["DISCARD", "ALL", ..]
                | ["ALTER", "SYSTEM", ..]
                | ["CREATE" | "DROP", "DATABASE" | "TABLESPACE" | "SUBSCRIPTION", ..]
        ),
    }
}

/// SQLiteParser's statements: `;` ends one at parenthesis and block depth 0; `BEGIN`/`CASE`
/// open a block, `END` closes one; `'...'`, `"..."`, `` `...` ``, `--` and `/* */` skipped.
fn sqlite_statements(text: &str) -> Result<Vec<String>, String> {
    let b = text.as_bytes();
    let (mut i, mut start, mut parens, mut blocks) = (0usize, 0usize, 0i32, 0i32);
    let mut out = Vec::new();
    let push = |from: usize, to: usize, out: &mut Vec<String>| {
        let s = text[from..to].trim();
        let only_comments = s.lines().all(|l| l.trim().is_empty() || l.trim().starts_with("--"));
        if !only_comments {
            out.push(s.to_string());
        }
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'\'' | b'"' | b'`' => {
                i += 1;
                while i < b.len() && b[i] != c {
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            }
            b'(' => {
                parens += 1;
                i += 1;
            }
            b')' => {
                parens -= 1;
                i += 1;
            }
            b';' if parens == 0 && blocks == 0 => {
                push(start, i, &mut out);
                i += 1;
                start = i;
            }
            _ if c == b'_' || c.is_ascii_alphabetic() => {
                let w = i;
                while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                if parens == 0 {
                    match &text[w..i] {
                        "BEGIN" | "CASE" => blocks += 1,
                        "END" => blocks -= 1,
                        _ => {}
                    }
                }
            }
            _ => i += 1,
        }
    }
    if blocks > 0 || parens > 0 {
        return Err(format!("Incomplete statement at end of file: {}", crate::shorten(&text[start..], 160)));
    }
    push(start, text.len(), &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_blocks_as_flyway_counts_them() {
        let t = "CREATE TRIGGER tr AFTER INSERT ON p BEGIN UPDATE p SET b = CASE WHEN 1 THEN 'x;' END; END;\nSELECT 1;";
        assert_eq!(read(t, Dialect::Sqlite, None).unwrap().0.len(), 2);
        // A transaction's BEGIN opens a block nothing closes.
        assert!(read("PRAGMA foreign_keys=OFF;\nBEGIN;\nDROP TABLE p;\nCOMMIT;\n", Dialect::Sqlite, Some(false)).is_err());
        // SAVEPOINT / RELEASE are plain statements.
        let (s, tx) = read("PRAGMA foreign_keys=OFF;\nSAVEPOINT a;\nDROP TABLE p;\nRELEASE a;\n", Dialect::Sqlite, Some(false)).unwrap();
        assert_eq!((s.len(), tx), (4, false));
    }

    #[test]
    fn postgres_concurrently_needs_the_script_setting() {
        let t = "INSERT INTO log VALUES (1);\nCREATE INDEX CONCURRENTLY i ON t (a);\n";
        assert!(read(t, Dialect::Postgres, None).is_err());
        assert!(!read(t, Dialect::Postgres, Some(false)).unwrap().1);
        assert!(!read("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a);", Dialect::Postgres, None).unwrap().1);
    }
}
