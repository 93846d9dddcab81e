//! Rule `pg-alter-domain-constraint`: a constraint added to (or validated on) a domain that
//! columns of existing tables use.

use super::prelude::*;
use crate::model::{Domain, Schema, UserType};

pub const RULE: Rule = Rule {
    id: "pg-alter-domain-constraint",
    dialect: Some(Dialect::Postgres),
    title: "A constraint added to a domain checks every column that uses it",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER DOMAIN ... ADD CONSTRAINT` (without `NOT VALID`), `SET NOT NULL` and `VALIDATE
CONSTRAINT` on a domain that columns of existing tables use.

## Why is this bad?
PostgreSQL checks every row of every table with a column of the domain, holding a SHARE lock
on each of those tables for the whole scan: writes to all of them wait. One row that breaks the
new rule fails the statement (and the migration) after that scan.

## Example
```sql
ALTER DOMAIN "posint" ADD CONSTRAINT "posint_small" CHECK (VALUE < 1000000);
```

## Use instead
Add the check `NOT VALID` (new and updated values are checked at once, existing ones are not),
find and fix the rows that break it, then validate it at a quiet time (`--zero-downtime` writes
it so):
```sql
ALTER DOMAIN "posint" ADD CONSTRAINT "posint_small" CHECK (VALUE < 1000000) NOT VALID;
ALTER DOMAIN "posint" VALIDATE CONSTRAINT "posint_small";
```
"#
);

/// What the step does to the domain that scans its columns: checks added valid, checks
/// validated, NOT NULL set.
fn scanning_actions(a: &Domain, b: &Domain) -> Vec<String> {
    let mut out = Vec::new();
    for (n, e) in &b.checks {
        let before = a.checks.iter().find(|(an, _)| an == n);
        let valid_now = !b.not_valid.contains(n);
        match before {
            Some((_, ae)) if ae == e && valid_now && a.not_valid.contains(n) => out.push(format!("validates {n}")),
            Some((_, ae)) if ae == e => {}
            // A check only renamed keeps its validity: nothing is scanned.
            _ if a.checks.iter().any(|(an, ae)| {
                ae == e && !b.checks.iter().any(|(bn, _)| bn == an) && a.not_valid.contains(an) == b.not_valid.contains(n)
            }) => {}
            _ if valid_now => out.push(format!("adds check {n}")),
            _ => {}
        }
    }
    if b.not_null && !a.not_null {
        out.push("sets NOT NULL".into());
    }
    out
}

/// `table.column` of every column of an existing table (in `schema`) of the domain.
fn columns_of(schema: &Schema, d: &Domain) -> Vec<String> {
    let mut out = Vec::new();
    for t in schema.tables.values() {
        for c in t.columns.iter().filter(|c| c.data_type.user_defined && crate::diff::type_names_match(&c.data_type.base, &d.name)) {
            out.push(format!("{}.{}", t.name, c.name));
        }
    }
    out
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::ReplaceType { from: UserType::Domain(a), to: UserType::Domain(b) } = &step.change else {
        return vec![];
    };
    if !UserType::Domain(b.clone()).alters_in_place_from(&UserType::Domain(a.clone())) {
        return vec![];
    }
    let actions = scanning_actions(a, b);
    let columns = columns_of(ctx.before, a);
    if actions.is_empty() || columns.is_empty() {
        return vec![];
    }
    let d = Dialect::Postgres;
    let q = sql::qn(d, &b.name);
    let alt = b
        .checks
        .iter()
        .filter(|(n, e)| !a.checks.iter().any(|(an, ae)| an == n && ae == e) && !b.not_valid.contains(n))
        .flat_map(|(n, e)| {
            [
                format!("ALTER DOMAIN {q} ADD CONSTRAINT {} CHECK ({e}) NOT VALID", sql::id(d, n)),
                format!("ALTER DOMAIN {q} VALIDATE CONSTRAINT {}", sql::id(d, n)),
            ]
        })
        .collect();
    vec![Risk::new(
        RULE.id,
        // As a table's CHECK (`pg-add-check-constraint`): existing rows may fail it.
        RiskSeverity::High,
        format!(
            "Domain {} {}: every row of {} is checked under a SHARE lock on each table (writes wait); a row that breaks it fails the migration.",
            b.name,
            actions.join(", "),
            columns.join(", ")
        ),
    )
    .lock(SHARE)
    .scans()
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn dom(t: crate::Target, checks: &[(&str, &str)], not_valid: &[&str]) -> Domain {
        Domain {
            name: qn(t, "posint"),
            data_type: DataType::simple("integer"),
            checks: checks.iter().map(|(n, e)| (n.to_string(), e.to_string())).collect(),
            not_valid: not_valid.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn fixture(t: crate::Target) -> Fixture {
        let mut c = col("qty", "posint");
        c.data_type.user_defined = true;
        Fixture::new(t).with_table(table(qn(t, "items"), vec![col("id", "bigint"), c]))
    }

    #[test]
    fn fires_when_a_check_is_added_or_validated_on_a_used_domain() {
        let t = pg(15);
        let f = fixture(t);
        let change = |a: Domain, b: Domain| Change::ReplaceType { from: UserType::Domain(a), to: UserType::Domain(b) };
        let added = f.one(&RULE, change(dom(t, &[], &[]), dom(t, &[("small", "VALUE < 10")], &[])), &[]);
        assert!(added.message.contains("adds check small"), "{}", added.message);
        assert!(added.message.contains("public.items.qty"), "{}", added.message);
        assert_eq!(added.safe_alternative.len(), 2);
        let validated = f.one(&RULE, change(dom(t, &[("small", "VALUE < 10")], &["small"]), dom(t, &[("small", "VALUE < 10")], &[])), &[]);
        assert!(validated.message.contains("validates small"), "{}", validated.message);
    }

    #[test]
    fn quiet_for_not_valid_renames_unused_domains_and_drops() {
        let t = pg(15);
        let f = fixture(t);
        let change = |a: Domain, b: Domain| Change::ReplaceType { from: UserType::Domain(a), to: UserType::Domain(b) };
        assert!(f.run(&RULE, change(dom(t, &[], &[]), dom(t, &[("small", "VALUE < 10")], &["small"])), &[]).is_empty());
        assert!(f.run(&RULE, change(dom(t, &[("a", "VALUE < 10")], &[]), dom(t, &[("b", "VALUE < 10")], &[])), &[]).is_empty());
        assert!(f.run(&RULE, change(dom(t, &[("a", "VALUE < 10")], &[]), dom(t, &[], &[])), &[]).is_empty());
        let unused = Fixture::new(t);
        assert!(unused.run(&RULE, change(dom(t, &[], &[]), dom(t, &[("small", "VALUE < 10")], &[])), &[]).is_empty());
    }
}
