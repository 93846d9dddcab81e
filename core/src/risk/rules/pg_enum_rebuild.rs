//! Rule `pg-enum-rebuild`: enum values removed or reordered.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-enum-rebuild",
    dialect: Some(Dialect::Postgres),
    title: "Removing or reordering enum values recreates the type and rewrites its columns",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags enum changes PostgreSQL cannot do in place: a value removed, renamed or moved.

## Why is this bad?
The type is recreated and every column using it converted with
`ALTER COLUMN ... TYPE new_enum USING col::text::new_enum`, which rewrites each table under
`ACCESS EXCLUSIVE`. Rows holding a removed value make the conversion fail, and the running
application may still write the removed value.

## Example
```sql
-- 'legacy' removed from "order_status"
ALTER TABLE "orders" ALTER COLUMN "status" TYPE "order_status" USING "status"::text::"order_status";
```

## Use instead
Migrate rows away from removed values first, stop the application from writing them, and for
large tables convert through a new column (expand/contract):
```sql
SELECT count(*) FROM "orders" WHERE "status"::text IN ('legacy');
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RebuildEnum { from, to, columns } = &step.change else {
        return vec![];
    };
    let kept: std::collections::BTreeSet<&String> = to.values.iter().collect();
    let removed: Vec<&String> = from.values.iter().filter(|v| !kept.contains(v)).collect();
    let d = Dialect::Postgres;
    let mut out = Vec::new();
    let list: Vec<String> = removed.iter().map(|v| crate::render::quote::literal(d, v)).collect();
    let tables: Vec<String> = columns.iter().map(|(t, c)| format!("{t}.{c}")).collect();
    let mut alt = Vec::new();
    if !removed.is_empty() {
        for (t, c) in columns {
            alt.push(format!("SELECT count(*) FROM {} WHERE {}::text IN ({})", sql::qn(d, t), sql::id(d, c), list.join(", ")));
        }
    }
    let mut r = Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Enum {} is recreated{}: columns {} are rewritten under ACCESS EXCLUSIVE.{}",
            from.name,
            if removed.is_empty() {
                " (values reordered)".to_string()
            } else {
                format!(" without {}", removed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))
            },
            if tables.is_empty() { "(none)".to_string() } else { tables.join(", ") },
            if removed.is_empty() {
                ""
            } else {
                " Rows holding a removed value make it fail, and the running application may still write them."
            }
        ),
    )
    .lock(ACCESS_EXCLUSIVE)
    .alternative(alt);
    if !columns.is_empty() {
        r = r.rewrites();
    }
    if !removed.is_empty() {
        r = r.breaks_app();
    }
    if let Some((t, _)) = columns.first() {
        r = r.sized(ctx, t);
    }
    out.push(r);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EnumType;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_with_removed_value_probe() {
        let t = pg(15);
        let e = |v: &[&str]| EnumType { name: qn(t, "s"), values: v.iter().map(|x| x.to_string()).collect(), comment: None };
        let ch = Change::RebuildEnum { from: e(&["a", "b"]), to: e(&["a"]), columns: vec![(qn(t, "orders"), "status".into())] };
        let r = Fixture::new(t).one(&RULE, ch, &[]);
        assert!(r.breaks_app && r.rewrites);
        assert_eq!(r.safe_alternative[0], "SELECT count(*) FROM \"public\".\"orders\" WHERE \"status\"::text IN ('b')");
    }
}
