//! Rule `mysql-vitess-foreign-key`: Vitess's online migrations do not support foreign keys.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-vitess-foreign-key",
    dialect: Some(Dialect::Mysql),
    title: "Vitess: online migrations refuse tables with foreign keys",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On a Vitess / PlanetScale target, flags a change that adds a foreign key, or that alters a table
which has or is referenced by a foreign key.

## Why is this bad?
A `vitess` online migration copies the table into a shadow table and swaps it in; foreign keys
cannot follow that swap, so Vitess refuses such migrations unless the strategy carries the
unsafe flag `--unsafe-allow-foreign-keys`, which can leave the constraints pointing at the old
table (<https://vitess.io/docs/user-guides/schema-changes/ddl-strategies/>; PlanetScale
requires foreign key support to be enabled for the database:
<https://planetscale.com/docs/concepts/foreign-key-constraints>).

## Example
```sql
ALTER TABLE `orders` ADD CONSTRAINT `orders_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`);
```

## Use instead
Keep the relation in the application (the usual Vitess design: rows of one key are on one shard
but the engine does not check them), or run this migration with `@@ddl_strategy = 'direct'`,
a blocking ALTER, in a maintenance window.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !ctx.target.online_migration_refuses_foreign_keys() {
        return vec![];
    }
    let Some(table) = step.change.table() else {
        return vec![];
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    let fk = |k: &ConstraintKind| matches!(k, ConstraintKind::ForeignKey { .. });
    let adds = matches!(&step.change, Change::AddConstraint { constraint, .. } if fk(&constraint.kind));
    let has = old.constraints.iter().any(|c| fk(&c.kind));
    let referenced = ctx
        .before
        .tables
        .values()
        .any(|t| t.constraints.iter().any(|c| matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, .. } if ref_table == table)));
    let alters = step.statements.iter().any(|s| s.trim_start().to_ascii_uppercase().starts_with("ALTER TABLE"));
    if !adds && !(alters && (has || referenced)) {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "{} refuses an online migration of {table}, which {}: the migration fails unless foreign keys are allowed for it.",
            ctx.target.label(),
            if adds { "gains a foreign key" } else { "has or is referenced by a foreign key" }
        ),
    )
    .alternative(vec!["SET @@ddl_strategy = 'direct'".to_string()])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;
    use crate::{Flavor, Target};

    #[test]
    fn fires_on_foreign_keys_on_vitess_only() {
        let t = Target::of(Flavor::Vitess);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("id", "int"), col("user_id", "int")]));
        let fk = constraint(
            "orders_user_fk",
            ConstraintKind::ForeignKey {
                columns: vec!["user_id".into()],
                ref_table: qn(t, "users"),
                ref_columns: vec!["id".into()],
                on_delete: Default::default(),
                on_update: Default::default(),
                match_type: Default::default(),
            },
        );
        let ch = Change::AddConstraint { table: qn(t, "orders"), constraint: fk };
        let s = ["ALTER TABLE `orders` ADD CONSTRAINT `orders_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)"];
        assert!(f.one(&RULE, ch.clone(), &s).message.contains("gains a foreign key"));
        let plain = Change::AddColumn { table: qn(t, "orders"), column: col("n", "int") };
        assert!(f.run(&RULE, plain, &["ALTER TABLE `orders` ADD COLUMN `n` int"]).is_empty());
        assert!(Fixture::new(mysql(8, 0)).with_table(table(qn(t, "orders"), vec![col("id", "int")])).run(&RULE, ch, &s).is_empty());
    }
}
