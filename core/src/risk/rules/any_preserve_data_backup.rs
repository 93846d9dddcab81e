//! Rule `any-preserve-data-backup`: a step that `--preserve-data` made copy data into a backup
//! table before it destroys it.

use super::prelude::*;
use crate::plan::Direction;

pub const RULE: Rule = Rule {
    id: "any-preserve-data-backup",
    dialect: None,
    title: "--preserve-data copies the data this step destroys into a backup table first",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes each step into which `--preserve-data` put a backup: before a dropped column, a dropped
table or a narrowing type change, the data is copied with `CREATE TABLE ... AS SELECT` into a
`schemashift_backup_` table (`schemashift_down_backup_` for what down destroys). The note says
whether the other direction puts the data back by itself.

## Why is this bad?
The copy reads the whole table inside the migration, and the backup takes disk space until it
is dropped. The step's data-loss notes still stand for a run without down: the backup keeps the
data, it does not keep the application working with the old schema.

## Example
```sql
CREATE TABLE "public"."schemashift_backup_users_email" AS SELECT "id", "email" FROM "public"."users";
ALTER TABLE "public"."users" DROP COLUMN "email";
```

## Use instead
Keep the backup until the migration is confirmed, then run the package's
`cleanup/01_drop_backups.sql`; on a large table, copy the data beforehand in batches.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    ctx.preserved
        .iter()
        .filter(|p| p.direction == ctx.direction && p.backed_up_by(step, ctx.target.dialect))
        .map(|p| {
            let restore = if p.direction == Direction::Down {
                "it is what up created and this step destroys; nothing puts it back by itself (running up again re-creates it empty)"
                    .to_string()
            } else if p.restored {
                "down puts it back and drops the backup".to_string()
            } else {
                format!("down does NOT put it back by itself: {}", p.note.as_deref().unwrap_or("restore by hand"))
            };
            let message = format!(
                "--preserve-data: {} is copied into {} before this step; {restore}. Drop the backup with cleanup/01_drop_backups.sql once the migration is confirmed.",
                p.what(),
                p.backup
            );
            Risk::new(RULE.id, RiskSeverity::Info, message).scans()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    fn notes(m: &crate::Migration, down: bool) -> Vec<String> {
        let steps = if down { &m.down } else { &m.up };
        steps.iter().flat_map(|s| &s.risks).filter(|r| r.rule == super::RULE.id).map(|r| r.message.clone()).collect()
    }

    #[test]
    fn a_backup_is_noted_once_on_its_step_beside_the_data_loss_notes() {
        let mut o = Options::new(Dialect::Postgres);
        o.preserve_data = true;
        let m = generate(
            "CREATE TABLE users (id integer PRIMARY KEY, email text, name text);",
            "CREATE TABLE users (id integer PRIMARY KEY, name text, nick text);",
            &o,
        );
        let up = notes(&m, false);
        assert_eq!(up.len(), 1, "{up:?}");
        assert!(up[0].contains("public.users.email is copied into") && up[0].contains("down puts it back"), "{up:?}");
        let step = m.up.iter().find(|s| s.risks.iter().any(|r| r.rule == super::RULE.id)).map(|s| s.risks.clone()).unwrap_or_default();
        assert!(step.iter().any(|r| r.rule == "any-drop-column" && r.data_loss), "the data-loss note stands: {step:?}");
        let down = notes(&m, true);
        assert_eq!(down.len(), 1, "{down:?}");
        assert!(down[0].contains("nothing puts it back by itself"), "{down:?}");
    }

    #[test]
    fn without_preserve_data_no_note() {
        let m = generate(
            "CREATE TABLE t (id int PRIMARY KEY, a text);",
            "CREATE TABLE t (id int PRIMARY KEY);",
            &Options::new(Dialect::Sqlite),
        );
        assert!(notes(&m, false).is_empty() && notes(&m, true).is_empty());
    }
}
