//! Rule `sqlite-rename-table-references`: before 3.26 references are not rewritten.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rename-table-references",
    dialect: Some(Dialect::Sqlite),
    title: "Before SQLite 3.26, renaming a table leaves triggers and views pointing at the old name",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... RENAME TO` when the target SQLite is older than 3.26.

## Why is this bad?
Older versions rename the table but not the references to it inside triggers and views, which
then fail at their next use. (From 3.26 they are rewritten, unless `legacy_alter_table=ON`.)

## Example
```sql
ALTER TABLE "customers" RENAME TO "clients";  -- a view still selects from "customers"
```

## Use instead
Drop the dependent triggers and views, rename, then re-create them with the new name, or
require SQLite 3.26+.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RenameTable { from, to } = &step.change else {
        return vec![];
    };
    if ctx.target.rename_table_updates_references() {
        return vec![];
    }
    let views: Vec<String> = ctx.before.views.values().filter(|v| v.depends_on.contains(from)).map(|v| v.name.to_string()).collect();
    let triggers: Vec<String> = ctx.before.triggers.values().filter(|t| &t.table == from).map(|t| t.name.clone()).collect();
    let deps = [views, triggers].concat();
    let detail = if deps.is_empty() { String::new() } else { format!(" Affected: {}.", deps.join(", ")) };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("{} renames {from} to {to} without updating triggers and views that reference it.{detail}", ctx.target.label()),
    )
    .lock(SQLITE_WRITE_LOCK)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn version_edge_at_3_26() {
        let ch = |t| Change::RenameTable { from: qn(t, "a"), to: qn(t, "b") };
        assert_eq!(Fixture::new(sqlite(25)).run(&RULE, ch(sqlite(25)), &[]).len(), 1);
        assert!(Fixture::new(sqlite(26)).run(&RULE, ch(sqlite(26)), &[]).is_empty());
    }
}
