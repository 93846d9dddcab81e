//! Rule `mysql-enum-set-change`: ENUM/SET member changes other than appending.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-enum-set-change",
    dialect: Some(Dialect::Mysql),
    title: "Removing, reordering or inserting ENUM/SET members copies the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags ENUM and SET definition changes other than appending members at the end within the same
storage size (ENUM: up to 255 members in 1 byte; SET: 8/16/24/32/64 members).

## Why is this bad?
Appending at the end is an instant metadata change. Anything else changes the stored numbers,
so the table is copied with writes blocked; removing a member also fails (strict mode) or turns
rows holding it into the empty string. Values convert by their text, so a reorder keeps every
value, but `ORDER BY` the column sorts by member position and numeric use of it (`col+0`,
comparisons with numbers, stored index or bit values) gives the new positions.

## Example
```sql
ALTER TABLE `orders` MODIFY `status` enum('new','paid','shipped');  -- was ('new','shipped')
```

## Use instead
Only append new members at the end:
```sql
ALTER TABLE `orders` MODIFY `status` enum('new','shipped','paid'), ALGORITHM=INSTANT;
```
To remove a member, migrate rows away from it first.
"#
);

fn storage_class(base: &str, n: usize) -> usize {
    if base == "enum" {
        usize::from(n > 255)
    } else {
        n.div_ceil(8).min(8)
    }
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    let (a, b) = (&from.data_type, &to.data_type);
    if a.base != b.base || !matches!(a.base.as_str(), "enum" | "set") || a.args == b.args || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let (old, new) = (types::mysql_members(a), types::mysql_members(b));
    let appended =
        new.len() >= old.len() && new[..old.len()] == old[..] && storage_class(&a.base, old.len()) == storage_class(&b.base, new.len());
    if appended {
        return vec![];
    }
    let removed: Vec<&String> = old.iter().filter(|m| !new.contains(m)).collect();
    let d = Dialect::Mysql;
    let mut alt = Vec::new();
    if !removed.is_empty() {
        let list: Vec<String> = removed.iter().map(|m| crate::render::quote::literal(d, m)).collect();
        alt.push(format!("SELECT count(*) FROM {} WHERE {} IN ({})", sql::qn(d, table), sql::id(d, &to.name), list.join(", ")));
    }
    if let Some(s) = step.statements.first() {
        alt.extend(mysql::online_tool(ctx, table, s));
    }
    // Values convert by their text; what moves is each kept member's position (its number).
    let kept_old: Vec<&String> = old.iter().filter(|m| new.contains(m)).collect();
    let kept_new: Vec<&String> = new.iter().filter(|m| old.contains(m)).collect();
    let reordered = kept_old != kept_new;
    let renumbered = kept_old.iter().any(|m| old.iter().position(|o| o == *m) != new.iter().position(|n| n == *m));
    let c = sql::id(d, &to.name);
    let positions = match (reordered, renumbered, a.base.as_str()) {
        (true, _, "enum") => format!(
            " Every value is kept (converted by its text), but the members' order changes: ORDER BY {c} sorts by member position, \
             so rows sort in the new order, and numeric use of the column ({c}+0, comparisons with numbers, stored index values) \
             gives the new positions."
        ),
        (true, _, _) => format!(
            " Every value is kept (converted by its text), but the members' order changes: a value's members are listed in the \
             new order, ORDER BY {c} sorts by the new bit values, and numeric use of the column ({c}+0, bit tests, stored \
             numbers) gives the new bits."
        ),
        (false, true, _) => format!(
            " Every value is kept (converted by its text), but members move to new positions: numeric use of the column \
             ({c}+0, comparisons with numbers, stored index values) gives the new ones."
        ),
        (false, false, _) => String::new(),
    };
    let mut r = Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "{} members of {table}.{} change other than by appending: the table is copied with writes blocked.{}{positions}",
            a.base.to_uppercase(),
            to.name,
            if removed.is_empty() {
                String::new()
            } else {
                format!(
                    " Removed members ({}) make rows holding them fail or become ''.",
                    removed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                )
            }
        ),
    )
    .lock(MYSQL_COPY)
    .rewrites()
    .alternative(alt)
    .sized(ctx, table);
    if !removed.is_empty() {
        r = r.data_loss().breaks_app();
    } else if reordered {
        r = r.breaks_app();
    }
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn run(a: &[&str], b: &[&str]) -> Vec<Risk> {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col_args("status", "enum", a)]));
        f.run(
            &RULE,
            Change::AlterColumn { table: qn(t, "orders"), from: col_args("status", "enum", a), to: col_args("status", "enum", b) },
            &[],
        )
    }

    #[test]
    fn append_is_fine_the_rest_copies() {
        assert!(run(&["'new'", "'shipped'"], &["'new'", "'shipped'", "'paid'"]).is_empty());
        let r = run(&["'new'", "'shipped'"], &["'new'", "'paid'", "'shipped'"]);
        assert!(r[0].rewrites && !r[0].data_loss);
        let r = run(&["'new'", "'shipped'"], &["'new'"]);
        assert!(r[0].data_loss);
        assert_eq!(r[0].safe_alternative[0], "SELECT count(*) FROM `orders` WHERE `status` IN ('shipped')");
    }

    #[test]
    fn a_reorder_keeps_values_and_says_what_sorts_differently() {
        let r = run(&["'new'", "'shipped'", "'paid'"], &["'paid'", "'new'", "'shipped'"]);
        assert!(!r[0].data_loss && r[0].breaks_app, "{r:?}");
        assert!(r[0].message.contains("ORDER BY `status` sorts by member position"), "{}", r[0].message);
        let r = run(&["'new'", "'shipped'"], &["'new'", "'paid'", "'shipped'"]);
        assert!(!r[0].breaks_app && r[0].message.contains("members move to new positions"), "{}", r[0].message);
    }
}
