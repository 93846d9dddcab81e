//! Rule `any-rename-table`: the running application still uses the old table name.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-rename-table",
    dialect: None,
    title: "Renaming a table breaks the application version that is running",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... RENAME TO`.

## Why is this bad?
Queries of the running application name the old table and fail as soon as the rename commits.
In SQLite before 3.26, triggers and views that name the table are not updated.

## Example
```sql
ALTER TABLE "customers" RENAME TO "clients";
```

## Use instead
Rename, and leave a view under the old name until every application instance uses the new
one (simple views are updatable in PostgreSQL, MySQL and — for reads — SQLite):
```sql
ALTER TABLE "customers" RENAME TO "clients";
CREATE VIEW "customers" AS SELECT * FROM "clients";
-- after the deploy
DROP VIEW "customers";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RenameTable { from, to } = &step.change else {
        return vec![];
    };
    let d = ctx.target.dialect;
    let (f, t) = (sql::qn(d, from), sql::qn(d, to));
    let mut alt = vec![];
    alt.extend(step.statements.iter().cloned());
    alt.push(format!("CREATE VIEW {f} AS SELECT * FROM {t}"));
    alt.push(format!("-- after the application uses {to} only:\nDROP VIEW {f}"));
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Renaming table {from} to {to}: queries of the running application that use {from} fail until the new version is deployed."
        ),
    )
    .lock(sql::brief_ddl_lock(d))
    .breaks_app()
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn suggests_a_compatibility_view() {
        let t = pg(15);
        let f = Fixture::new(t);
        let r = f.one(
            &RULE,
            Change::RenameTable { from: qn(t, "customers"), to: qn(t, "clients") },
            &["ALTER TABLE \"public\".\"customers\" RENAME TO \"clients\""],
        );
        assert_eq!(r.safe_alternative[1], "CREATE VIEW \"public\".\"customers\" AS SELECT * FROM \"public\".\"clients\"");
    }
}
