//! Rule `sqlite-rename-column-unsupported`: RENAME COLUMN needs SQLite 3.25.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rename-column-unsupported",
    dialect: Some(Dialect::Sqlite),
    title: "RENAME COLUMN needs SQLite 3.25+",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... RENAME COLUMN` when the target SQLite is older than 3.25.

## Why is this bad?
Older versions do not know the statement: the migration fails with a syntax error.

## Example
```sql
-- SQLite 3.22 (e.g. an old Android or Ubuntu 18.04 system library)
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
```

## Use instead
Rebuild the table with the new column name (create, copy, drop, rename), or require SQLite
3.25+.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RenameColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if ctx.target.native_rename_column() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Critical,
        format!("{} has no RENAME COLUMN (3.25+): renaming {table}.{from} to {to} fails; rebuild the table instead.", ctx.target.label()),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn version_edge_at_3_25() {
        let ch = |t| Change::RenameColumn { table: qn(t, "u"), from: "a".into(), to: "b".into() };
        assert_eq!(Fixture::new(sqlite(24)).run(&RULE, ch(sqlite(24)), &[]).len(), 1);
        assert!(Fixture::new(sqlite(25)).run(&RULE, ch(sqlite(25)), &[]).is_empty());
    }
}
