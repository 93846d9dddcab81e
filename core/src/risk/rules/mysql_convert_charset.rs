//! Rule `mysql-convert-charset`: character set or collation changes rebuild with writes blocked.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-convert-charset",
    dialect: Some(Dialect::Mysql),
    title: "Changing a character set or collation rebuilds the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a change of a column's character set or collation, and of a table's default character
set or collation.

## Why is this bad?
Converting data rebuilds the table without concurrent DML (writes blocked) and re-sorts every
index on the affected columns; comparisons and uniqueness can change (two values equal under
the new collation make a unique index fail). Changing only the table default affects new
columns but still marks a rebuild on some versions.

## Example
```sql
ALTER TABLE `users` MODIFY `name` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
```

## Use instead
Use an online schema-change tool for large tables, and check unique indexes for values that
collide under the new collation first.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (table, what, lost) = match &step.change {
        Change::AlterColumn { table, from, to } if from.charset != to.charset || from.collation != to.collation => {
            let lost = existing_table(ctx, table).and_then(|old| {
                let new = ctx.after.tables.get(table)?;
                narrower_charset(
                    from.charset.as_ref().or(old.options.charset.as_ref())?,
                    to.charset.as_ref().or(new.options.charset.as_ref())?,
                )
            });
            (table, format!("column {}", to.name), lost)
        }
        Change::AlterTableOptions { table, from, to } if from.charset != to.charset || from.collation != to.collation => {
            (table, "the table's default character set/collation".to_string(), None)
        }
        _ => return vec![],
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let alt = step.statements.first().map(|s| mysql::online_tool(ctx, table, s)).unwrap_or_default();
    let mut message = format!(
        "Changing the character set or collation of {what} on {table} rebuilds the table with writes blocked and can make unique indexes fail on values that now compare equal."
    );
    if let Some((from, to)) = &lost {
        message.push_str(&format!(
            " From {from} to {to}: values holding characters {to} cannot store make the statement fail in strict mode, and without it those characters become '?' for good."
        ));
    }
    let r = Risk::new(RULE.id, RiskSeverity::High, message).lock(MYSQL_COPY).rewrites().alternative(alt).sized(ctx, table);
    vec![if lost.is_some() { r.data_loss() } else { r }]
}

/// `(from, to)` when character set `to` cannot store every character `from` can: the full
/// Unicode sets hold everything, the 3-byte ones the Basic Multilingual Plane, any other set its
/// own repertoire only.
fn narrower_charset(from: &str, to: &str) -> Option<(String, String)> {
    let reach = |c: &str| match c.to_ascii_lowercase().as_str() {
        "utf8mb4" | "utf16" | "utf16le" | "utf32" => 2,
        "utf8mb3" | "utf8" | "ucs2" => 1,
        _ => 0,
    };
    let (a, b) = (reach(from), reach(to));
    (b < a || (a == 0 && b == 0 && !from.eq_ignore_ascii_case(to))).then(|| (from.to_string(), to.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_collation_change() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("name", "varchar")]));
        let mut b = col("name", "varchar");
        b.collation = Some("utf8mb4_bin".into());
        assert_eq!(f.run(&RULE, Change::AlterColumn { table: qn(t, "users"), from: col("name", "varchar"), to: b }, &[]).len(), 1);
        assert!(f
            .run(
                &RULE,
                Change::AlterColumn { table: qn(t, "users"), from: col("name", "varchar"), to: not_null(col("name", "varchar")) },
                &[]
            )
            .is_empty());
    }

    #[test]
    fn a_narrower_character_set_is_data_loss() {
        let t = mysql(8, 0);
        let mut users = table(qn(t, "users"), vec![col("name", "varchar")]);
        users.options.charset = Some("utf8mb4".into());
        let f = Fixture::new(t).with_table(users);
        let mut latin1 = col("name", "varchar");
        latin1.charset = Some("latin1".into());
        let r = f.one(&RULE, Change::AlterColumn { table: qn(t, "users"), from: col("name", "varchar"), to: latin1.clone() }, &[]);
        assert!(r.data_loss && r.message.contains("From utf8mb4 to latin1"), "{}", r.message);
        let r = f.one(&RULE, Change::AlterColumn { table: qn(t, "users"), from: latin1, to: col("name", "varchar") }, &[]);
        assert!(!r.data_loss, "{}", r.message);
        assert_eq!(narrower_charset("utf8mb4", "utf8mb3"), Some(("utf8mb4".into(), "utf8mb3".into())));
        assert_eq!(narrower_charset("latin1", "ascii"), Some(("latin1".into(), "ascii".into())));
        assert_eq!(narrower_charset("latin1", "utf8mb4"), None);
    }
}
