//! Rule `mysql-add-fulltext-or-spatial-index`: these index builds block writes.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-fulltext-or-spatial-index",
    dialect: Some(Dialect::Mysql),
    title: "FULLTEXT and SPATIAL index builds block writes",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a new FULLTEXT or SPATIAL index on an existing table.

## Why is this bad?
Unlike ordinary secondary indexes, these cannot be built with concurrent DML: writes wait for
the whole build (`LOCK=SHARED`). The first FULLTEXT index of a table also rebuilds the table to
add its hidden `FTS_DOC_ID` column.

## Example
```sql
CREATE FULLTEXT INDEX `posts_body_ft` ON `posts` (`body`);
```

## Use instead
Build it in a quiet period, with an online schema-change tool, or on a replica that is then
promoted.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    let Some(kind) = index.kind.as_deref().map(str::to_ascii_uppercase).filter(|k| k == "FULLTEXT" || k == "SPATIAL") else {
        return vec![];
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    let first_ft = kind == "FULLTEXT" && !old.indexes.iter().any(|i| i.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("fulltext")));
    let mut r = Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Building {kind} index {} on {table} blocks writes for the whole build{}.",
            index.name,
            if first_ft { ", and as the table's first FULLTEXT index it rebuilds the table" } else { "" }
        ),
    )
    .lock("ALGORITHM=INPLACE, LOCK=SHARED (writes blocked)")
    .scans();
    if first_ft {
        r = r.rewrites();
    }
    vec![r.sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_fulltext_not_btree() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "posts"), vec![col("body", "text")]));
        let mut i = index("ft", &["body"], false);
        i.kind = Some("FULLTEXT".into());
        assert!(f.one(&RULE, Change::CreateIndex { table: qn(t, "posts"), index: i }, &[]).rewrites);
        assert!(f.run(&RULE, Change::CreateIndex { table: qn(t, "posts"), index: index("b", &["body"], false) }, &[]).is_empty());
    }
}
