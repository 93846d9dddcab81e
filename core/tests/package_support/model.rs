//! The hand-made migrations the package tests run (steps with their SQL, so the tests do not
//! depend on the parser and renderers). Shared by the unit tests (`core/src/package/tests.rs`)
//! and the engine tests (`core/tests/package_*.rs`): the includer defines `lib` as the crate.
#![allow(dead_code)]

use super::lib::diff::Change;
use super::lib::model::{
    Column, Constraint, ConstraintKind, DataType, Deferrable, FkAction, FkMatch, Index, IndexElem, QName, Schema, Table,
};
use super::lib::plan::Step;
use super::lib::{Dialect, Migration, Target};

pub fn col(name: &str, ty: &str, args: &[&str], nullable: bool) -> Column {
    Column { nullable, ..Column::new(name, DataType::with_args(ty, args)) }
}

pub fn constraint(name: &str, kind: ConstraintKind) -> Constraint {
    Constraint {
        name: Some(name.into()),
        kind,
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        not_enforced: false,
        on_conflict: None,
        index: Default::default(),
    }
}

pub fn step(change: Change, sql: &[&str], tx: bool) -> Step {
    let mut s = Step::new(change, sql.iter().map(|s| s.to_string()).collect());
    s.transactional = tx;
    s
}

/// users(id, name) → users(id, name NOT NULL, email NOT NULL + unique index) and a new table
/// orders(id, user_id → users). `schema` is `public` (PostgreSQL) or `` (SQLite).
pub fn build_migration(
    d: Dialect,
    schema: &str,
    int: &str,
    text: &str,
    up_sql: [&str; 5],
    down_sql: [&str; 4],
    concurrent: bool,
) -> Migration {
    let users_q = QName::new(schema, "users");
    let orders_q = QName::new(schema, "orders");
    let mut users = Table::new(users_q.clone());
    users.columns = vec![col("id", int, &[], false), col("name", text, &[], true)];
    users.constraints = vec![constraint("users_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] })];
    let mut users2 = users.clone();
    users2.columns[1].nullable = false;
    let email_ty = if d == Dialect::Postgres { "character varying" } else { "varchar" };
    let email = col("email", email_ty, &["255"], false);
    users2.columns.push(email.clone());
    let index = Index {
        name: "users_email_key".into(),
        unique: true,
        method: None,
        elems: vec![IndexElem::column("email")],
        include: Vec::new(),
        predicate: None,
        kind: None,
        nulls_not_distinct: false,
        invisible: false,
        attached: None,
        with: None,
        tablespace: None,
        comment: None,
    };
    users2.indexes = vec![index.clone()];
    let fk = constraint(
        "orders_user_id_fkey",
        ConstraintKind::ForeignKey {
            columns: vec!["user_id".into()],
            ref_table: users_q.clone(),
            ref_columns: vec!["id".into()],
            on_delete: FkAction::NoAction,
            on_update: FkAction::NoAction,
            match_type: FkMatch::Simple,
        },
    );
    let mut orders = Table::new(orders_q.clone());
    orders.columns = vec![col("id", int, &[], false), col("user_id", int, &[], false)];
    orders.constraints = vec![fk.clone(), constraint("orders_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] })];
    let mut before = Schema::new(d);
    before.tables.insert(users_q.clone(), users.clone());
    let mut after = Schema::new(d);
    after.tables.insert(users_q.clone(), users2.clone());
    after.tables.insert(orders_q.clone(), orders.clone());
    let up = vec![
        step(
            Change::AlterColumn { table: users_q.clone(), from: users.columns[1].clone(), to: users2.columns[1].clone() },
            &[up_sql[0]],
            true,
        ),
        step(Change::AddColumn { table: users_q.clone(), column: email.clone() }, &[up_sql[1]], true),
        step(Change::CreateTable { table: orders.clone() }, &[up_sql[2]], true),
        step(Change::AddConstraint { table: orders_q.clone(), constraint: fk }, &[up_sql[3]], true),
        step(Change::CreateIndex { table: users_q.clone(), index: index.clone() }, &[up_sql[4]], !concurrent),
    ];
    let down = vec![
        step(Change::DropIndex { table: users_q.clone(), index }, &[down_sql[0]], !concurrent),
        step(Change::DropTable { table: orders }, &[down_sql[1]], true),
        step(Change::DropColumn { table: users_q.clone(), column: email }, &[down_sql[2]], true),
        step(Change::AlterColumn { table: users_q, from: users2.columns[1].clone(), to: users.columns[1].clone() }, &[down_sql[3]], true),
    ];
    let up: Vec<Step> = up.into_iter().filter(|s| !s.statements[0].is_empty()).collect();
    let down: Vec<Step> = down.into_iter().filter(|s| !s.statements[0].is_empty()).collect();
    Migration {
        target: Target::default_for(d),
        zero_downtime: false,
        before: before.into(),
        after: after.into(),
        up,
        down,
        diagnostics: Vec::new(),
        preserved: Vec::new(),
        data_moves: Vec::new(),
        data_move_proposals: Vec::new(),
        suggestions: Vec::new(),
        renames: Default::default(),
        blocked: Vec::new(),
        env: None,
        speed_permille: 1000,
        step_log: true,
        osc: None,
    }
}

/// A migration whose up steps all depend on the data: a unique key, a foreign key and a check
/// on existing columns, a narrowed varchar, integer and numeric, and a dropped table.
/// BEFORE: parent(id PK), child(id PK, parent_id, code varchar(50), qty, big bigint,
/// price numeric(12,2)), old_log(id). Only the changes matter: precheck does not run up.
pub fn data_checks_migration(d: Dialect, schema: &str, bigint: &str, int: &str) -> Migration {
    let q = |n: &str| QName::new(schema, n);
    let vc = if d == Dialect::Postgres { "character varying" } else { "varchar" };
    let mut parent = Table::new(q("parent"));
    parent.columns = vec![col("id", int, &[], false)];
    parent.constraints = vec![constraint("parent_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] })];
    let mut child = Table::new(q("child"));
    child.columns = vec![
        col("id", int, &[], false),
        col("parent_id", int, &[], true),
        col("code", vc, &["50"], true),
        col("qty", int, &[], true),
        col("big", bigint, &[], true),
        col("price", "numeric", &["12", "2"], true),
    ];
    child.constraints = vec![constraint("child_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] })];
    let mut log = Table::new(q("old_log"));
    log.columns = vec![col("id", int, &[], false)];
    let mut before = Schema::new(d);
    for t in [&parent, &child, &log] {
        before.tables.insert(t.name.clone(), t.clone());
    }
    let mut after = before.clone();
    after.tables.remove(&q("old_log"));
    let unique = constraint("child_code_key", ConstraintKind::Unique { columns: vec!["code".into()], nulls_not_distinct: false });
    let fk = constraint(
        "child_parent_id_fkey",
        ConstraintKind::ForeignKey {
            columns: vec!["parent_id".into()],
            ref_table: q("parent"),
            ref_columns: vec!["id".into()],
            on_delete: FkAction::NoAction,
            on_update: FkAction::NoAction,
            match_type: FkMatch::Simple,
        },
    );
    let check = constraint("child_qty_check", ConstraintKind::Check { expr: "qty > 0".into(), no_inherit: false });
    let alter = |from: Column, to: Column| Change::AlterColumn { table: q("child"), from, to };
    let c = &child.columns;
    let up = vec![
        step(Change::AddConstraint { table: q("child"), constraint: unique }, &["-- unique"], true),
        step(Change::AddConstraint { table: q("child"), constraint: fk }, &["-- fk"], true),
        step(Change::AddConstraint { table: q("child"), constraint: check }, &["-- check"], true),
        step(alter(c[2].clone(), col("code", vc, &["5"], true)), &["-- varchar(5)"], true),
        step(alter(c[4].clone(), col("big", int, &[], true)), &["-- integer"], true),
        step(alter(c[5].clone(), col("price", "numeric", &["6", "2"], true)), &["-- numeric(6,2)"], true),
        step(Change::DropTable { table: log }, &["-- drop"], true),
    ];
    Migration {
        target: Target::default_for(d),
        zero_downtime: false,
        before: before.into(),
        after: after.into(),
        up,
        down: Vec::new(),
        diagnostics: Vec::new(),
        preserved: Vec::new(),
        data_moves: Vec::new(),
        data_move_proposals: Vec::new(),
        suggestions: Vec::new(),
        renames: Default::default(),
        blocked: Vec::new(),
        env: None,
        speed_permille: 1000,
        step_log: true,
        osc: None,
    }
}

/// The offending rows for each check of `data_checks_migration`, as (title fragment, insert).
pub const OFFENDERS: [(&str, &str); 6] = [
    ("duplicate (code)", "INSERT INTO child (id, code) VALUES (10, 'dup'), (11, 'dup')"),
    ("without a parent row", "INSERT INTO child (id, parent_id) VALUES (10, 999)"),
    ("violate CHECK", "INSERT INTO child (id, qty) VALUES (10, 0)"),
    ("child.code that do not fit", "INSERT INTO child (id, code) VALUES (10, 'too long')"),
    ("child.big that do not fit", "INSERT INTO child (id, big) VALUES (10, 3000000000)"),
    ("child.price that do not fit", "INSERT INTO child (id, price) VALUES (10, 12345.67)"),
];
