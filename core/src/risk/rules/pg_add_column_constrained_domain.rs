//! Rule `pg-add-column-constrained-domain`: a new column of a constrained domain type.

use super::prelude::*;
use crate::model::UserType;

pub const RULE: Rule = Rule {
    id: "pg-add-column-constrained-domain",
    dialect: Some(Dialect::Postgres),
    title: "Adding a column whose type is a constrained domain checks every row",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN` on an existing table when the column's type is a domain with CHECK or NOT
NULL constraints.

## Why is this bad?
The domain's constraints must hold for the new column in every existing row, so PostgreSQL
cannot use the instant ADD COLUMN path: it evaluates them for the whole table (a rewrite when
there is a default) under `ACCESS EXCLUSIVE`.

## Example
```sql
ALTER TABLE "users" ADD COLUMN "email" "email_address";  -- domain with CHECK (VALUE LIKE '%@%')
```

## Use instead
Use the base type and put the rule in a table CHECK added `NOT VALID`, then validated:
```sql
ALTER TABLE "users" ADD COLUMN "email" text;
ALTER TABLE "users" ADD CONSTRAINT "users_email_check" CHECK ("email" LIKE '%@%') NOT VALID;
ALTER TABLE "users" VALIDATE CONSTRAINT "users_email_check";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    if !column.data_type.user_defined || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let base = &column.data_type.base;
    let domain = ctx.after.types.values().find_map(|t| match t {
        UserType::Domain(d) if d.name.to_string() == *base || d.name.name == *base => Some(d),
        _ => None,
    });
    let Some(domain) = domain else { return vec![] };
    if domain.checks.is_empty() && !domain.not_null {
        return vec![];
    }
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let mut alt = vec![format!("ALTER TABLE {t} ADD COLUMN {} {}", sql::id(d, &column.name), sql::ty(d, &domain.data_type))];
    for (name, expr) in &domain.checks {
        let cname = sql::id(d, &sql::derived_name(table, &format!("{}_{name}", column.name)));
        let e = expr.replace("VALUE", &sql::id(d, &column.name)).replace("value", &sql::id(d, &column.name));
        alt.push(format!("ALTER TABLE {t} ADD CONSTRAINT {cname} CHECK ({e}) NOT VALID"));
        alt.push(format!("-- in a separate transaction\nALTER TABLE {t} VALIDATE CONSTRAINT {cname}"));
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Column {} of {table} uses domain {} with constraints: every existing row is checked (rewritten if there is a default) under ACCESS EXCLUSIVE.", column.name, domain.name),
    )
    .lock(ACCESS_EXCLUSIVE)
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Domain;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_constrained_domains() {
        let t = pg(15);
        let mut f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("id", "bigint")]));
        let dom = Domain {
            name: qn(t, "email_address"),
            data_type: DataType::simple("text"),
            not_null: false,
            default: None,
            collation: None,
            checks: vec![("c".into(), "VALUE LIKE '%@%'".into())],
            comment: None,
            not_valid: Default::default(),
        };
        f.after.types.insert(dom.name.clone(), UserType::Domain(dom));
        let mut c = col("email", "public.email_address");
        c.data_type.user_defined = true;
        let r = f.one(&RULE, Change::AddColumn { table: qn(t, "users"), column: c }, &[]);
        assert_eq!(
            r.safe_alternative[1],
            "ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_email_c\" CHECK (\"email\" LIKE '%@%') NOT VALID"
        );
    }
}
