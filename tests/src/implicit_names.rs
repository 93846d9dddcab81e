//! Implicit names that follow a rename are renamed, not rebuilt, on real PostgreSQL: the primary
//! key's and the index's relations and the serial's sequence are the same objects (same OIDs)
//! after up and after down, and the sequence goes on where it was (an insert after up gets a new
//! id, not 1 again). The hand case `cases/postgres/rename_keeps_implicit_names.sql` proves the
//! catalogs and rows both ways; this proves nothing was rebuilt.

use crate::engine::Engine;
use schemashift::{Dialect, Options};

const BEFORE: &str = "CREATE TABLE orgs (id bigint PRIMARY KEY);\n\
    CREATE TABLE customers (id serial PRIMARY KEY, email text UNIQUE, org_id bigint REFERENCES orgs);\n\
    CREATE INDEX ON customers (email, id);";
const AFTER: &str = "CREATE TABLE orgs (id bigint PRIMARY KEY);\n\
    CREATE TABLE clients (id serial PRIMARY KEY, mail text UNIQUE, org_id bigint REFERENCES orgs);\n\
    CREATE INDEX ON clients (mail, id);";
const SEED: &str = "INSERT INTO orgs VALUES (1); INSERT INTO customers (email, org_id) VALUES ('a@x', 1), ('b@x', 1), ('c@x', NULL);";

/// (relation name before, after up) whose OID must not change.
const SAME: [(&str, &str); 4] = [
    ("customers_pkey", "clients_pkey"),
    ("customers_email_key", "clients_mail_key"),
    ("customers_email_id_idx", "clients_mail_id_idx"),
    ("customers_id_seq", "clients_id_seq"),
];

/// Run the proof with `--rename` options (the way the playground passes them); Ok with figures.
pub fn run(engine: &dyn Engine) -> Result<String, String> {
    assert_eq!(engine.dialect(), Dialect::Postgres);
    let mut o = Options::new(Dialect::Postgres);
    o.renames = vec!["customers=clients".into(), "clients.email=mail".into()];
    let m = schemashift::generate(BEFORE, AFTER, &o);
    let (up, down) = (m.up_sql(), m.down_sql());
    for sql in [&up, &down] {
        for rebuilt in ["DROP CONSTRAINT", "ADD CONSTRAINT", "CREATE INDEX", "DROP INDEX", "CREATE SEQUENCE", "DROP SEQUENCE"] {
            if sql.contains(rebuilt) {
                return Err(format!("the rename rebuilds ({rebuilt}):\n{sql}"));
            }
        }
    }
    let mut db = engine.fresh(None)?;
    db.run_script(BEFORE)?;
    db.run_script(SEED)?;
    let oid = |db: &mut dyn crate::engine::Database, rel: &str| -> Result<String, String> {
        let r = db.query(&format!("SELECT 'public.{rel}'::regclass::oid::text"))?;
        r.first().and_then(|row| row.first().cloned().flatten()).ok_or(format!("no relation {rel}"))
    };
    let mut before = Vec::new();
    for (old, _) in SAME {
        before.push(oid(db.as_mut(), old)?);
    }
    db.run_migration(&up).map_err(|e| format!("up: {e}\n{up}"))?;
    for ((old, new), was) in SAME.iter().zip(&before) {
        let now = oid(db.as_mut(), new)?;
        if now != *was {
            return Err(format!("{old} was rebuilt as {new} by up (OID {was} → {now})"));
        }
    }
    let id = db.query("INSERT INTO clients (mail) VALUES ('d@x') RETURNING id::text")?;
    if id.first().and_then(|r| r.first().cloned().flatten()).as_deref() != Some("4") {
        return Err(format!("the sequence did not go on after up: new id {id:?}, want 4"));
    }
    db.execute("DELETE FROM clients WHERE mail = 'd@x'")?;
    db.run_migration(&down).map_err(|e| format!("down: {e}\n{down}"))?;
    for ((old, _), was) in SAME.iter().zip(&before) {
        let now = oid(db.as_mut(), old)?;
        if now != *was {
            return Err(format!("{old} was rebuilt by down (OID {was} → {now})"));
        }
    }
    let id = db.query("INSERT INTO customers (email) VALUES ('e@x') RETURNING id::text")?;
    if id.first().and_then(|r| r.first().cloned().flatten()).as_deref() != Some("5") {
        return Err(format!("the sequence did not go on after down: new id {id:?}, want 5"));
    }
    Ok(format!("{} relations kept their OIDs through up and down; ids went on at 4 and 5", SAME.len()))
}
