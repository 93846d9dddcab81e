//! Liquibase formatted SQL: `migrations/changelog.sql`, starting `--liquibase formatted sql`,
//! one changeset per part with its `--rollback` lines.
//!
//! Liquibase runs a changeset in a transaction unless `runInTransaction:false`; statements that
//! must run outside a transaction are changesets of their own, one per part: Liquibase splits a
//! changeset on `;` and runs the statements one by one on one connection (auto-commit when
//! `runInTransaction:false`), so a SQLite table rebuild keeps its `BEGIN` ... `COMMIT` inside
//! one changeset (as changesets of their own, Liquibase's commit after the `BEGIN` changeset
//! ended the transaction and `COMMIT` failed: "cannot commit - no transaction is active").
//! Liquibase's SQL splitter reads `BEGIN` as the start of a block and does not split after it
//! (seen with Liquibase 4.28: `BEGIN; CREATE ...; COMMIT;` went to sqlite-jdbc as one string,
//! which ran only its first statement), so on SQLite the rebuild's `BEGIN`/`COMMIT` are written
//! `SAVEPOINT`/`RELEASE`: outside a transaction SQLite's SAVEPOINT opens one and the RELEASE of
//! the outermost savepoint commits it (sqlite.org/lang_savepoint.html), the same semantics.
//!
//! A changeset whose statements contain `;` themselves (a routine or trigger body, a string)
//! ends each statement, up and rollback, with a delimiter of its own on a line of its own
//! (`endDelimiter:` and `rollbackEndDelimiter:`, the same), one its text does not contain. It was `splitStatements:false`,
//! which sends the whole changeset, step log statements included, as ONE JDBC statement:
//! MariaDB Connector/J refused it (no `allowMultiQueries`), sqlite-jdbc ran only its first
//! statement and reported success, pgjdbc stopped on it. Liquibase reads the delimiter as a
//! regular expression (`StringUtil.isDelimiter`), so the candidates hold no regex syntax.

use super::units;
use crate::package::{Meta, Package, Part};
use crate::{Dialect, Migration};

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, false);
    let mut text = String::from("--liquibase formatted sql\n");
    for (i, u) in units.iter().enumerate() {
        let mut attrs = String::new();
        if !u.transactional() {
            attrs.push_str(" runInTransaction:false");
        }
        let sides: Vec<&Part> = u.up.iter().chain(&u.down).collect();
        // One delimiter for both sides: Liquibase reads `endDelimiter:` inside
        // `rollbackEndDelimiter:` too (its pattern is `.*endDelimiter:(\S*).*`, case-insensitive),
        // so a rollback's delimiter alone made the up side one JDBC statement as well.
        let end = end_delimiter(&sides);
        if let Some(e) = end {
            attrs.push_str(&format!(" endDelimiter:{e} rollbackEndDelimiter:{e}"));
        }
        // Liquibase strips comments by default, inside dollar-quoted bodies too (its tokenizer
        // does not know them): `$$ SELECT 'x' /* note */ $$` lost its comment.
        if sides.iter().flat_map(|p| p.steps.iter().flat_map(|s| &s.statements)).any(|s| s.contains("--") || s.contains("/*")) {
            attrs.push_str(" stripComments:false");
        }
        let (up_end, down_end) = (end, end);
        text.push_str(&format!("\n--changeset schemashift:{}-{}{attrs}\n", meta.version, i + 1));
        text.push_str(&format!("--comment: {} ({})\n", meta.name, u.label()));
        match &u.up {
            Some(p) => text.push_str(&body(p, m.target.dialect, up_end)),
            None => text.push_str("SELECT 1;\n"),
        }
        match &u.down {
            Some(p) => {
                for line in body(p, m.target.dialect, down_end).lines() {
                    text.push_str(&format!("--rollback {line}\n"));
                }
            }
            None => text.push_str("--rollback SELECT 1;\n"),
        }
    }
    pkg.add("migrations/changelog.sql", text);
}

/// Liquibase's formatted-SQL parser matches EVERY line of the changelog against its
/// directives (liquibase-core `AbstractFormattedChangeLogParser`: `\s*--[\s]*changeset...`,
/// `\s*--[\s]*rollback (.*)`, `--preconditions`, `--comment`, ... case-insensitive), a line
/// inside a multi-line string literal or a routine body included: such a line of an up
/// statement would start a changeset or become rollback SQL. No writing of the literal keeps
/// its meaning in every place it can be (a body is stored as written), so the format refuses
/// the migration, naming the line (the rollback side is safe: each of its lines is prefixed
/// `--rollback `, whose pattern takes the rest of the line as SQL).
pub fn misread_line(m: &Migration) -> Option<String> {
    const DIRECTIVES: [&str; 10] = [
        "changeset",
        "rollback",
        "preconditions",
        "precondition",
        "comment",
        "validchecksum",
        "ignorelines",
        "property",
        "include",
        "liquibase",
    ];
    m.up.iter().flat_map(|s| &s.statements).flat_map(|s| s.lines()).find_map(|line| {
        let rest = line.trim_start().strip_prefix("--")?.trim_start().to_ascii_lowercase();
        let directive =
            DIRECTIVES.iter().any(|d| rest.strip_prefix(d).is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric())));
        directive.then(|| line.to_string())
    })
}

/// The delimiter that ends each statement of `sides`, when one holds a `;` of its own: one that
/// no statement contains.
fn end_delimiter(sides: &[&Part]) -> Option<&'static str> {
    if !sides.iter().any(|p| p.has_inner_semicolons()) {
        return None;
    }
    let statements: Vec<&String> = sides.iter().flat_map(|p| p.steps.iter().flat_map(|s| &s.statements)).collect();
    ["//", "%%", "/%%/"].into_iter().find(|d| statements.iter().all(|s| !s.contains(d))).or(Some("schemashift_end_of_statement"))
}

/// The statements of a part as Liquibase must read them (see the module documentation), each
/// ended by `end` on a line of its own, or by `;`.
fn body(p: &Part, d: Dialect, end: Option<&str>) -> String {
    let mut out = String::new();
    for s in p.steps.iter().flat_map(|s| &s.statements) {
        let s = s.trim_end().trim_end_matches(';');
        let s = super::savepoint_form(d, s).unwrap_or(s);
        out.push_str(s);
        match end {
            Some(e) => out.push_str(&format!("\n{e}\n")),
            None => out.push_str(";\n"),
        }
    }
    out
}
