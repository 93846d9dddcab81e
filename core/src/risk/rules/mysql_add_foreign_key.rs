//! Rule `mysql-add-foreign-key`: with foreign_key_checks on, a new FK copies the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-foreign-key",
    dialect: Some(Dialect::Mysql),
    title: "Adding a foreign key with foreign_key_checks=1 copies the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD CONSTRAINT ... FOREIGN KEY` on an existing table.

## Why is this bad?
With `foreign_key_checks=1` (the default) InnoDB validates existing rows by copying the table
(`ALGORITHM=COPY`), blocking writes. The in-place, metadata-only path exists only with
`foreign_key_checks=0`, which skips validation entirely — so you must check for orphans
yourself first.

## Example
```sql
ALTER TABLE `orders` ADD CONSTRAINT `orders_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`);
```

## Use instead
```sql
SELECT count(*) FROM `orders` c LEFT JOIN `users` p ON c.`user_id` = p.`id`
  WHERE c.`user_id` IS NOT NULL AND p.`id` IS NULL;   -- must be 0
SET SESSION foreign_key_checks = 0;
ALTER TABLE `orders` ADD CONSTRAINT `orders_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`), ALGORITHM=INPLACE;
SET SESSION foreign_key_checks = 1;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    let ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } = &constraint.kind else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() || sql::mentions(step, "foreign_key_checks") {
        return vec![];
    }
    let d = Dialect::Mysql;
    let refs: Vec<String> = if ref_columns.is_empty() {
        ctx.after.tables.get(ref_table).map(|t| t.primary_key_columns().to_vec()).unwrap_or_default()
    } else {
        ref_columns.clone()
    };
    let mut alt = Vec::new();
    if refs.len() == columns.len() && !refs.is_empty() {
        let on: Vec<String> = columns.iter().zip(&refs).map(|(c, p)| format!("c.{} = p.{}", sql::id(d, c), sql::id(d, p))).collect();
        alt.push(format!(
            "SELECT count(*) FROM {} c LEFT JOIN {} p ON {} WHERE c.{} IS NOT NULL AND p.{} IS NULL",
            sql::qn(d, table),
            sql::qn(d, ref_table),
            on.join(" AND "),
            sql::id(d, &columns[0]),
            sql::id(d, &refs[0])
        ));
    }
    alt.push("SET SESSION foreign_key_checks = 0".to_string());
    alt.extend(step.statements.iter().map(|s| mysql::with_algorithm(s, "INPLACE", None)));
    alt.push("SET SESSION foreign_key_checks = 1".to_string());
    let name = constraint.name.clone().unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding foreign key {name} on {table} (to {ref_table}) with foreign_key_checks on copies the table to validate it, blocking writes."),
    )
    .lock(MYSQL_COPY)
    .rewrites()
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, FkMatch};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_with_orphan_check_recipe() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("user_id", "int")]));
        let ch = Change::AddConstraint {
            table: qn(t, "orders"),
            constraint: constraint(
                "fk",
                ConstraintKind::ForeignKey {
                    columns: vec!["user_id".into()],
                    ref_table: qn(t, "users"),
                    ref_columns: vec!["id".into()],
                    on_delete: FkAction::NoAction,
                    on_update: FkAction::NoAction,
                    match_type: FkMatch::Simple,
                },
            ),
        };
        let r = f.one(&RULE, ch, &["ALTER TABLE `orders` ADD CONSTRAINT `fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)"]);
        assert!(r.safe_alternative[0].contains("LEFT JOIN `users` p ON c.`user_id` = p.`id`"));
        assert!(r.safe_alternative[2].ends_with(", ALGORITHM=INPLACE"));
    }
}
