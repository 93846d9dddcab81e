//! Rule `pg-recreate-dependents`: objects dropped and created again because something they
//! depend on changes in a way PostgreSQL refuses while they exist (`diff/dependents.rs`).

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-recreate-dependents",
    dialect: Some(Dialect::Postgres),
    title: "Objects that depend on a changed column, type or routine are dropped and created again",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Lists each view, materialized view, routine, trigger, policy, default, generated column, check
or index that the migration drops before a change and creates again after it, because
PostgreSQL refuses the change while the object exists: a column's type changes under a view,
policy, trigger or generated column; a routine is dropped (its signature changes) or re-declared
(another return type) under the defaults, checks, indexes, views and SQL-standard bodies that
call it; an enum is rebuilt under checks and routines that name it. Nothing is dropped with
`CASCADE`: every dependent is named and comes back with its AFTER definition (privileges,
comments, indexes of a materialized view included).

## Why is this bad?
Between the drop and the creation (one transaction) the objects do not exist for anyone else:
the statements take `ACCESS EXCLUSIVE` on the tables and views involved, so readers wait. Some
re-creations cost more than a catalog change: a materialized view runs its whole query again
(`WITH DATA`), a stored generated column is computed again for every row (a table rewrite), a
check is validated against every row, an index is built again (`SHARE` lock, writes blocked).

## Example
```sql
DROP VIEW "public"."v";                    -- reads "t"."price"
ALTER TABLE "public"."t" ALTER COLUMN "price" TYPE numeric(12,2);
CREATE VIEW "public"."v" AS SELECT ...;
```

## Use instead
Run it in a quiet window; for a large materialized view, create it `WITH NO DATA` under
another name beforehand and `REFRESH` it, then swap. Keep routine signatures stable (add an
overload, move callers, drop the old one later) to avoid re-creating what calls them.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::Dependent { recreate, node, because, change, .. } = &step.change else {
        return vec![];
    };
    if !recreate {
        // The drop: said once, with where it comes back (a drop for good is judged by the
        // rules of that drop instead).
        if !in_after(change, ctx) {
            return vec![];
        }
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::Low,
            format!("{node} is dropped here because {because}, and created again at the end of the migration (PostgreSQL refuses the change while it exists)."),
        )
        .lock(ACCESS_EXCLUSIVE)];
    }
    let (cost, lock, rewrites) = match &**change {
        Change::CreateView { view } if view.materialized => (
            format!(
                " Its rows are computed again (WITH DATA): the whole query runs{}.",
                if view.indexes.is_empty() { "" } else { ", and its indexes are built again" }
            ),
            ACCESS_EXCLUSIVE,
            false,
        ),
        Change::AddColumn { column, .. } if column.generated.as_ref().is_some_and(|g| g.stored) => {
            (" The stored generated column is computed again for every row (table rewrite).".to_string(), ACCESS_EXCLUSIVE, true)
        }
        Change::AddConstraint { .. } => (" The check is validated against every row.".to_string(), ACCESS_EXCLUSIVE, false),
        Change::CreateIndex { .. } => (" The index is built again (writes wait).".to_string(), SHARE, false),
        Change::SetGrant { .. } | Change::SetComment { .. } => return vec![],
        _ => (String::new(), ACCESS_EXCLUSIVE, false),
    };
    let mut r = Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("{node} is dropped and created again because {because} (PostgreSQL refuses the change while it exists).{cost}"),
    )
    .lock(lock);
    if rewrites {
        r = r.rewrites();
    }
    vec![r]
}

/// Whether the object a dependent's drop removes is in AFTER (so it is created again).
fn in_after(change: &Change, ctx: &RiskContext<'_>) -> bool {
    let a = ctx.after;
    let table = |t: &QName| a.tables.get(t);
    match change {
        Change::DropView { view } => a.views.contains_key(&view.name),
        Change::DropFunction { function } => a.functions.contains_key(&function.signature()),
        Change::DropTrigger { trigger } => a.triggers.contains_key(&(trigger.table.clone(), trigger.name.clone())),
        Change::DropPolicy { table: t, policy } => table(t).is_some_and(|x| x.policies.iter().any(|p| p.name == policy.name)),
        Change::DropColumn { table: t, column } | Change::AlterColumn { table: t, from: column, .. } => {
            table(t).is_some_and(|x| x.column(&column.name).is_some())
        }
        Change::DropConstraint { table: t, constraint } => {
            table(t).is_some_and(|x| constraint.name.as_deref().is_some_and(|n| x.constraint(n).is_some()))
        }
        Change::DropIndex { table: t, index } => table(t).is_some_and(|x| x.index(&index.name).is_some()),
        Change::DropOpaque { object, .. } => a.opaque.contains_key(&object.key()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::View;
    use crate::risk::rules::testkit::*;

    fn dependent(recreate: bool, change: Change) -> Change {
        Change::Dependent {
            recreate,
            node: "view public.v".into(),
            needs: vec![],
            because: "the type of public.t.a changes".into(),
            change: Box::new(change),
        }
    }

    #[test]
    fn names_the_recreated_object_and_the_matview_refresh() {
        let t = pg(15);
        let v = View {
            name: qn(t, "v"),
            spelled: None,
            materialized: true,
            columns: vec![],
            definition: "SELECT a FROM t".into(),
            options: vec![],
            depends_on: vec![],
            comment: None,
            with_check_option: None,
            indexes: vec![],
            column_defaults: Default::default(),
            column_comments: Default::default(),
            column_storage: Default::default(),
            storage: Default::default(),
            source: Default::default(),
        };
        let f = Fixture::new(t);
        let r = f.one(&RULE, dependent(true, Change::CreateView { view: v.clone() }), &[]);
        assert!(
            r.message.contains("view public.v") && r.message.contains("public.t.a") && r.message.contains("WITH DATA"),
            "{}",
            r.message
        );
        assert_eq!(r.lock.as_deref(), Some(ACCESS_EXCLUSIVE));
        // The drop of a view that comes back says so; a drop for good is left to the drop rules.
        assert!(f.run(&RULE, dependent(false, Change::DropView { view: v.clone() }), &[]).is_empty());
        let mut g = Fixture::new(t);
        g.after.views.insert(v.name.clone(), v.clone());
        let d = g.one(&RULE, dependent(false, Change::DropView { view: v.clone() }), &[]);
        assert!(d.message.contains("created again"), "{}", d.message);
        assert!(f.run(&RULE, Change::CreateView { view: v }, &[]).is_empty());
    }

    #[test]
    fn a_generated_column_added_again_rewrites() {
        let t = pg(15);
        let mut c = col("total", "bigint");
        c.generated = Some(crate::model::Generated { expr: "a * 2".into(), stored: true });
        let r = Fixture::new(t).one(&RULE, dependent(true, Change::AddColumn { table: qn(t, "t"), column: c }), &[]);
        assert!(r.rewrites && r.message.contains("every row"));
    }
}
