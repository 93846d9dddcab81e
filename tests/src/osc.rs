//! The online schema change strategy (`--osc pt-osc`) on a real MariaDB with
//! pt-online-schema-change (Debian's `percona-toolkit`; `tests/tests/osc.rs`).
//!
//! A database holds BEFORE with rows: `parent` is referenced by `items`' foreign key and has a
//! trigger. The package generated with `--osc pt-osc --osc-all`:
//! 1. `deploy.sh up` stops at the guard of the first `osc/` step, naming its script, with the
//!    tables unchanged;
//! 2. the script without `--execute` is a dry run: the tables are still unchanged;
//! 3. with `--execute` it changes the table and logs the step `done`; `deploy.sh up` continues
//!    after it (and stops at the next guard, run the same way) to the end;
//! 4. the catalog is AFTER's (the foreign key pt-osc rebuilt named as it names it, see below),
//!    the rows are all there, the trigger still fires.

use crate::catalog::Catalog;
use crate::engine::Engine;
use crate::steplog::{shell, without_log};
use crate::tools::Server;
use schemashift::package::{build, Format, PackageOptions};
use schemashift::{Dialect, Options};

const BEFORE: &str = "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, qty INT);\n\
    CREATE TABLE items (id INT PRIMARY KEY, parent_id INT, CONSTRAINT items_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id));\n\
    CREATE TABLE audit (n INT PRIMARY KEY);\n\
    CREATE TRIGGER parent_audit AFTER INSERT ON parent FOR EACH ROW INSERT INTO audit (n) VALUES (NEW.id);\n";
const AFTER: &str =
    "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, qty BIGINT, nick VARCHAR(20), KEY parent_name_idx (name));\n\
    CREATE TABLE items (id INT PRIMARY KEY, parent_id INT, CONSTRAINT items_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id));\n\
    CREATE TABLE audit (n INT PRIMARY KEY);\n\
    CREATE TRIGGER parent_audit AFTER INSERT ON parent FOR EACH ROW INSERT INTO audit (n) VALUES (NEW.id);\n";

/// The foreign key names pt-online-schema-change's `rebuild_constraints` gives the children's
/// keys (a leading `_` added, or removed when there is one): the documented side effect.
fn fk_names_as_rebuilt(c: &Catalog) -> Catalog {
    let mut out = c.clone();
    out.objects = c
        .objects
        .iter()
        .map(|(k, v)| (k.replace("_items_parent_fk", "items_parent_fk"), v.replace("_items_parent_fk", "items_parent_fk")))
        .collect();
    out
}

pub fn scenario(engine: &dyn Engine, server: &Server) -> Result<String, String> {
    let after_cat = {
        let mut db = engine.fresh(None)?;
        db.run_script(AFTER)?;
        without_log(db.catalog()?)
    };
    let mut db = engine.fresh(None)?;
    db.run_script(BEFORE)?;
    let rows = 3000;
    db.execute(&format!("INSERT INTO parent (id, name, qty) SELECT seq, CONCAT('n', seq), seq FROM seq_1_to_{rows}"))?;
    db.execute(&format!("INSERT INTO items (id, parent_id) SELECT seq, seq FROM seq_1_to_{rows}"))?;
    let before_cat = without_log(db.catalog()?);
    let parent_rows = db.query("SELECT id, name, qty FROM parent ORDER BY id")?;

    let mut o = Options::new(Dialect::Mysql);
    o.set_osc("pt-osc", true, "");
    let m = schemashift::generate(BEFORE, AFTER, &o);
    if m.is_blocked() {
        return Err(format!("blocked: {:?}", m.blocked));
    }
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "1"))?;
    let scripts: Vec<String> = pkg.files.keys().filter(|k| k.starts_with("osc/0")).cloned().collect();
    if scripts.is_empty() {
        return Err(format!("no osc script in {:?}", pkg.files.keys().collect::<Vec<_>>()));
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    for (path, bytes) in &pkg.files {
        let p = dir.path().join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&p, bytes).map_err(|e| e.to_string())?;
    }
    let name = db.name();

    // 1. deploy.sh stops at the first guard; nothing of the table has changed.
    let (ok, out) = shell(dir.path(), server, &name, "sh deploy.sh up")?;
    let first = &scripts[0];
    if ok || !out.contains(&format!("run {first} first")) {
        return Err(format!("deploy.sh up should stop at the guard of {first}:\n{out}"));
    }
    if without_log(db.catalog()?) != before_cat {
        return Err("the guard's step changed the schema".into());
    }
    // 2. The dry run changes nothing.
    let (ok, out) = shell(dir.path(), server, &name, &format!("sh {first}"))?;
    if !ok || !out.contains("dry run") {
        return Err(format!("sh {first}:\n{out}"));
    }
    if without_log(db.catalog()?) != before_cat {
        return Err(format!("the dry run of {first} changed the schema:\n{out}"));
    }
    // 3. Each guard in turn: the script with --execute, then deploy.sh continues.
    let mut ran = Vec::new();
    for _ in 0..=scripts.len() {
        let (ok, out) = shell(dir.path(), server, &name, "sh deploy.sh up")?;
        if ok {
            break;
        }
        let Some(script) = scripts.iter().find(|s| out.contains(&format!("run {s} first"))) else {
            return Err(format!("deploy.sh up failed outside a guard:\n{out}"));
        };
        if ran.contains(script) {
            return Err(format!("{script} ran, yet deploy.sh stops at its guard again:\n{out}"));
        }
        let (ok, out) = shell(dir.path(), server, &name, &format!("sh {script} --execute"))?;
        if !ok || !out.contains("Successfully altered") || !out.contains("done") {
            return Err(format!("sh {script} --execute:\n{out}"));
        }
        ran.push(script.clone());
    }
    if ran.len() != scripts.len() {
        return Err(format!("ran {ran:?} of {scripts:?}"));
    }
    // 4. AFTER, the rows, the trigger.
    let got = fk_names_as_rebuilt(&without_log(db.catalog()?));
    if got != after_cat {
        return Err(format!("catalog after up differs from AFTER:\n{}", got.diff(&after_cat).join("\n")));
    }
    let now = db.query("SELECT id, name, qty FROM parent ORDER BY id")?;
    if now != parent_rows {
        return Err(format!("parent's rows changed: {} rows before, {} after", parent_rows.len(), now.len()));
    }
    db.execute(&format!("INSERT INTO parent (id, name) VALUES ({}, 'late')", rows + 1))?;
    let audit = db.query(&format!("SELECT n FROM audit WHERE n = {}", rows + 1))?;
    if audit.len() != 1 {
        return Err("the trigger no longer fires after pt-online-schema-change".into());
    }
    // The children's foreign key follows the new table: an orphan is still refused.
    if db.execute(&format!("INSERT INTO items (id, parent_id) VALUES ({}, {})", rows + 1, rows + 99)).is_ok() {
        return Err("items' foreign key no longer holds after the swap".into());
    }
    let items = db.query("SELECT COUNT(*) FROM items")?;
    if items.first().and_then(|r| r.first().cloned().flatten()).as_deref() != Some(&rows.to_string()) {
        return Err(format!("items' rows changed: {items:?}"));
    }
    Ok(format!("{rows} rows; pt-online-schema-change ran {} ({})", ran.len(), ran.join(", ")))
}
