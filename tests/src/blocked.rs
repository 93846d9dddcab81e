//! Blocked results on real engines (issue 11): a typo in AFTER (`CREAT TABLE orders`, a
//! `CHECK (age > )` inside `CREATE TABLE users`) blocks the result, and the migration printed
//! anyway (`--allow-errors`) keeps both tables and every row, up and down, while the rest of the
//! change (a new table) is still made.

use crate::engine::Engine;
use crate::preserve::rows;
use schemashift::model::RenameKind;
use schemashift::{BlockKind, Options};

pub const BEFORE: &str = "CREATE TABLE users (id bigint PRIMARY KEY, age int);\n\
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n";

/// The AFTER, plus a new table so that the migration has something to do.
pub const AFTER: &str = "CREATE TABLE users (id bigint PRIMARY KEY, age int,\n  CHECK (age > )\n);\n\
    CREAT TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n\
    CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n";

const SEED: &str = "INSERT INTO users (id, age) VALUES (1, 30), (2, NULL), (3, 71);\n\
    INSERT INTO orders (id, user_id) VALUES (10, 1), (11, 1), (12, 3), (13, NULL);\n";

/// Run the typo case on `engine`: Ok with the number of rows kept.
pub fn run(engine: &dyn Engine) -> Result<usize, String> {
    let m = schemashift::generate(BEFORE, AFTER, &Options::new(engine.dialect()));
    let kinds: Vec<_> = m.blocked.iter().map(|b| (b.kind, b.line, b.column)).collect();
    if kinds != [(BlockKind::InputError, 2, 14), (BlockKind::InputError, 4, 1)] {
        return Err(format!("expected the two input errors as blockers, got {:?}", m.blocked));
    }
    let (up, down) = (m.up_sql(), m.down_sql());
    let mut db = engine.fresh(None)?;
    db.run_script(BEFORE).map_err(|e| format!("BEFORE: {e}"))?;
    let before_cat = db.catalog()?;
    db.run_script(SEED).map_err(|e| format!("seed: {e}"))?;
    let tables = ["orders", "users"];
    let seeded = rows(db.as_mut(), &tables)?;
    db.run_migration(&up).map_err(|e| format!("up: {e}\n{up}"))?;
    let after_up = rows(db.as_mut(), &tables)?;
    if after_up != seeded {
        return Err(format!("rows differ after up:\n  before: {seeded:?}\n  after: {after_up:?}\n{up}"));
    }
    if db.catalog()?.table_named("notes", true).is_none() {
        return Err(format!("up did not create the new table notes:\n{up}"));
    }
    db.run_migration(&down).map_err(|e| format!("down: {e}\n{down}"))?;
    let after_down = rows(db.as_mut(), &tables)?;
    if after_down != seeded {
        return Err(format!("rows differ after down:\n  before: {seeded:?}\n  after: {after_down:?}\n{down}"));
    }
    let diff = db.catalog()?.diff(&before_cat);
    if !diff.is_empty() {
        return Err(format!("after down the schema differs from BEFORE: {diff:?}\n{down}"));
    }
    Ok(seeded.iter().map(|(_, r)| r.len()).sum())
}

/// A column name misspelled in AFTER (`total` → `totl`, same type): the result is blocked as
/// "rename or drop?" (read literally, up would drop `total` with its values). Answered as a
/// rename, up keeps every value under the new name and down gives them back under the old one.
/// Ok with the number of values kept.
pub fn run_column_typo(engine: &dyn Engine) -> Result<usize, String> {
    let after = "CREATE TABLE orders (id bigint PRIMARY KEY, totl numeric(10,2));\n";
    typo_answered_as_rename(engine, after, RenameKind::Column, "orders")
}

/// A table name misspelled in AFTER (`orders` → `ordrs`): the result is blocked (a rename or a
/// drop?), and a rename suggestion answers it. Answered as a rename, up keeps every row under
/// the new name and down gives them back under the old one. Ok with the number of rows kept.
pub fn run_table_typo(engine: &dyn Engine) -> Result<usize, String> {
    let after = "CREATE TABLE ordrs (id bigint PRIMARY KEY, total numeric(10,2));\n";
    typo_answered_as_rename(engine, after, RenameKind::Table, "ordrs")
}

/// `orders` with rows against `after`, which misspells a name of it: blocked, then answered by
/// the suggestion of `kind` as a rename; up keeps the rows (read from `table_after`), down gives
/// them back.
fn typo_answered_as_rename(engine: &dyn Engine, after: &str, kind: RenameKind, table_after: &str) -> Result<usize, String> {
    let before = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));\n";
    let mut options = Options::new(engine.dialect());
    let pending = schemashift::generate(before, after, &options);
    if !pending.is_blocked() {
        return Err(format!("a typo-near drop and add must block:\n{}", pending.up_sql()));
    }
    let Some(answer) = pending.suggestions.iter().find(|s| s.kind == kind) else {
        return Err(format!("no {kind:?} rename suggestion to answer: {:?}", pending.suggestions));
    };
    options.renames.push(answer.option.clone());
    let m = schemashift::generate(before, after, &options);
    if m.is_blocked() {
        return Err(format!("answered as a rename, still blocked: {:?}", m.blocked));
    }
    let mut db = engine.fresh(None)?;
    db.run_script(before).map_err(|e| format!("BEFORE: {e}"))?;
    db.run_script("INSERT INTO orders (id, total) VALUES (1, 10.50), (2, NULL), (3, 99.99);\n").map_err(|e| format!("seed: {e}"))?;
    let seeded = rows(db.as_mut(), &["orders"])?;
    let (up, down) = (m.up_sql(), m.down_sql());
    db.run_migration(&up).map_err(|e| format!("up: {e}\n{up}"))?;
    let after_up = rows(db.as_mut(), &[table_after])?;
    if after_up.iter().map(|(_, r)| r).ne(seeded.iter().map(|(_, r)| r)) {
        return Err(format!("values differ after up:\n  before: {seeded:?}\n  after: {after_up:?}\n{up}"));
    }
    db.run_migration(&down).map_err(|e| format!("down: {e}\n{down}"))?;
    if rows(db.as_mut(), &["orders"])? != seeded {
        return Err(format!("values differ after down\n{down}"));
    }
    Ok(seeded.iter().map(|(_, r)| r.len()).sum())
}
