//! Rule `mysql-tidb-unsupported-change`: changes TiDB's online DDL refuses (a clustered primary
//! key added or dropped, an AUTO_INCREMENT column added, several changes in one ALTER before
//! v6.2).

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-tidb-unsupported-change",
    dialect: Some(Dialect::Mysql),
    title: "TiDB: a change its DDL does not support",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On a TiDB target (`--flavor tidb`), flags the changes of an existing table that TiDB refuses:
- adding or dropping a `PRIMARY KEY` (refused for a clustered primary key, the default of an
  integer key since v5.0: "Adding, dropping, and altering clustered indexes using ALTER TABLE
  statements are not supported", <https://docs.pingcap.com/tidb/stable/clustered-indexes>);
- adding an `AUTO_INCREMENT` column ("Adding a new column and setting it to AUTO_INCREMENT is not
  supported", <https://docs.pingcap.com/tidb/stable/sql-statement-add-column>);
- several changes in one `ALTER TABLE` before v6.2.0
  (<https://docs.pingcap.com/tidb/stable/sql-statement-alter-table>).

## Why is this bad?
The statement fails: the migration stops part way (TiDB's DDL is not transactional) and the
steps before it stay applied.

## Example
```sql
ALTER TABLE `orders` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `region`);
```

## Use instead
Create the new table shape under another name, copy the rows (in batches, or with TiDB's
`IMPORT INTO` / `BATCH ON ... LIMIT` DML), and swap the names with `RENAME TABLE`; split a
multi-change `ALTER TABLE` into one statement per change before v6.2.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let t = ctx.target;
    if !t.primary_key_change_refused() && !t.auto_increment_column_add_refused() && t.multi_action_alter() {
        return vec![];
    }
    let Some(table) = step.change.table() else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let label = t.label();
    let why = match &step.change {
        Change::AddConstraint { constraint, .. } | Change::DropConstraint { constraint, .. }
            if t.primary_key_change_refused() && matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }) =>
        {
            Some(format!("{label} cannot add or drop the primary key of {table} if it is clustered (the default for an integer key)"))
        }
        Change::AddColumn { column, .. } if t.auto_increment_column_add_refused() && column.auto_increment => {
            Some(format!("{label} cannot add the AUTO_INCREMENT column {} to {table}", column.name))
        }
        _ if !t.multi_action_alter() && step.statements.iter().any(|s| several_actions(s)) => {
            Some(format!("{label} takes one change per ALTER TABLE (several from v6.2.0): this statement on {table} fails"))
        }
        _ => None,
    };
    match why {
        Some(why) => vec![Risk::new(RULE.id, RiskSeverity::Critical, format!("{why}."))],
        None => vec![],
    }
}

/// An `ALTER TABLE` whose actions are separated by top-level commas.
fn several_actions(statement: &str) -> bool {
    if !statement.trim_start().to_ascii_uppercase().starts_with("ALTER TABLE") {
        return false;
    }
    let (mut depth, mut quote) = (0i32, None::<char>);
    for c in statement.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;
    use crate::{Flavor, Target};

    #[test]
    fn primary_keys_auto_increment_and_multi_action_alters() {
        let t = Target::of(Flavor::Tidb);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("id", "int")]));
        let pk = constraint("PRIMARY", ConstraintKind::PrimaryKey { columns: vec!["id".into()] });
        let add_pk = Change::AddConstraint { table: qn(t, "orders"), constraint: pk };
        assert!(f.one(&RULE, add_pk.clone(), &["ALTER TABLE `orders` ADD PRIMARY KEY (`id`)"]).message.contains("clustered"));
        let mut n = col("n", "int");
        n.auto_increment = true;
        let add = Change::AddColumn { table: qn(t, "orders"), column: n };
        assert!(f.one(&RULE, add, &["x"]).message.contains("AUTO_INCREMENT"));
        let multi = Change::AddColumn { table: qn(t, "orders"), column: col("m", "int") };
        let s = ["ALTER TABLE `orders` DROP INDEX `i`, ADD INDEX `i` (`id`, `m`)"];
        assert!(f.run(&RULE, multi.clone(), &s).is_empty());
        let old = Target::parse_for(Flavor::Tidb, "6.1").unwrap();
        let f61 = Fixture::new(old).with_table(table(qn(old, "orders"), vec![col("id", "int")]));
        assert!(f61.one(&RULE, multi.clone(), &s).message.contains("one change per ALTER TABLE"));
        assert!(f61.run(&RULE, multi, &["ALTER TABLE `orders` ADD COLUMN `m` decimal(10,2)"]).is_empty());
        assert!(Fixture::new(mysql(8, 0)).with_table(table(qn(t, "orders"), vec![col("id", "int")])).run(&RULE, add_pk, &["x"]).is_empty());
    }
}
