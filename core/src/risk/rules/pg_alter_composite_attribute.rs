//! Rule `pg-alter-composite-attribute`: an attribute dropped from, or retyped in, a composite
//! type that columns of existing tables use.

use super::prelude::*;
use crate::model::UserType;

pub const RULE: Rule = Rule {
    id: "pg-alter-composite-attribute",
    dialect: Some(Dialect::Postgres),
    title: "Dropping or retyping a composite type's attribute changes every stored value",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TYPE ... DROP ATTRIBUTE` and `ALTER ATTRIBUTE ... TYPE` on a composite type that
columns of existing tables (or typed tables) use.

## Why is this bad?
A dropped attribute disappears from every stored value of every column of the type: its data is
gone, and the down migration adds the attribute back empty. Retyping an attribute rewrites
typed tables under `ACCESS EXCLUSIVE`, and PostgreSQL refuses it while a plain column uses the
type.

## Example
```sql
ALTER TYPE "point3" DROP ATTRIBUTE "z";   -- "samples"."at" is of type point3
```

## Use instead
Copy the attribute's values out first (`UPDATE`/`CREATE TABLE ... AS SELECT (at).z ...`) and
check nothing reads it; retype through a new attribute filled from the old one.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::ReplaceType { from: UserType::Composite { name, attributes: a, .. }, to: UserType::Composite { attributes: b, .. } } =
        &step.change
    else {
        return vec![];
    };
    let dropped: Vec<&str> = a.iter().filter(|x| !b.iter().any(|y| y.name == x.name)).map(|x| x.name.as_str()).collect();
    let retyped: Vec<&str> = a
        .iter()
        .filter(|x| b.iter().any(|y| y.name == x.name && (y.data_type != x.data_type || y.collation != x.collation)))
        .map(|x| x.name.as_str())
        .collect();
    if dropped.is_empty() && retyped.is_empty() {
        return vec![];
    }
    let mut users = Vec::new();
    for t in ctx.before.tables.values() {
        if t.options.of_type.as_ref() == Some(name) {
            users.push(format!("typed table {}", t.name));
        }
        for c in t.columns.iter().filter(|c| c.data_type.user_defined && crate::diff::type_names_match(&c.data_type.base, name)) {
            users.push(format!("{}.{}", t.name, c.name));
        }
    }
    if users.is_empty() {
        return vec![];
    }
    let mut what = Vec::new();
    if !dropped.is_empty() {
        what.push(format!("drops attribute(s) {} (their values are lost)", dropped.join(", ")));
    }
    if !retyped.is_empty() {
        what.push(format!("retypes attribute(s) {}", retyped.join(", ")));
    }
    let mut r = Risk::new(
        RULE.id,
        if dropped.is_empty() { RiskSeverity::Medium } else { RiskSeverity::High },
        format!("Type {name} {} while {} use it.", what.join(" and "), users.join(", ")),
    );
    if !retyped.is_empty() {
        r = r.lock(ACCESS_EXCLUSIVE).rewrites();
    }
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn composite(t: crate::Target, attrs: &[(&str, &str)]) -> UserType {
        UserType::Composite {
            name: qn(t, "point3"),
            attributes: attrs.iter().map(|(n, ty)| crate::model::Attribute::new(*n, DataType::simple(ty))).collect(),
            comment: None,
        }
    }

    #[test]
    fn fires_when_a_used_attribute_is_dropped_and_not_when_added() {
        let t = pg(15);
        let mut c = col("at", "point3");
        c.data_type.user_defined = true;
        let f = Fixture::new(t).with_table(table(qn(t, "samples"), vec![col("id", "bigint"), c]));
        let xyz = composite(t, &[("x", "integer"), ("y", "integer"), ("z", "integer")]);
        let xy = composite(t, &[("x", "integer"), ("y", "integer")]);
        let r = f.one(&RULE, Change::ReplaceType { from: xyz.clone(), to: xy.clone() }, &[]);
        assert!(r.message.contains("drops attribute(s) z") && r.message.contains("public.samples.at"), "{}", r.message);
        assert!(f.run(&RULE, Change::ReplaceType { from: xy.clone(), to: xyz.clone() }, &[]).is_empty());
        assert!(Fixture::new(t).run(&RULE, Change::ReplaceType { from: xyz, to: xy }, &[]).is_empty());
    }
}
