//! Liquibase formatted SQL: `migrations/changelog.sql`, starting `--liquibase formatted sql`,
//! one changeset per part with its `--rollback` lines.
//!
//! Liquibase runs a changeset in a transaction unless `runInTransaction:false`; statements that
//! must run outside a transaction are changesets of their own, one per part: Liquibase splits a
//! changeset on `;` and runs the statements one by one on one connection (auto-commit when
//! `runInTransaction:false`), so a SQLite table rebuild keeps its `BEGIN` ... `COMMIT` inside
//! one changeset (as changesets of their own, Liquibase's commit after the `BEGIN` changeset
//! ended the transaction and `COMMIT` failed: "cannot commit - no transaction is active").
//! Changesets whose statements
//! contain `;` themselves are not split (`splitStatements:false`, `rollbackSplitStatements:false`).

use super::units;
use crate::package::{Meta, Package, Part};
use crate::Migration;

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
            Some(p) => text.push_str(&p.body()),
            None => text.push_str("SELECT 1;\n"),
        }
        match &u.down {
            Some(p) => {
                for line in p.body().lines() {
                    text.push_str(&format!("--rollback {line}\n"));
                }
            }
            None => text.push_str("--rollback SELECT 1;\n"),
        }
    }
    pkg.add("migrations/changelog.sql", text);
}
