//! Rule `pg-sequence-restart`: new sequence bounds that may move its current value.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-sequence-restart",
    dialect: Some(Dialect::Postgres),
    title: "Narrowed sequence bounds move a current value outside them",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags an `ALTER SEQUENCE` whose new `MINVALUE` is higher (or `MAXVALUE`, or the range of its
`AS` type, lower) than before.

## Why is this bad?
PostgreSQL refuses the change while the sequence's current value lies outside the new bounds.
The migration then restarts the sequence at the nearest new bound (`RESTART WITH`, only when
the value is outside): the numbers handed out afterwards start there, and going back (down)
does not give the old value back.

## Example
```sql
DO $restart$ BEGIN
  IF (SELECT last_value < 10 FROM "public"."sq") THEN
    ALTER SEQUENCE "public"."sq" MINVALUE 10 START WITH 10 RESTART WITH 10;
  ELSE
    ALTER SEQUENCE "public"."sq" MINVALUE 10 START WITH 10;
  END IF;
END $restart$;
```

## Use instead
Check the sequence's current value (`SELECT last_value FROM sq`) before migrating; choose
bounds that contain it if the numbering must continue.
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterSequence { from, to } = &step.change else {
        return vec![];
    };
    if !from.narrowed_by(to) {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "The bounds of sequence {} narrow to [{}, {}]: a current value outside them restarts at the nearest bound (a restart of the numbering, not undone by down).",
            to.name,
            to.effective_min(),
            to.effective_max()
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sequence;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_when_bounds_narrow_only() {
        let t = pg(15);
        let f = Fixture::new(t);
        let a = Sequence { min_value: Some(5), ..Sequence::new(qn(t, "sq")) };
        let b = Sequence { min_value: Some(10), ..Sequence::new(qn(t, "sq")) };
        assert_eq!(f.run(&RULE, Change::AlterSequence { from: a.clone(), to: b.clone() }, &[]).len(), 1);
        assert!(f.run(&RULE, Change::AlterSequence { from: b, to: a }, &[]).is_empty());
    }
}
