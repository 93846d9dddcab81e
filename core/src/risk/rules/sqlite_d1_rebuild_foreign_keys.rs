//! Rule `sqlite-d1-rebuild-foreign-keys`: on Cloudflare D1 a rebuild runs with foreign keys on.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-d1-rebuild-foreign-keys",
    dialect: Some(Dialect::Sqlite),
    title: "D1: a rebuild defers foreign keys, and a broken reference fails the migration",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On Cloudflare D1 (`--flavor d1`), notes the rebuild of a table that has foreign keys or that
other tables reference.

## Why is this bad?
D1 enforces foreign keys in every query and migration and does not let a migration turn them
off; it offers `PRAGMA defer_foreign_keys = on`, which delays the checks to the end of the
transaction (<https://developers.cloudflare.com/d1/sql-api/foreign-keys/>). The rebuild's
`DROP TABLE` of the old table deletes its rows first, so with foreign keys on it runs the
`ON DELETE` actions of the referencing tables: schemashift blocks the rebuild when one of them
is `CASCADE`, `SET NULL` or `SET DEFAULT`. Otherwise the rebuild turns the deferral off after the
rename (which forgets the references the `DROP TABLE` counted as broken) and checks the whole
database: a reference really left broken (rows of the old table not copied, a new foreign key
over orphans) fails the statement and D1 rolls the migration file back. An orphan elsewhere in
the database, left from before, fails it too.

## Example
```sql
PRAGMA defer_foreign_keys = on;
CREATE TABLE "_new_users" (...);
INSERT INTO "_new_users" (...) SELECT ... FROM "users";
DROP TABLE "users";
ALTER TABLE "_new_users" RENAME TO "users";
PRAGMA defer_foreign_keys = off;
SELECT json(CASE WHEN count(*) = 0 THEN '0' ELSE 'foreign key violation' END) FROM pragma_foreign_key_check;
```

## Use instead
Before applying, find rows that already break a reference on a copy of the database
(`npx wrangler d1 execute <DATABASE> --local --command "PRAGMA foreign_key_check"`) and fix them.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !ctx.target.foreign_keys_always_on() {
        return vec![];
    }
    let Change::RebuildTable { from, to, .. } = &step.change else {
        return vec![];
    };
    let fk_to = |t: &crate::model::Table| {
        t.foreign_keys().any(|fk| matches!(&fk.kind, ConstraintKind::ForeignKey { ref_table, .. } if *ref_table == to.name))
    };
    let referenced = ctx.after.tables.values().any(|t| t.name != to.name && fk_to(t));
    if to.foreign_keys().count() == 0 && !referenced {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!(
            "{} is rebuilt on {} with foreign keys deferred, not off: a reference left broken (or already broken anywhere in the database) fails the migration file, which is rolled back.",
            from.name,
            ctx.target.label()
        ),
    )
    .alternative(vec!["PRAGMA foreign_key_check".to_string()])]
}

#[cfg(test)]
mod tests {
    use crate::generate::{generate, Options};
    use crate::target::{Flavor, Target};

    fn rules(flavor: Flavor) -> Vec<String> {
        let mut o = Options::new(crate::Dialect::Sqlite);
        o.target = Target::of(flavor);
        let b =
            "CREATE TABLE p (id INTEGER PRIMARY KEY, n TEXT);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));";
        let a = "CREATE TABLE p (id INTEGER PRIMARY KEY, n TEXT NOT NULL);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));";
        generate(b, a, &o).up.iter().flat_map(|s| s.risks.iter().map(|r| r.rule.to_string())).collect()
    }

    #[test]
    fn replaces_the_sqlite_rule_on_d1_only() {
        let d1 = rules(Flavor::D1);
        assert!(d1.iter().any(|r| r == super::RULE.id) && !d1.iter().any(|r| r == "sqlite-rebuild-foreign-key-check"), "{d1:?}");
        let sqlite = rules(Flavor::Sqlite);
        assert!(
            !sqlite.iter().any(|r| r == super::RULE.id) && sqlite.iter().any(|r| r == "sqlite-rebuild-foreign-key-check"),
            "{sqlite:?}"
        );
    }
}
