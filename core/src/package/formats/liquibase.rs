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
//! Changesets whose statements
//! contain `;` themselves are not split (`splitStatements:false`, `rollbackSplitStatements:false`).

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
        if u.up.as_ref().is_some_and(Part::has_inner_semicolons) {
            attrs.push_str(" splitStatements:false");
        }
        if u.down.as_ref().is_some_and(Part::has_inner_semicolons) {
            attrs.push_str(" rollbackSplitStatements:false");
        }
        text.push_str(&format!("\n--changeset schemashift:{}-{}{attrs}\n", meta.version, i + 1));
        text.push_str(&format!("--comment: {} ({})\n", meta.name, u.label()));
        match &u.up {
            Some(p) => text.push_str(&body(p, m.target.dialect)),
            None => text.push_str("SELECT 1;\n"),
        }
        match &u.down {
            Some(p) => {
                for line in body(p, m.target.dialect).lines() {
                    text.push_str(&format!("--rollback {line}\n"));
                }
            }
            None => text.push_str("--rollback SELECT 1;\n"),
        }
    }
    pkg.add("migrations/changelog.sql", text);
}

/// The statements of a part as Liquibase must read them (see the module documentation).
fn body(p: &Part, d: Dialect) -> String {
    let mut out = String::new();
    for s in p.steps.iter().flat_map(|s| &s.statements) {
        let s = s.trim_end().trim_end_matches(';');
        let s = match (d, s.trim().to_ascii_uppercase().as_str()) {
            (Dialect::Sqlite, "BEGIN" | "BEGIN TRANSACTION") => "SAVEPOINT schemashift_rebuild",
            (Dialect::Sqlite, "COMMIT" | "END" | "END TRANSACTION") => "RELEASE schemashift_rebuild",
            _ => s,
        };
        out.push_str(s);
        out.push_str(";\n");
    }
    out
}
