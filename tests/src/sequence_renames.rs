//! A sequence renamed keeps its current value on the real engine (issue: a sequence whose name
//! has a typo in AFTER became DROP + CREATE, restarting the numbering under rows that already
//! hold its numbers). Run by the `postgres` and `mariadb` suites as `sequence-renames/...`:
//!
//! - `hint`: BEFORE applied, the sequence advanced by inserts and bare `nextval` calls; the up
//!   migration of AFTER with `-- schemashift:renamed-from` applied: the same sequence (PostgreSQL:
//!   same OID) under the new name, the next value one past the old position, the column default
//!   naming the new sequence and working (PostgreSQL: `OWNED BY` followed); down the same way
//!   back. Also with a quoted name holding a quote and capitals (PostgreSQL), and with the option
//!   changed at the same time (`INCREMENT BY`), which follows the rename.
//! - `typo-blocks`: the same AFTER without the hint is blocked (rename or drop?), its suggestion
//!   accepted (`--rename`, the page's answer) plans what the hint plans, and `--not-rename` gives
//!   today's drop and create, which restarts at START on the engine (a sequence the column owns:
//!   just past the column's highest value).

use crate::engine::{Database, Engine};
use crate::runner::{EngineCell, Suite};
use schemashift::{Dialect, Options};

/// BEFORE, AFTER (hint included), the table and the column reading the sequence, its new name.
struct Pair {
    before: &'static str,
    after: &'static str,
    table: &'static str,
    old_seq: &'static str,
    new_seq: &'static str,
    /// How the new sequence steps in AFTER (down steps by 1 again).
    step: i64,
}

const PG_PLAIN: Pair = Pair {
    before: "CREATE SEQUENCE order_numbers START 1000;\n\
        CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('order_numbers'));\n\
        ALTER SEQUENCE order_numbers OWNED BY orders.num;",
    after: "-- schemashift:renamed-from order_numbers\n\
        CREATE SEQUENCE order_numbrs START 1000;\n\
        CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('order_numbrs'));\n\
        ALTER SEQUENCE order_numbrs OWNED BY orders.num;",
    table: "orders",
    old_seq: "order_numbers",
    new_seq: "order_numbrs",
    step: 1,
};

const PG_QUOTED: Pair = Pair {
    before: "CREATE SEQUENCE \"Order\"\"Nums\" START 1000;\n\
        CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('\"Order\"\"Nums\"'));",
    after: "-- schemashift:renamed-from \"Order\"\"Nums\"\n\
        CREATE SEQUENCE \"Ordr\"\"Nums\" START 1000 INCREMENT BY 5;\n\
        CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('\"Ordr\"\"Nums\"'));",
    table: "orders",
    old_seq: "Order\"Nums",
    new_seq: "Ordr\"Nums",
    step: 5,
};

const MARIADB_PLAIN: Pair = Pair {
    before: "CREATE SEQUENCE order_numbers START WITH 1000 NOCACHE;\n\
        CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval(order_numbers));",
    after: "-- schemashift:renamed-from order_numbers\n\
        CREATE SEQUENCE order_numbrs START WITH 1000 NOCACHE;\n\
        CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval(order_numbrs));",
    table: "orders",
    old_seq: "order_numbers",
    new_seq: "order_numbrs",
    step: 1,
};

/// Add the checks of `dialect` (PostgreSQL and MariaDB have sequences).
pub fn add(suite: &mut Suite, dialect: Dialect) {
    let pairs: Vec<(&str, &'static Pair)> = match dialect {
        Dialect::Postgres => vec![("plain", &PG_PLAIN), ("quoted", &PG_QUOTED)],
        Dialect::Mysql => vec![("plain", &MARIADB_PLAIN)],
        Dialect::Sqlite => return,
    };
    for (label, pair) in pairs {
        let engine = suite.engine.clone();
        suite.add_test(&format!("sequence-renames/hint/{label}"), move || with(&engine, |e| renamed_keeps_value(e, pair)));
        let engine = suite.engine.clone();
        suite.add_test(&format!("sequence-renames/typo-blocks/{label}"), move || with(&engine, |e| typo_blocks(e, pair)));
    }
}

fn with(engine: &EngineCell, f: impl FnOnce(&dyn Engine) -> Result<(), String>) -> Result<(), String> {
    let e = engine.get()?;
    f(e.as_ref())
}

fn options(d: Dialect) -> Options {
    Options::new(d)
}

fn one(db: &mut dyn Database, sql: &str) -> Result<String, String> {
    let rows = db.query(sql)?;
    rows.first().and_then(|r| r.first().cloned().flatten()).ok_or_else(|| format!("no value from {sql}"))
}

/// A string literal of `s` (both engines double the quote).
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The sequence's next value, taken with `nextval` (it advances).
fn next(db: &mut dyn Database, d: Dialect, seq: &str) -> Result<i64, String> {
    let sql = match d {
        Dialect::Postgres => format!("SELECT nextval({})::text", lit(&db.quote(seq))),
        _ => format!("SELECT CAST(NEXTVAL({}) AS CHAR)", db.quote(seq)),
    };
    one(db, &sql)?.parse().map_err(|e| format!("nextval of {seq}: {e}"))
}

/// Insert a row by its default and return the number it got.
fn insert(db: &mut dyn Database, d: Dialect, table: &str, id: i64) -> Result<i64, String> {
    let t = db.quote(table);
    db.execute(&format!("INSERT INTO {t} (id) VALUES ({id})"))?;
    let sql = match d {
        Dialect::Postgres => format!("SELECT num::text FROM {t} WHERE id = {id}"),
        _ => format!("SELECT CAST(num AS CHAR) FROM {t} WHERE id = {id}"),
    };
    one(db, &sql)?.parse().map_err(|e| format!("num of row {id}: {e}"))
}

/// The relation's identity: PostgreSQL's OID; MariaDB has none to read, its existence is asked.
fn identity(db: &mut dyn Database, d: Dialect, seq: &str) -> Result<String, String> {
    match d {
        Dialect::Postgres => {
            let sql = format!("SELECT {}::regclass::oid::text", lit(&db.quote(seq)));
            one(db, &sql)
        }
        _ => one(
            db,
            &format!(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'SEQUENCE' AND table_name = {}",
                lit(seq)
            ),
        ),
    }
}

/// PostgreSQL: a name as the engine prints it (`quote_ident`).
fn pg_ident(db: &mut dyn Database, name: &str) -> Result<String, String> {
    one(db, &format!("SELECT quote_ident({})", lit(name)))
}

/// PostgreSQL: the column default as the engine prints it, and the sequence the column owns.
fn pg_links(db: &mut dyn Database, table: &str) -> Result<(String, Option<String>), String> {
    let default = one(
        db,
        &format!(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum \
             WHERE d.adrelid = {}::regclass AND a.attname = 'num'",
            lit(table)
        ),
    )?;
    let owned = db.query(&format!("SELECT pg_get_serial_sequence({}, 'num')", lit(table)))?;
    Ok((default, owned.first().and_then(|r| r.first().cloned().flatten())))
}

fn renamed_keeps_value(engine: &dyn Engine, pair: &Pair) -> Result<(), String> {
    let d = engine.dialect();
    let m = schemashift::generate(pair.before, pair.after, &options(d));
    if m.is_blocked() {
        return Err(format!("blocked with the hint: {:?}", m.blocked));
    }
    let (up, down) = (m.up_sql(), m.down_sql());
    for sql in [&up, &down] {
        for wrong in ["DROP SEQUENCE", "CREATE SEQUENCE", "SET DEFAULT"] {
            if sql.contains(wrong) {
                return Err(format!("the rename is not a rename ({wrong}):\n{sql}"));
            }
        }
    }
    let mut db = engine.fresh(None)?;
    db.run_script(pair.before)?;
    // 1000, 1001, 1002 to rows; 1003, 1004 taken bare.
    for id in 1..=3 {
        insert(db.as_mut(), d, pair.table, id)?;
    }
    next(db.as_mut(), d, pair.old_seq)?;
    let last = next(db.as_mut(), d, pair.old_seq)?;
    if last != 1004 {
        return Err(format!("BEFORE's sequence gave {last}, want 1004"));
    }
    let was = identity(db.as_mut(), d, pair.old_seq)?;
    db.run_migration(&up).map_err(|e| format!("up: {e}\n{up}"))?;
    if d == Dialect::Postgres && identity(db.as_mut(), d, pair.new_seq)? != was {
        return Err(format!("up re-created the sequence:\n{up}"));
    }
    identity(db.as_mut(), d, pair.new_seq).map_err(|e| format!("after up, no sequence {}: {e}\n{up}", pair.new_seq))?;
    let got = insert(db.as_mut(), d, pair.table, 4)?;
    if got != 1004 + pair.step {
        return Err(format!("after up a new row got {got}, want {} (the old position went on)\n{up}", 1004 + pair.step));
    }
    if d == Dialect::Postgres {
        let (default, owned) = pg_links(db.as_mut(), pair.table)?;
        let name = pg_ident(db.as_mut(), pair.new_seq)?;
        let want = format!("nextval({}::regclass)", lit(&name));
        if default != want {
            return Err(format!("after up the default is {default}, want {want}"));
        }
        if pair.before.contains("OWNED BY") && owned.as_deref() != Some(&format!("public.{name}")) {
            return Err(format!("after up the column owns {owned:?}, want public.{}", pair.new_seq));
        }
    }
    db.run_migration(&down).map_err(|e| format!("down: {e}\n{down}"))?;
    if d == Dialect::Postgres && identity(db.as_mut(), d, pair.old_seq)? != was {
        return Err(format!("down re-created the sequence:\n{down}"));
    }
    let got_down = insert(db.as_mut(), d, pair.table, 5)?;
    if got_down != got + 1 {
        return Err(format!("after down a new row got {got_down}, want {} (the position went on)\n{down}", got + 1));
    }
    if d == Dialect::Postgres {
        let (default, owned) = pg_links(db.as_mut(), pair.table)?;
        let name = pg_ident(db.as_mut(), pair.old_seq)?;
        let want = format!("nextval({}::regclass)", lit(&name));
        if default != want {
            return Err(format!("after down the default is {default}, want {want}"));
        }
        if pair.before.contains("OWNED BY") && owned.as_deref() != Some(&format!("public.{name}")) {
            return Err(format!("after down the column owns {owned:?}, want public.{}", pair.old_seq));
        }
    }
    Ok(())
}

/// Without the hint the typo blocks; answered "not a rename", the plan is drop + create, which
/// restarts the numbering on the engine (what the block warns about).
fn typo_blocks(engine: &dyn Engine, pair: &Pair) -> Result<(), String> {
    let d = engine.dialect();
    let after: String = pair.after.lines().filter(|l| !l.contains("renamed-from")).collect::<Vec<_>>().join("\n");
    let m = schemashift::generate(pair.before, &after, &options(d));
    let Some(b) = m.blocked.iter().find(|b| b.message.starts_with("Rename or drop? Sequence")) else {
        return Err(format!("the typo is not blocked: {:?}", m.blocked));
    };
    if !b.message.contains("up restarts numbering at 1000") {
        return Err(format!("the blocker does not say where numbering restarts: {}", b.message));
    }
    let s = m.suggestions.iter().find(|s| s.kind == schemashift::model::RenameKind::Sequence).ok_or("no sequence suggestion")?;
    // Accepted as the page does (its `--rename` value): the hint's plan.
    let mut o = options(d);
    o.renames = vec![s.option.clone()];
    let accepted = schemashift::generate(pair.before, &after, &o);
    let hinted = schemashift::generate(pair.before, pair.after, &options(d));
    if accepted.is_blocked() || accepted.up_sql() != hinted.up_sql() || accepted.down_sql() != hinted.down_sql() {
        return Err(format!("--rename {} differs from the hint:\n{}\n{}", s.option, accepted.up_sql(), hinted.up_sql()));
    }
    let mut o = options(d);
    o.not_renames = vec![s.option.clone()];
    let m = schemashift::generate(pair.before, &after, &o);
    if m.is_blocked() {
        return Err(format!("still blocked after --not-rename: {:?}", m.blocked));
    }
    let up = m.up_sql();
    if !up.contains("DROP SEQUENCE") || !up.contains("CREATE SEQUENCE") {
        return Err(format!("--not-rename is not drop and create:\n{up}"));
    }
    let mut db = engine.fresh(None)?;
    db.run_script(pair.before)?;
    for id in 1..=3 {
        insert(db.as_mut(), d, pair.table, id)?;
    }
    db.run_migration(&up).map_err(|e| format!("up: {e}\n{up}"))?;
    // A sequence the column owns is moved past the column's highest value (1002) by up; any
    // other restarts at its START.
    let want = if pair.before.contains("OWNED BY") { 1003 } else { 1000 };
    let got = insert(db.as_mut(), d, pair.table, 4)?;
    if got != want {
        return Err(format!("drop and create gave {got}, expected the restart at {want}\n{up}"));
    }
    Ok(())
}
