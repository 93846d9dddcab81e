//! Rule `any-opaque-not-modelled`: an object schemashift keeps as text changed, so it is
//! dropped and re-created; or a virtual table (and the data it holds) is dropped.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-opaque-not-modelled",
    dialect: None,
    title: "An object kept as text is dropped and re-created: review the step",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags the drop and the re-creation of an object that schemashift does not model field by field
but keeps whole as its statement text (PostgreSQL collations, casts, operators and operator
classes, aggregates, text search objects, rules, extended statistics, publications, foreign
servers and tables...; SQLite virtual tables): its normalized text differs between BEFORE and
AFTER. Also flags any drop of a SQLite virtual table.

## Why is this bad?
schemashift cannot tell what the difference means, so it drops the object and creates AFTER's
version. In between, what depends on it is affected: a column or index using a collation or an
operator class blocks the drop, a publication stops replicating, a rule stops rewriting queries.
A dropped virtual table (FTS5, R*Tree) loses the data it holds.

## Example
```sql
DROP COLLATION "public"."german";
CREATE COLLATION german (provider = icu, locale = 'de-DE');
```

## Use instead
Review the step: where the engine has an `ALTER` for the change (`ALTER PUBLICATION ... ADD
TABLE`, `ALTER TEXT SEARCH CONFIGURATION ... ALTER MAPPING`), write it by hand; copy a virtual
table's rows out before it is re-created.
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (object, replaced, dropping) = match &step.change {
        Change::CreateOpaque { object, replaced } => (object, *replaced, false),
        Change::DropOpaque { object, replaced } => (object, *replaced, true),
        _ => return vec![],
    };
    let virtual_table = object.kind == "VIRTUAL TABLE";
    if !(replaced || dropping && virtual_table) {
        return vec![];
    }
    let what = format!("{} {}", object.kind.to_lowercase(), object.name);
    let msg = if replaced {
        format!("not modelled: review this step. The {what} differs between BEFORE and AFTER; schemashift keeps it as text, so it is dropped and re-created{}.",
            if dropping { " (what uses it must allow the drop)" } else { "" })
    } else {
        format!("not modelled: review this step. Dropping {what} drops the rows it holds.")
    };
    let risk = Risk::new(RULE.id, RiskSeverity::High, msg).breaks_app();
    vec![if dropping && virtual_table { risk.data_loss() } else { risk }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Opaque;
    use crate::risk::rules::testkit::*;

    fn obj(kind: &str) -> Opaque {
        Opaque {
            kind: kind.into(),
            name: "german".into(),
            drop: format!("{kind} german"),
            sql: "CREATE COLLATION german (locale = 'de')".into(),
            text: "CREATE COLLATION german (locale = 'de')".into(),
            alters: vec![],
            comment: None,
            depends_on: vec![],
        }
    }

    #[test]
    fn replaced_is_high() {
        let r = Fixture::new(pg(15)).one(&RULE, Change::DropOpaque { object: obj("COLLATION"), replaced: true }, &[]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert!(r.message.starts_with("not modelled: review this step"));
        let r = Fixture::new(pg(15)).one(&RULE, Change::CreateOpaque { object: obj("COLLATION"), replaced: true }, &[]);
        assert_eq!(r.severity, RiskSeverity::High);
    }

    #[test]
    fn one_side_only_is_quiet_except_virtual_tables() {
        assert!(Fixture::new(pg(15)).run(&RULE, Change::CreateOpaque { object: obj("COLLATION"), replaced: false }, &[]).is_empty());
        assert!(Fixture::new(pg(15)).run(&RULE, Change::DropOpaque { object: obj("COLLATION"), replaced: false }, &[]).is_empty());
        let r = Fixture::new(sqlite(45)).one(&RULE, Change::DropOpaque { object: obj("VIRTUAL TABLE"), replaced: false }, &[]);
        assert!(r.data_loss);
    }
}
