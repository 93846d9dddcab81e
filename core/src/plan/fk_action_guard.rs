//! Table rebuilds where foreign keys cannot be turned off (`Target::foreign_keys_always_on`:
//! Cloudflare D1). The rebuild's `DROP TABLE` of the old table first deletes its rows, and with
//! foreign keys on that runs the `ON DELETE` action of every table referencing it:
//! `PRAGMA defer_foreign_keys` only delays the check, so `CASCADE` deletes the child rows,
//! `SET NULL`/`SET DEFAULT` overwrite their keys, and the copy under the old name comes too late.
//! The same holds for a table dropped for good while a table that stays still references it.
//! (Shown on real SQLite by `tests/tests/sqlite_d1.rs`.) Such a rebuild blocks the result.

use crate::model::{ConstraintKind, FkAction, QName, Schema};
use crate::plan::Step;
use crate::{BlockKind, Blocker, Target};

/// One blocker per rebuilt table that a table of `from` or `to` (itself included, under its new
/// definition) references with an `ON DELETE` action that writes rows. `direction` names the
/// script ("up", "down").
pub fn blockers(steps: &[Step], from: &Schema, to: &Schema, target: &Target, direction: &str) -> Vec<Blocker> {
    if !target.foreign_keys_always_on() {
        return Vec::new();
    }
    let mut out: Vec<Blocker> = Vec::new();
    for step in steps {
        let (names, schemas, what) = match (rebuilt(step, from, to), dropped(step, to)) {
            (Some(names), _) => (names, vec![from, to], "rebuilds table {t} (create, copy, DROP TABLE, rename)"),
            (None, Some(name)) => (vec![name], vec![to], "drops table {t} while tables it keeps still reference it"),
            _ => continue,
        };
        let mut found: Vec<String> = Vec::new();
        for schema in schemas {
            for t in schema.tables.values() {
                for c in t.foreign_keys() {
                    let ConstraintKind::ForeignKey { ref_table, on_delete, columns, .. } = &c.kind else { continue };
                    if !names.contains(ref_table) || !writes_rows(*on_delete) {
                        continue;
                    }
                    let what = format!("{}({}) ON DELETE {}", t.name, columns.join(", "), on_delete.sql());
                    if !found.contains(&what) {
                        found.push(what);
                    }
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        let table = names.last().map(|n| n.to_string()).unwrap_or_default();
        let msg = format!(
            "the {direction} script {}, and on {} foreign keys cannot be turned off: \
             the DROP TABLE runs the delete actions of {} (PRAGMA defer_foreign_keys only delays the check), deleting or changing those rows. \
             Change the reference to ON DELETE NO ACTION/RESTRICT in a migration of its own first, or rebuild the tables by hand",
            what.replace("{t}", &table),
            target.flavor.label(),
            found.join(", ")
        );
        if !out.iter().any(|b| b.message == msg) {
            out.push(Blocker::new(BlockKind::NotPlanned, msg).with_objects(vec![table]));
        }
    }
    out
}

/// The names (before, after) of the table a step rebuilds: a change to a table kept on both
/// sides whose statements drop it.
fn rebuilt(step: &Step, from: &Schema, to: &Schema) -> Option<Vec<QName>> {
    let after = step.change.table()?;
    let before = match &step.change {
        crate::diff::Change::RebuildTable { from: old, .. } => old.name.clone(),
        _ => after.clone(),
    };
    let drops = step.statements.iter().any(|s| s.trim_start().to_ascii_uppercase().starts_with("DROP TABLE "));
    (drops && from.tables.contains_key(&before) && to.tables.contains_key(after)).then(|| vec![before, after.clone()])
}

/// The table a step drops for good (`DropTable`, the table gone from `to`).
fn dropped(step: &Step, to: &Schema) -> Option<QName> {
    match &step.change {
        crate::diff::Change::DropTable { table } if !to.tables.contains_key(&table.name) => Some(table.name.clone()),
        _ => None,
    }
}

fn writes_rows(action: FkAction) -> bool {
    matches!(action, FkAction::Cascade | FkAction::SetNull | FkAction::SetDefault)
}

#[cfg(test)]
mod tests {
    use crate::generate::{generate, Options};
    use crate::target::{Flavor, Target};

    const PARENT: &str = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);\n";

    fn run(flavor: Flavor, before: &str, after: &str) -> crate::Migration {
        let mut options = Options::new(crate::Dialect::Sqlite);
        options.target = Target::of(flavor);
        generate(before, after, &options)
    }

    fn child(action: &str) -> String {
        format!("CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent(id){action});\n")
    }

    #[test]
    fn d1_rebuild_of_a_parent_with_delete_actions_is_blocked() {
        let after_parent = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n";
        for action in [" ON DELETE CASCADE", " ON DELETE SET NULL", " ON DELETE SET DEFAULT"] {
            let (b, a) = (format!("{PARENT}{}", child(action)), format!("{after_parent}{}", child(action)));
            let m = run(Flavor::D1, &b, &a);
            assert!(m.is_blocked(), "{action}: {}", m.up_sql());
            let msg = &m.blocked[0].message;
            assert!(msg.contains("rebuilds table parent") && msg.contains("child(pid)") && msg.contains("Cloudflare D1"), "{msg}");
            // Plain SQLite turns foreign keys off around the rebuild: not blocked.
            assert!(!run(Flavor::Sqlite, &b, &a).is_blocked(), "{action}");
        }
    }

    #[test]
    fn d1_rebuild_without_delete_actions_is_not_blocked() {
        let after_parent = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n";
        for action in ["", " ON DELETE RESTRICT", " ON DELETE NO ACTION", " ON UPDATE CASCADE"] {
            let m = run(Flavor::D1, &format!("{PARENT}{}", child(action)), &format!("{after_parent}{}", child(action)));
            assert!(!m.is_blocked(), "{action}: {:?}", m.blocked);
        }
    }

    #[test]
    fn d1_self_reference_with_cascade_blocks_its_own_rebuild() {
        let b = "CREATE TABLE node (id INTEGER PRIMARY KEY, up INTEGER REFERENCES node(id) ON DELETE CASCADE, name TEXT);\n";
        let a = "CREATE TABLE node (id INTEGER PRIMARY KEY, up INTEGER REFERENCES node(id) ON DELETE CASCADE, name TEXT NOT NULL);\n";
        let m = run(Flavor::D1, b, a);
        assert!(m.is_blocked() && m.blocked[0].message.contains("node(up)"), "{:?}", m.blocked);
    }

    #[test]
    fn d1_drop_of_a_parent_a_kept_table_still_references_with_cascade_is_blocked() {
        let b = format!("{PARENT}{}", child(" ON DELETE CASCADE"));
        let m = run(Flavor::D1, &b, &child(" ON DELETE CASCADE"));
        assert!(m.blocked.iter().any(|x| x.message.contains("the up script drops table parent")), "{:?}", m.blocked);
        // The child's reference removed with it: the child is rebuilt first, nothing to block.
        let m = run(Flavor::D1, &b, "CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER);\n");
        assert!(!m.blocked.iter().any(|x| x.message.contains("the up script")), "{:?}", m.blocked);
    }

    #[test]
    fn d1_down_rebuild_is_judged_too() {
        // Up only adds a column (no rebuild); down drops it... natively: so a NOT NULL relaxed
        // on the way back is the rebuild here.
        let b = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n".to_string() + &child(" ON DELETE CASCADE");
        let a = format!("{PARENT}{}", child(" ON DELETE CASCADE"));
        let m = run(Flavor::D1, &b, &a);
        assert!(m.blocked.iter().any(|x| x.message.contains("the up script")), "{:?}", m.blocked);
        assert!(m.blocked.iter().any(|x| x.message.contains("the down script")), "{:?}", m.blocked);
    }
}
