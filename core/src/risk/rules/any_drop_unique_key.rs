//! Rule `any-drop-unique-key`: uniqueness stops being enforced.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-drop-unique-key",
    dialect: None,
    title: "Dropping a primary key or unique constraint removes its index and its guarantee",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a dropped PRIMARY KEY or UNIQUE constraint (or unique index) on a table that stays.

## Why is this bad?
Duplicates become possible from that moment, `ON CONFLICT`/`ON DUPLICATE KEY` upserts that
relied on the key stop working, foreign keys that reference it must go first, and queries that
used its index slow down. In MySQL, dropping the primary key alone copies the table.

## Example
```sql
ALTER TABLE "users" DROP CONSTRAINT "users_email_key";
```

## Use instead
If queries still need the lookup, create a plain index first (concurrently in PostgreSQL),
then drop the constraint:
```sql
CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" ("email");
ALTER TABLE "users" DROP CONSTRAINT "users_email_key";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (table, name, columns, kind) = match &step.change {
        Change::DropConstraint { table, constraint } => match &constraint.kind {
            ConstraintKind::Unique { columns, .. } => {
                (table, constraint.name.clone().unwrap_or_default(), columns.clone(), "unique constraint")
            }
            ConstraintKind::PrimaryKey { columns } => (table, constraint.name.clone().unwrap_or_default(), columns.clone(), "primary key"),
            _ => return vec![],
        },
        Change::DropIndex { table, index } if index.unique => {
            (table, index.name.clone(), index.columns().map(str::to_string).collect(), "unique index")
        }
        _ => return vec![],
    };
    let Some(new) = ctx.after.tables.get(table) else {
        return vec![];
    };
    // Still unique afterwards under the same columns (re-created): nothing is lost at the end.
    let still = new.constraints.iter().any(|c| {
        matches!(c.kind, ConstraintKind::Unique { .. } | ConstraintKind::PrimaryKey { .. }) && c.kind.columns() == columns.as_slice()
    }) || new.indexes.iter().any(|i| i.unique && i.columns().eq(columns.iter().map(String::as_str)));
    let d = ctx.target.dialect;
    let mut alt = vec![];
    if !still && !columns.is_empty() && !new.indexes.iter().any(|i| i.columns().eq(columns.iter().map(String::as_str))) {
        let idx = sql::derived_name(table, &format!("{}_idx", columns.join("_")));
        let cols: Vec<String> = columns.iter().map(|c| sql::id(d, c)).collect();
        let conc = if d == Dialect::Postgres { "CONCURRENTLY " } else { "" };
        alt.push(format!("CREATE INDEX {conc}{} ON {} ({})", sql::id(d, &idx), sql::qn(d, table), cols.join(", ")));
    }
    alt.extend(step.statements.iter().cloned());
    let with_columns = !columns.is_empty() && columns.iter().all(|c| new.column(c).is_none());
    let (severity, tail) = if with_columns {
        (RiskSeverity::Low, "Its columns are dropped too, so the key goes with them (see any-drop-column).")
    } else if still {
        (RiskSeverity::Low, "It is re-created later in this migration; duplicates written in between make that fail.")
    } else {
        (RiskSeverity::Medium, "Duplicates become possible, upserts relying on it break, and queries that used its index slow down.")
    };
    vec![Risk::new(RULE.id, severity, format!("Dropping {kind} {name} on {table} ({}). {tail}", columns.join(", ")))
        .lock(sql::brief_ddl_lock(d))
        .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_and_offers_a_plain_index() {
        let t = pg(15);
        let c = constraint("users_email_key", ConstraintKind::Unique { columns: vec!["email".into()], nulls_not_distinct: false });
        let plain = table(qn(t, "users"), vec![col("email", "text")]);
        let f = Fixture::new(t).after_table(plain);
        let r = f.one(&RULE, Change::DropConstraint { table: qn(t, "users"), constraint: c }, &[]);
        assert_eq!(r.severity, RiskSeverity::Medium);
        assert_eq!(r.safe_alternative[0], "CREATE INDEX CONCURRENTLY \"users_email_idx\" ON \"public\".\"users\" (\"email\")");
    }

    #[test]
    fn key_dropped_with_its_columns_is_low() {
        let t = pg(15);
        let c = constraint("t_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] });
        let f = Fixture::new(t).after_table(table(qn(t, "t"), vec![col("other", "text")]));
        let r = f.one(&RULE, Change::DropConstraint { table: qn(t, "t"), constraint: c }, &[]);
        assert_eq!(r.severity, RiskSeverity::Low);
    }
}
