//! Rule `mysql-drop-primary-key`: dropping a primary key on its own copies the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-drop-primary-key",
    dialect: Some(Dialect::Mysql),
    title: "Dropping a PRIMARY KEY without adding one in the same statement copies the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `DROP PRIMARY KEY` on a table that stays.

## Why is this bad?
Dropping the primary key alone is only supported with `ALGORITHM=COPY`: the table is copied
and writes are blocked. InnoDB then clusters rows on a hidden row id, and row-based replication
of UPDATEs and DELETEs gets very slow on replicas.

## Example
```sql
ALTER TABLE `events` DROP PRIMARY KEY;
```

## Use instead
Replace the key in a single statement, which can run in place:
```sql
ALTER TABLE `events` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `at`), ALGORITHM=INPLACE, LOCK=NONE;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    if !matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }) || sql::mentions(step, "ADD PRIMARY KEY") {
        return vec![];
    }
    let Some(new) = ctx.after.tables.get(table) else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Mysql;
    let alt = match new.primary_key() {
        Some(pk) => {
            let cols: Vec<String> = pk.kind.columns().iter().map(|c| sql::id(d, c)).collect();
            vec![format!(
                "ALTER TABLE {} DROP PRIMARY KEY, ADD PRIMARY KEY ({}), ALGORITHM=INPLACE, LOCK=NONE",
                sql::qn(d, table),
                cols.join(", ")
            )]
        }
        None => vec![],
    };
    let tail = if alt.is_empty() {
        " The table is left without a primary key, which makes row-based replication slow."
    } else {
        " Replace the key in one statement instead."
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Dropping the primary key of {table} on its own copies the table with writes blocked.{tail}"),
    )
    .lock(MYSQL_COPY)
    .rewrites()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn suggests_one_statement_replacement() {
        let t = mysql(8, 0);
        let before = {
            let mut x = table(qn(t, "events"), vec![col("id", "int"), col("at", "int")]);
            x.constraints.push(constraint("PRIMARY", ConstraintKind::PrimaryKey { columns: vec!["id".into()] }));
            x
        };
        let mut after = before.clone();
        after.constraints[0] = constraint("PRIMARY", ConstraintKind::PrimaryKey { columns: vec!["id".into(), "at".into()] });
        let f = Fixture::new(t).before_table(before.clone()).after_table(after);
        let ch = Change::DropConstraint { table: qn(t, "events"), constraint: before.constraints[0].clone() };
        let r = f.one(&RULE, ch.clone(), &["ALTER TABLE `events` DROP PRIMARY KEY"]);
        assert_eq!(
            r.safe_alternative[0],
            "ALTER TABLE `events` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `at`), ALGORITHM=INPLACE, LOCK=NONE"
        );
        assert!(f.run(&RULE, ch, &["ALTER TABLE `events` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `at`)"]).is_empty());
    }
}
