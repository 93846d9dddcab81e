//! Rule `mysql-change-column-type`: a data type change needs ALGORITHM=COPY.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-change-column-type",
    dialect: Some(Dialect::Mysql),
    title: "Changing a column's data type copies the table with writes blocked",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a column data type change (other than the in-place cases: extending a `VARCHAR` within
the same length-byte class, appending ENUM/SET members, and MariaDB 10.4+'s instant integer
widening, which InnoDB does only for `ROW_FORMAT=REDUNDANT` tables: on the default DYNAMIC
format `INT` to `BIGINT` is a copy like any other, measured by the estimate calibration).

## Why is this bad?
InnoDB supports a data type change only with `ALGORITHM=COPY`: the whole table is copied while
concurrent writes are blocked (`LOCK=SHARED`). MariaDB 11.2+ can run the copy with
`LOCK=NONE`, buffering concurrent changes, but it is still a full copy.

## Example
```sql
ALTER TABLE `orders` MODIFY `id` bigint NOT NULL AUTO_INCREMENT;
```

## Use instead
Use an online schema-change tool, or expand and contract (new column, triggers or dual writes,
batched backfill, switch, drop the old column):
```sh
pt-online-schema-change --alter "MODIFY id bigint NOT NULL AUTO_INCREMENT" D=shop,t=orders --execute
```
"#
);

fn int_widening(from: &DataType, to: &DataType) -> bool {
    matches!((types::int_bytes(from), types::int_bytes(to)), (Some(a), Some(b)) if b >= a && from.unsigned == to.unsigned)
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    let (a, b) = (&from.data_type, &to.data_type);
    if a == b || existing_table(ctx, table).is_none() {
        return vec![];
    }
    // Handled by their own rules.
    let varchar = |t: &DataType| t.base == "varchar";
    if varchar(a) && varchar(b) && b.length() >= a.length() {
        return vec![];
    }
    if matches!(a.base.as_str(), "enum" | "set") && a.base == b.base {
        return vec![];
    }
    let t = ctx.target;
    let redundant = existing_table(ctx, table)
        .is_some_and(|t| t.options.other.iter().any(|o| o.to_ascii_lowercase().replace(' ', "") == "row_format=redundant"));
    if t.instant_relax_column() && int_widening(a, b) && redundant {
        return vec![];
    }
    let online_copy = t.online_copy_alter();
    let mut alt = Vec::new();
    if let Some(s) = step.statements.first() {
        if online_copy {
            alt.push(mysql::with_algorithm(s, "COPY", Some("NONE")));
        }
        alt.extend(mysql::online_tool(ctx, table, s));
    }
    let (severity, lock, how) = if online_copy {
        (
            RiskSeverity::Medium,
            "ALGORITHM=COPY, LOCK=NONE (online copy)",
            "MariaDB copies the table online; it still costs a full copy and space",
        )
    } else {
        (RiskSeverity::High, MYSQL_COPY, "the table is copied with ALGORITHM=COPY and writes are blocked until it ends")
    };
    vec![Risk::new(RULE.id, severity, format!("Changing {table}.{} from {a} to {b}: {how}.", to.name))
        .lock(lock)
        .rewrites()
        .alternative(alt)
        .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn run(t: crate::Target, a: Column, b: Column) -> Vec<Risk> {
        let f = Fixture::new(t).with_table(keyed(table(qn(t, "orders"), vec![a.clone()]), &a.name));
        f.run(&RULE, Change::AlterColumn { table: qn(t, "orders"), from: a, to: b }, &["ALTER TABLE `orders` MODIFY `id` bigint"])
    }

    #[test]
    fn copy_cases_and_exceptions() {
        let r = run(mysql(8, 0), col("id", "int"), col("id", "bigint"));
        assert_eq!(r[0].severity, RiskSeverity::High);
        assert!(r[0].safe_alternative[0].contains("pt-online-schema-change --alter \"MODIFY `id` bigint\" D=<database>,t=orders"));
        // Instant only for ROW_FORMAT=REDUNDANT: a default (DYNAMIC) table is copied.
        assert_eq!(run(mariadb(10, 11), col("id", "int"), col("id", "bigint")).len(), 1);
        assert_eq!(run(mariadb(11, 4), col("id", "int"), col("id", "varchar"))[0].severity, RiskSeverity::Medium);
        assert!(run(mysql(8, 0), col_args("n", "varchar", &["10"]), col_args("n", "varchar", &["20"])).is_empty());
    }
}
