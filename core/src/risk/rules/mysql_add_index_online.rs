//! Rule `mysql-add-index-online`: ordinary index builds run online but cost I/O and MDL waits.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-index-online",
    dialect: Some(Dialect::Mysql),
    title: "Secondary index builds run online but need explicit ALGORITHM/LOCK",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes a new ordinary secondary index on an existing table whose statement does not state
`ALGORITHM=INPLACE, LOCK=NONE`.

## Why is this bad?
The build itself runs with concurrent DML, but it reads the whole table (I/O, replica lag), it
waits for a metadata lock at the start and the end — queuing every later query on the table
behind any long transaction — and without explicit clauses the server may silently choose a
more blocking algorithm.

## Example
```sql
CREATE INDEX `orders_user_idx` ON `orders` (`user_id`);
```

## Use instead
```sql
SET SESSION lock_wait_timeout = 5;
CREATE INDEX `orders_user_idx` ON `orders` (`user_id`) ALGORITHM=INPLACE LOCK=NONE;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    if index.kind.is_some() || existing_table(ctx, table).is_none() || sql::mentions(step, "ALGORITHM") {
        return vec![];
    }
    let alt = step
        .statements
        .iter()
        .map(|s| {
            let s = s.trim_end().trim_end_matches(';');
            if s.to_ascii_uppercase().starts_with("CREATE") {
                format!("{s} ALGORITHM=INPLACE LOCK=NONE")
            } else {
                mysql::with_algorithm(s, "INPLACE", Some("NONE"))
            }
        })
        .collect();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("Index {} on {table} is built online (INPLACE, DML continues) but reads the whole table and waits for metadata locks; state ALGORITHM and LOCK so it cannot fall back to a blocking build.", index.name),
    )
    .lock("ALGORITHM=INPLACE, LOCK=NONE")
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn suggests_explicit_clauses() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("u", "int")]));
        let ch = Change::CreateIndex { table: qn(t, "orders"), index: index("i", &["u"], false) };
        let r = f.one(&RULE, ch.clone(), &["CREATE INDEX `i` ON `orders` (`u`)"]);
        assert_eq!(r.safe_alternative[0], "CREATE INDEX `i` ON `orders` (`u`) ALGORITHM=INPLACE LOCK=NONE");
        assert!(f.run(&RULE, ch, &["CREATE INDEX `i` ON `orders` (`u`) ALGORITHM=INPLACE LOCK=NONE"]).is_empty());
    }
}
