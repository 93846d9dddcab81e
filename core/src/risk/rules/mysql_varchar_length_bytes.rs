//! Rule `mysql-varchar-length-bytes`: extending a VARCHAR past 255 bytes copies the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-varchar-length-bytes",
    dialect: Some(Dialect::Mysql),
    title: "Extending a VARCHAR across the 255-byte boundary copies the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `VARCHAR(n)` → `VARCHAR(m)` with m > n when the maximum byte length crosses 255 (the
byte count is characters × the character set's bytes per character: 63 characters for
utf8mb4, 85 for utf8mb3, 255 for latin1). Shorter VARCHARs are `any-type-narrowing`.

## Why is this bad?
A VARCHAR stores its length in one byte up to 255 bytes and in two beyond. Extending within the
same class is an instant metadata change; crossing the boundary changes every row's format, so
InnoDB copies the table with writes blocked.

## Example
```sql
-- utf8mb4: 50 characters = 200 bytes, 100 characters = 400 bytes
ALTER TABLE `users` MODIFY `name` varchar(100);
```

## Use instead
Pick the size once on the far side of the boundary, and make the change with an online
schema-change tool; within the same class, state the algorithm:
```sql
ALTER TABLE `users` MODIFY `name` varchar(60), ALGORITHM=INPLACE, LOCK=NONE;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    let (a, b) = (&from.data_type, &to.data_type);
    if a.base != "varchar" || b.base != "varchar" || from.charset != to.charset {
        return vec![];
    }
    let (Some(n), Some(m)) = (a.length(), b.length()) else {
        return vec![];
    };
    if m <= n {
        return vec![];
    }
    let old = existing_table(ctx, table);
    if old.is_none() {
        return vec![];
    }
    let bpc = mysql::char_bytes(old, to);
    if !(n * bpc <= 255 && m * bpc > 255) {
        return vec![];
    }
    let mut alt = Vec::new();
    if let Some(s) = step.statements.first() {
        alt.extend(mysql::online_tool(ctx, table, s));
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Extending {table}.{} from varchar({n}) to varchar({m}) crosses 255 bytes ({} → {} bytes at {bpc} bytes per character): the length prefix grows, so the table is copied with writes blocked.",
            to.name,
            n * bpc,
            m * bpc
        ),
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

    fn run(charset: Option<&str>, n: &str, m: &str) -> usize {
        let t = mysql(8, 0);
        let mut tab = table(qn(t, "users"), vec![col_args("name", "varchar", &[n])]);
        tab.options.charset = charset.map(str::to_string);
        let f = Fixture::new(t).with_table(tab);
        f.run(
            &RULE,
            Change::AlterColumn { table: qn(t, "users"), from: col_args("name", "varchar", &[n]), to: col_args("name", "varchar", &[m]) },
            &[],
        )
        .len()
    }

    #[test]
    fn boundary_depends_on_charset() {
        assert_eq!(run(None, "50", "100"), 1);
        assert_eq!(run(None, "50", "60"), 0);
        assert_eq!(run(Some("latin1"), "50", "200"), 0);
        assert_eq!(run(Some("latin1"), "200", "300"), 1);
        assert_eq!(run(None, "100", "200"), 0);
    }
}
