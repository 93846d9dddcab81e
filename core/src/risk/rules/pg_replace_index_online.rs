//! Rule `pg-replace-index-online`: an index re-created under the same name.

use super::prelude::*;
use crate::model::Index;

pub const RULE: Rule = Rule {
    id: "pg-replace-index-online",
    dialect: Some(Dialect::Postgres),
    title: "Re-creating an index under the same name leaves a window without it",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags an index that is dropped and created again with a different definition (columns,
predicate, method, uniqueness) under the same name.

## Why is this bad?
Between the drop and the new build, queries that relied on the index run without it (and a
unique index stops enforcing uniqueness), and both statements lock the table unless done
concurrently.

## Example
```sql
DROP INDEX "orders_user_idx";
CREATE INDEX "orders_user_idx" ON "orders" ("user_id", "created_at");
```

## Use instead
Build the new index first under a temporary name, then swap:
```sql
CREATE INDEX CONCURRENTLY "orders_user_idx_new" ON "orders" ("user_id", "created_at");
DROP INDEX CONCURRENTLY "orders_user_idx";
ALTER INDEX "orders_user_idx_new" RENAME TO "orders_user_idx";
```
"#
);

/// `CREATE INDEX CONCURRENTLY` for `index` under `name`.
fn create_sql(table: &QName, index: &Index, name: &str) -> String {
    let d = Dialect::Postgres;
    let elems: Vec<String> = index
        .elems
        .iter()
        .map(|e| {
            let mut s = if e.is_expr { format!("({})", e.expr) } else { sql::id(d, &e.expr) };
            if let Some(c) = &e.collation {
                s.push_str(&format!(" COLLATE {}", sql::id(d, c)));
            }
            if let Some(o) = &e.opclass {
                s.push_str(&format!(" {o}"));
            }
            if e.desc {
                s.push_str(" DESC");
            }
            match e.nulls_first {
                Some(true) => s.push_str(" NULLS FIRST"),
                Some(false) => s.push_str(" NULLS LAST"),
                None => {}
            }
            s
        })
        .collect();
    let mut out =
        format!("CREATE {}INDEX CONCURRENTLY {} ON {}", if index.unique { "UNIQUE " } else { "" }, sql::id(d, name), sql::qn(d, table));
    if let Some(m) = &index.method {
        out.push_str(&format!(" USING {m}"));
    }
    out.push_str(&format!(" ({})", elems.join(", ")));
    if !index.include.is_empty() {
        let inc: Vec<String> = index.include.iter().map(|c| sql::id(d, c)).collect();
        out.push_str(&format!(" INCLUDE ({})", inc.join(", ")));
    }
    if let Some(w) = &index.with {
        out.push_str(&format!(" WITH ({w})"));
    }
    if let Some(p) = &index.predicate {
        out.push_str(&format!(" WHERE {p}"));
    }
    out
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropIndex { table, index } = &step.change else {
        return vec![];
    };
    let Some(new) = ctx.after.tables.get(table).and_then(|t| t.index(&index.name)) else {
        return vec![];
    };
    if new == index || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Postgres;
    let tmp = sql::derived_name(&QName::new("", index.name.clone()), "new");
    let old = sql::qn(d, &QName::new(table.schema.clone(), index.name.clone()));
    let tmp_q = sql::qn(d, &QName::new(table.schema.clone(), tmp.clone()));
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "Index {} on {table} is dropped and re-created with a new definition: until the new build finishes, queries run without it{}.",
            index.name,
            if index.unique { " and uniqueness is not enforced" } else { "" }
        ),
    )
    .alternative(vec![
        format!("-- outside a transaction\n{}", create_sql(table, new, &tmp)),
        format!("DROP INDEX CONCURRENTLY {old}"),
        format!("ALTER INDEX {tmp_q} RENAME TO {}", sql::id(d, &index.name)),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn suggests_build_then_swap() {
        let t = pg(15);
        let old = index("orders_user_idx", &["user_id"], false);
        let mut new = index("orders_user_idx", &["user_id", "created_at"], false);
        new.predicate = Some("deleted_at IS NULL".into());
        let mut before = table(qn(t, "orders"), vec![col("user_id", "bigint")]);
        before.indexes.push(old.clone());
        let mut after = before.clone();
        after.indexes = vec![new];
        let f = Fixture::new(t).before_table(before.clone()).after_table(after);
        let r = f.one(&RULE, Change::DropIndex { table: qn(t, "orders"), index: old.clone() }, &[]);
        assert_eq!(
            r.safe_alternative[0],
            "-- outside a transaction\nCREATE INDEX CONCURRENTLY \"orders_user_idx_new\" ON \"public\".\"orders\" (\"user_id\", \"created_at\") WHERE deleted_at IS NULL"
        );
        assert_eq!(r.safe_alternative[2], "ALTER INDEX \"public\".\"orders_user_idx_new\" RENAME TO \"orders_user_idx\"");
        let f = Fixture::new(t).before_table(before).after_table(table(qn(t, "orders"), vec![]));
        assert!(f.run(&RULE, Change::DropIndex { table: qn(t, "orders"), index: old }, &[]).is_empty());
    }
}
