//! What the down migration loses, and what its notes claim, on real engines.
//!
//! The case of issue 11: up adds `roles` and `users.role_id` and drops `users.is_admin boolean
//! NOT NULL DEFAULT false`. Without `--preserve-data`, down's re-added `is_admin` must carry the
//! critical `any-down-readds-dropped-column` note, and the engine must show what it says (every
//! admin demoted to the default). With it, down puts every `is_admin` back, and keeps what the
//! application wrote into `roles` and `role_id` between up and down in down's backup tables.

use crate::engine::{Database, Engine};
use crate::preserve::{qname, rows};
use schemashift::plan::Direction;
use schemashift::risk::RiskSeverity;
use schemashift::{Dialect, Migration, Options};

fn schemas(d: Dialect) -> (String, String) {
    let bool_false = if d == Dialect::Sqlite { "0" } else { "false" };
    let before =
        format!("CREATE TABLE users (id integer PRIMARY KEY, email varchar(100), is_admin boolean NOT NULL DEFAULT {bool_false});");
    let after = "CREATE TABLE roles (id integer PRIMARY KEY, name varchar(50));\n\
                 CREATE TABLE users (id integer PRIMARY KEY, email varchar(100), role_id integer REFERENCES roles (id));"
        .to_string();
    (before, after)
}

const SEED: &str = "INSERT INTO users (id, email, is_admin) VALUES (1, 'ann@example.com', true), (2, 'bob@example.com', false), (3, 'cy@example.com', true);";
/// What the application writes between up and down.
const WRITES: [&str; 2] =
    ["INSERT INTO roles (id, name) VALUES (10, 'admin'), (11, 'member')", "UPDATE users SET role_id = 10 WHERE id <> 2"];

fn generate(d: Dialect, preserve: bool) -> Migration {
    let (before, after) = schemas(d);
    let mut o = Options::new(d);
    o.preserve_data = preserve;
    schemashift::generate(&before, &after, &o)
}

/// The notes of the down step that re-adds `is_admin`, and of down's drops.
fn check_notes(m: &Migration, preserve: bool) -> Result<(), String> {
    let readd = m
        .down
        .iter()
        .flat_map(|s| &s.risks)
        .find(|r| r.rule == "any-down-readds-dropped-column")
        .ok_or("down's re-added is_admin has no any-down-readds-dropped-column note")?;
    let want = if preserve { RiskSeverity::Info } else { RiskSeverity::Critical };
    if readd.severity != want || readd.data_loss == preserve {
        return Err(format!("is_admin note: want {want:?}, data_loss {}, got {readd:?}", !preserve));
    }
    let drop_column = if m.target.dialect == Dialect::Sqlite { "sqlite-rebuild-drops-column" } else { "any-drop-column" };
    for rule in ["any-drop-table", drop_column] {
        let r = m.down.iter().flat_map(|s| &s.risks).find(|r| r.rule == rule).ok_or(format!("down has no {rule}"))?;
        if !r.message.contains("Down drops what up created") {
            return Err(format!("{rule} in down does not say what down loses: {}", r.message));
        }
    }
    Ok(())
}

/// Up, the application's writes, down. Returns the database and the users rows before up.
/// Rows per table, as read before up.
type TableRows = Vec<(String, Vec<crate::engine::Row>)>;

fn round_trip(engine: &dyn Engine, m: &Migration) -> Result<(Box<dyn Database>, TableRows), String> {
    let (before, _) = schemas(engine.dialect());
    let mut db = engine.fresh(None)?;
    db.run_script(&before).map_err(|e| format!("BEFORE: {e}"))?;
    db.run_script(SEED).map_err(|e| format!("seed: {e}"))?;
    let seeded = rows(db.as_mut(), &["users"])?;
    db.run_migration(&m.up_sql()).map_err(|e| format!("up: {e}\n{}", m.up_sql()))?;
    for w in WRITES {
        db.execute(w).map_err(|e| format!("`{w}` after up: {e}"))?;
    }
    db.run_migration(&m.down_sql()).map_err(|e| format!("down: {e}\n{}", m.down_sql()))?;
    Ok((db, seeded))
}

/// Both runs on one engine; Ok with a line of figures.
pub fn run(engine: &dyn Engine) -> Result<String, String> {
    let d = engine.dialect();
    // Without --preserve-data: the note is there, and true.
    let m = generate(d, false);
    check_notes(&m, false)?;
    let (mut db, seeded) = round_trip(engine, &m)?;
    let back = rows(db.as_mut(), &["users"])?;
    let demoted = seeded[0].1.iter().filter(|r| !back[0].1.contains(r)).count();
    if demoted != 2 {
        return Err(format!("without --preserve-data, expected the 2 admins demoted by down, {demoted} rows differ: {back:?}"));
    }
    // With it: every is_admin back, and the rows written since up kept by down.
    let m = generate(d, true);
    check_notes(&m, true)?;
    let (mut db, seeded) = round_trip(engine, &m)?;
    let back = rows(db.as_mut(), &["users"])?;
    if back != seeded {
        return Err(format!("with --preserve-data, users differ after down:\n  {seeded:?}\n  {back:?}\n{}", m.down_sql()));
    }
    let kept: Vec<_> = m.preserved.iter().filter(|p| p.direction == Direction::Down).collect();
    let mut kept_rows = 0;
    for (what, want) in [("public.roles", 2usize), ("public.users.role_id", 3)] {
        let what = if d == Dialect::Postgres { what.to_string() } else { what.trim_start_matches("public.").to_string() };
        let p = kept.iter().find(|p| p.what() == what).ok_or(format!("down keeps no backup of {what}: {kept:?}"))?;
        let n = db.query(&format!("SELECT COUNT(*) FROM {}", qname(db.as_ref(), &p.backup)))?;
        let n: usize = n.first().and_then(|r| r.first().cloned().flatten()).and_then(|v| v.parse().ok()).unwrap_or(0);
        if n != want {
            return Err(format!("down's backup {} holds {n} rows, want {want}", p.backup));
        }
        kept_rows += n;
    }
    let admins_in_backup = db.query(&format!(
        "SELECT COUNT(*) FROM {} WHERE role_id = 10",
        qname(db.as_ref(), &kept.iter().find(|p| p.column.is_some()).ok_or("no column backup")?.backup)
    ))?;
    if admins_in_backup.first().and_then(|r| r.first().cloned().flatten()).as_deref() != Some("2") {
        return Err(format!("down's role_id backup lost the values written after up: {admins_in_backup:?}"));
    }
    Ok(format!("without the option down demoted {demoted} admins (as its critical note says); with it every user row is back and down kept {kept_rows} rows written since up"))
}
