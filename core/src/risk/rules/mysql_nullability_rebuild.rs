//! Rule `mysql-nullability-rebuild`: NULL / NOT NULL changes rebuild the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-nullability-rebuild",
    dialect: Some(Dialect::Mysql),
    title: "Changing NULL / NOT NULL rebuilds the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a column switching between NULL and NOT NULL (without a type change, which is
`mysql-change-column-type`).

## Why is this bad?
InnoDB rebuilds the table in place: DML continues, but the rebuild costs time and I/O in
proportion to the table and replicas lag. Making a column NOT NULL in place also requires
strict SQL mode; otherwise MySQL falls back to a copy that silently turns NULLs into zero
values.

## Example
```sql
ALTER TABLE `users` MODIFY `email` varchar(200) NOT NULL;
```

## Use instead
Backfill NULLs first, check `sql_mode` is strict, and state the online algorithm so it cannot
fall back to a copy:
```sql
ALTER TABLE `users` MODIFY `email` varchar(200) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if from.nullable == to.nullable || from.data_type != to.data_type || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let t = ctx.target;
    if t.instant_relax_column() && to.nullable {
        // MariaDB 10.4+ can drop NOT NULL instantly (for most row formats).
        return vec![];
    }
    let what =
        if to.nullable { "dropping NOT NULL" } else { "making it NOT NULL (strict sql_mode required, else NULLs become zero values)" };
    let before = existing_table(ctx, table);
    if !to.nullable && before.is_some_and(|b| !mysql::not_null_in_place(b, ctx.after.tables.get(table))) {
        // Beside a STORED generated column the rebuild is a copy: no in-place form to offer.
        let msg = format!("{table}.{}: {what} copies the table (its STORED generated column rules out ALGORITHM=INPLACE).", to.name);
        return vec![Risk::new(RULE.id, RiskSeverity::Medium, msg).lock(MYSQL_COPY).rewrites().sized(ctx, table)];
    }
    let alt = step.statements.iter().map(|s| mysql::with_algorithm(s, "INPLACE", Some("NONE"))).collect();
    vec![Risk::new(RULE.id, RiskSeverity::Medium, format!("{table}.{}: {what} rebuilds the table in place.", to.name))
        .lock(MYSQL_INPLACE_REBUILD)
        .rewrites()
        .alternative(alt)
        .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_nullability_change() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("email", "text")]));
        let ch = |a, b| Change::AlterColumn { table: qn(t, "users"), from: a, to: b };
        let r =
            f.one(&RULE, ch(col("email", "text"), not_null(col("email", "text"))), &["ALTER TABLE `users` MODIFY `email` text NOT NULL"]);
        assert_eq!(r.safe_alternative[0], "ALTER TABLE `users` MODIFY `email` text NOT NULL, ALGORITHM=INPLACE, LOCK=NONE");
        assert!(f.run(&RULE, ch(col("email", "text"), with_default(col("email", "text"), "'x'")), &[]).is_empty());
        // Beside a STORED generated column: a copy, and no ALGORITHM=INPLACE offered.
        let mut g = col("n", "int");
        g.generated = Some(crate::model::Generated { expr: "1".into(), stored: true });
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("email", "text"), g]));
        let r =
            f.one(&RULE, ch(col("email", "text"), not_null(col("email", "text"))), &["ALTER TABLE `users` MODIFY `email` text NOT NULL"]);
        assert!(r.safe_alternative.is_empty() && r.message.contains("copies the table"), "{r:?}");
        let t = mariadb(10, 6);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("email", "text")]));
        let ch = Change::AlterColumn { table: qn(t, "users"), from: not_null(col("email", "text")), to: col("email", "text") };
        assert!(f.run(&RULE, ch, &[]).is_empty());
    }
}
