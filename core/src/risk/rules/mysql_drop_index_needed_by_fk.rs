//! Rule `mysql-drop-index-needed-by-fk`: InnoDB refuses to drop the index a foreign key uses.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-drop-index-needed-by-fk",
    dialect: Some(Dialect::Mysql),
    title: "Dropping the only index a foreign key can use fails",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `DROP INDEX` when a foreign key of the table that stays needs that index: its columns are
a prefix of the index, and no other index (or the primary key) starts with them afterwards.

## Why is this bad?
InnoDB requires an index on a foreign key's columns and refuses the drop ("Cannot drop index:
needed in a foreign key constraint"): the migration stops part-way — and MySQL has no
transactional DDL to roll the earlier statements back.

## Example
```sql
-- `orders`.`user_id` REFERENCES `users` (`id`)
ALTER TABLE `orders` DROP INDEX `orders_user_idx`;
```

## Use instead
Create the replacement index first, or drop the foreign key first:
```sql
CREATE INDEX `orders_user_created_idx` ON `orders` (`user_id`, `created_at`);
ALTER TABLE `orders` DROP INDEX `orders_user_idx`;
```
"#
);

fn starts_with(cols: &[&str], prefix: &[String]) -> bool {
    !prefix.is_empty() && cols.len() >= prefix.len() && prefix.iter().zip(cols).all(|(a, b)| a == b)
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropIndex { table, index } = &step.change else {
        return vec![];
    };
    let Some(after) = ctx.after.tables.get(table) else {
        return vec![];
    };
    let dropped: Vec<&str> = index.columns().collect();
    let mut out = Vec::new();
    for fk in after.foreign_keys() {
        let cols = fk.kind.columns();
        if !starts_with(&dropped, cols) {
            continue;
        }
        let other_index = after.indexes.iter().any(|i| i.name != index.name && starts_with(&i.columns().collect::<Vec<_>>(), cols));
        let key = after.constraints.iter().any(|c| {
            matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. })
                && starts_with(&c.kind.columns().iter().map(String::as_str).collect::<Vec<_>>(), cols)
        });
        if other_index || key {
            continue;
        }
        out.push(Risk::new(
            RULE.id,
            RiskSeverity::Critical,
            format!(
                "Index {} is the only index foreign key {} of {table} can use on ({}): InnoDB refuses to drop it and the migration stops here.",
                index.name,
                fk.name.clone().unwrap_or_default(),
                cols.join(", ")
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, FkMatch};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_when_no_other_index_covers_the_fk() {
        let t = mysql(8, 0);
        let mut orders = table(qn(t, "orders"), vec![col("user_id", "int")]);
        orders.constraints.push(constraint(
            "fk",
            ConstraintKind::ForeignKey {
                columns: vec!["user_id".into()],
                ref_table: qn(t, "users"),
                ref_columns: vec!["id".into()],
                on_delete: FkAction::NoAction,
                on_update: FkAction::NoAction,
                match_type: FkMatch::Simple,
            },
        ));
        let idx = index("orders_user_idx", &["user_id"], false);
        let ch = Change::DropIndex { table: qn(t, "orders"), index: idx };
        assert_eq!(Fixture::new(t).after_table(orders.clone()).run(&RULE, ch.clone(), &[]).len(), 1);
        orders.indexes.push(index("orders_user_created_idx", &["user_id", "created_at"], false));
        assert!(Fixture::new(t).after_table(orders).run(&RULE, ch, &[]).is_empty());
    }
}
