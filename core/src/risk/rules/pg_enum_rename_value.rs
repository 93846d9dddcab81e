//! Rule `pg-enum-rename-value`: ALTER TYPE ... RENAME VALUE.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-enum-rename-value",
    dialect: Some(Dialect::Postgres),
    title: "ALTER TYPE ... RENAME VALUE: the running application still writes the old label",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TYPE ... RENAME VALUE` on an enum (a label a migration history renamed).

## Why is this bad?
The rename is a catalog change: every row holding the label shows the new one at once, with no
rewrite. But the application version that is running still writes and compares the old label:
its inserts and updates with it fail (`invalid input value for enum`) and its `WHERE s = 'old'`
finds nothing, until the new version is deployed everywhere.

## Example
```sql
ALTER TYPE "ticket_status" RENAME VALUE 'new' TO 'open';
```

## Use instead
Add the new label (`ADD VALUE`), deploy an application that reads both and writes the new one,
update the rows, and leave the old label unused (an enum label cannot be dropped in place).
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RenameEnumValue { name, from, to } = &step.change else {
        return vec![];
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Enum {name}'s label '{from}' becomes '{to}': the running application's writes and comparisons of '{from}' fail or match nothing until the new version is deployed."),
    )
    .lock("ACCESS EXCLUSIVE")
    .breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn a_renamed_label_breaks_the_running_application() {
        let ch = Change::RenameEnumValue { name: qn(pg(15), "s"), from: "new".into(), to: "open".into() };
        let r = Fixture::new(pg(15)).one(&RULE, ch, &["ALTER TYPE s RENAME VALUE 'new' TO 'open'"]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert!(r.message.contains("'new'"));
    }
}
