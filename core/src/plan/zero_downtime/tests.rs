//! Tests of the zero-downtime rewrites, through `generate` with `zero_downtime` on: the SQL of
//! each rewrite (insta snapshots), the transaction mode and phase of its steps, version edges,
//! the down plan, and the risk notes on rewritten steps.

use crate::plan::{Phase, Step};
use crate::{generate, Dialect, Migration, Options, Target};

fn zd(dialect: Dialect, version: Option<&str>, before: &str, after: &str) -> Migration {
    let mut o = Options::new(dialect);
    if let Some(v) = version {
        o.target = Target::parse(dialect, v).unwrap();
    }
    o.zero_downtime = true;
    generate(before, after, &o)
}

fn pg(before: &str, after: &str) -> Migration {
    zd(Dialect::Postgres, None, before, after)
}

/// Steps without the timeout prologue, as (transactional, first real statement).
fn shape(steps: &[Step]) -> Vec<(bool, String)> {
    steps
        .iter()
        .map(|s| {
            let first = s
                .statements
                .iter()
                .map(|x| x.lines().filter(|l| !l.starts_with("--")).collect::<Vec<_>>().join(" "))
                .find(|x| !x.starts_with("SET "))
                .unwrap_or_default();
            (s.transactional, first)
        })
        .collect()
}

fn rules(m: &Migration) -> Vec<String> {
    m.up.iter().flat_map(|s| s.risks.iter().map(|r| r.rule.clone())).collect()
}

const USERS: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email text, age int, note text);";

#[test]
fn indexes_are_built_and_dropped_concurrently_outside_transactions() {
    let before = format!("{USERS} CREATE INDEX users_note_idx ON users (note);");
    let after = format!("{USERS} CREATE INDEX users_email_idx ON users (email);");
    let m = pg(&before, &after);
    let s = shape(&m.up);
    assert!(s.contains(&(false, "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"users_note_idx\"".into())), "{s:?}");
    assert!(s.contains(&(false, "CREATE INDEX CONCURRENTLY \"users_email_idx\" ON \"public\".\"users\" (\"email\")".into())), "{s:?}");
    let r = rules(&m);
    assert!(!r.iter().any(|x| x == "pg-create-index-blocking" || x == "pg-drop-index-blocking"), "{r:?}");
    assert!(!r.iter().any(|x| x == "pg-concurrently-in-transaction"), "{r:?}");
    // The down plan is the online form too.
    assert!(m.down_sql().contains("CREATE INDEX CONCURRENTLY \"users_note_idx\""), "{}", m.down_sql());
    insta::assert_snapshot!("zd_pg_concurrent_index_up", m.up_sql());
}

#[test]
fn a_new_table_keeps_plain_indexes() {
    let m = pg("", "CREATE TABLE t (a int); CREATE INDEX t_a_idx ON t (a);");
    assert!(!m.up_sql().contains("CONCURRENTLY"), "{}", m.up_sql());
    assert!(m.up.iter().all(|s| s.transactional));
}

#[test]
fn foreign_keys_and_checks_are_added_not_valid_then_validated_apart() {
    let before = format!("{USERS} CREATE TABLE orgs (id bigint PRIMARY KEY); CREATE TABLE m (id bigint PRIMARY KEY, org bigint);");
    let after = format!("{USERS} CREATE TABLE orgs (id bigint PRIMARY KEY); CREATE TABLE m (id bigint PRIMARY KEY, org bigint REFERENCES orgs (id), CONSTRAINT org_pos CHECK (org > 0));");
    let m = pg(&before, &after);
    let s = shape(&m.up);
    let fk = s.iter().position(|(tx, x)| *tx && x.contains("FOREIGN KEY") && x.ends_with("NOT VALID")).expect("fk not valid");
    assert_eq!(s[fk + 1], (false, "ALTER TABLE \"public\".\"m\" VALIDATE CONSTRAINT \"m_org_fkey\"".into()));
    let ck = s.iter().position(|(_, x)| x.contains("CHECK (org > 0) NOT VALID")).expect("check not valid");
    assert_eq!(s[ck + 1], (false, "ALTER TABLE \"public\".\"m\" VALIDATE CONSTRAINT \"org_pos\"".into()));
    let r = rules(&m);
    assert!(!r.iter().any(|x| x == "pg-validate-in-same-transaction"), "{r:?}");
    // The constraints' notes are the VALIDATE's verdict on the rows, without the long lock.
    for (rule, start) in [("pg-add-check-constraint", "Validating check"), ("pg-add-foreign-key", "Validating foreign key")] {
        let notes: Vec<_> = m.up.iter().flat_map(|s| &s.risks).filter(|x| x.rule == rule).collect();
        assert!(!notes.is_empty() && notes.iter().all(|x| x.lock.is_none() && x.message.starts_with(start)), "{notes:?}");
    }
    insta::assert_snapshot!("zd_pg_not_valid_up", m.up_sql());
}

#[test]
fn set_not_null_goes_through_a_validated_check_on_12_and_later() {
    let after = USERS.replace("email text", "email text NOT NULL");
    let m = zd(Dialect::Postgres, Some("12"), USERS, &after);
    let s = shape(&m.up);
    let add = s.iter().position(|(_, x)| x.contains("CHECK (\"email\" IS NOT NULL) NOT VALID")).expect("helper check");
    assert!(s[add].0);
    assert_eq!(s[add + 1], (false, "ALTER TABLE \"public\".\"users\" VALIDATE CONSTRAINT \"users_email_not_null\"".into()));
    assert_eq!(s[add + 2], (true, "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"email\" SET NOT NULL".into()));
    assert!(m.up[add + 2].statements.iter().any(|x| x.ends_with("DROP CONSTRAINT \"users_email_not_null\"")));
    assert!(!rules(&m).iter().any(|x| x == "pg-set-not-null"), "{:?}", rules(&m));
    insta::assert_snapshot!("zd_pg12_set_not_null_up", m.up_sql());
}

#[test]
fn set_not_null_before_12_keeps_the_plain_form_and_its_note() {
    let after = USERS.replace("email text", "email text NOT NULL");
    let m = zd(Dialect::Postgres, Some("11"), USERS, &after);
    let sql = m.up_sql();
    assert!(sql.contains("ALTER TABLE \"public\".\"users\" ALTER COLUMN \"email\" SET NOT NULL;"), "{sql}");
    assert!(!sql.contains("NOT VALID"), "{sql}");
    assert!(rules(&m).iter().any(|x| x == "pg-set-not-null"), "{:?}", rules(&m));
}

#[test]
fn unique_and_primary_keys_attach_a_concurrently_built_index() {
    let before = "CREATE TABLE t (id bigint NOT NULL, code text);";
    let after = "CREATE TABLE t (id bigint NOT NULL, code text, CONSTRAINT t_pkey PRIMARY KEY (id), CONSTRAINT t_code_key UNIQUE (code));";
    let m = pg(before, after);
    let s = shape(&m.up);
    for (name, kind) in [("t_pkey", "PRIMARY KEY"), ("t_code_key", "UNIQUE")] {
        let build = s.iter().position(|(tx, x)| !tx && x.starts_with(&format!("CREATE UNIQUE INDEX CONCURRENTLY \"{name}\""))).expect(name);
        assert_eq!(s[build + 1], (true, format!("ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"{name}\" {kind} USING INDEX \"{name}\"")));
    }
    let r = rules(&m);
    assert!(!r.iter().any(|x| x == "pg-add-unique-constraint" || x == "pg-add-primary-key"), "{r:?}");
    insta::assert_snapshot!("zd_pg_using_index_up", m.up_sql());
}

#[test]
fn a_volatile_default_is_added_empty_then_backfilled_in_batches() {
    let after = USERS.replace("note text", "note text, token uuid NOT NULL DEFAULT gen_random_uuid()");
    let m = pg(USERS, &after);
    let sql = m.up_sql();
    assert!(sql.contains("ADD COLUMN \"token\" uuid;"), "{sql}");
    assert!(sql.contains("ALTER COLUMN \"token\" SET DEFAULT gen_random_uuid();"), "{sql}");
    let fill = m.up.iter().find(|s| s.rewrite == Some(crate::plan::Rewrite::Backfill)).expect("backfill step");
    assert!(!fill.transactional);
    let body = fill.statements.last().unwrap();
    assert!(body.contains("RAISE NOTICE") && body.contains("COMMIT;") && body.contains("\"token\" IS NULL"), "{body}");
    assert!(body.contains("ORDER BY \"id\" LIMIT 1000"), "keyset batches by primary key: {body}");
    assert!(!rules(&m).iter().any(|x| x == "pg-add-column-volatile-default"), "{:?}", rules(&m));
    insta::assert_snapshot!("zd_pg_volatile_default_up", sql);
}

#[test]
fn a_rewriting_type_change_becomes_expand_then_contract_both_ways() {
    let after = USERS.replace("age int", "age bigint");
    let m = pg(USERS, &after);
    let phases: Vec<Phase> = m.up.iter().map(|s| s.phase).collect();
    assert!(phases.first() == Some(&Phase::Expand) && phases.last() == Some(&Phase::Contract), "{phases:?}");
    assert!(phases.windows(2).all(|w| w[0] <= w[1]), "{phases:?}");
    let sql = m.up_sql();
    assert!(sql.contains("ADD COLUMN \"age__new\" bigint"), "{sql}");
    assert!(sql.contains("CREATE TRIGGER \"users_age_sync\" BEFORE INSERT OR UPDATE"), "{sql}");
    assert!(sql.contains("RENAME COLUMN \"age__new\" TO \"age\""), "{sql}");
    assert!(!sql.contains("TYPE bigint"), "{sql}");
    let down: Vec<Phase> = m.down.iter().map(|s| s.phase).collect();
    assert!(down.contains(&Phase::Expand) && down.contains(&Phase::Contract), "{down:?}");
    assert!(m.down_sql().contains("ADD COLUMN \"age__new\" integer"), "{}", m.down_sql());
    insta::assert_snapshot!("zd_pg_expand_contract_type_up", sql);
}

#[test]
fn an_indexed_column_is_indexed_again_on_the_new_column() {
    let before = format!("{USERS} CREATE INDEX users_age_idx ON users (age, id);");
    let after = before.replace("age int", "age bigint");
    let m = pg(&before, &after);
    let sql = m.up_sql();
    let build = "CREATE INDEX CONCURRENTLY \"users_age_idx_new\" ON \"public\".\"users\" (\"age__new\", \"id\");";
    assert!(sql.contains(build), "{sql}");
    assert!(sql.contains("ALTER INDEX \"public\".\"users_age_idx_new\" RENAME TO \"users_age_idx\";"), "{sql}");
    let step = m.up.iter().find(|s| s.statements.iter().any(|x| x.contains("users_age_idx_new\" ON"))).unwrap();
    assert!(!step.transactional && step.phase == Phase::Expand);
}

#[test]
fn an_expression_indexed_column_keeps_the_plain_type_change() {
    let before = format!("{USERS} CREATE INDEX users_age_idx ON users ((age + 1));");
    let after = before.replace("age int", "age bigint");
    let m = pg(&before, &after);
    assert!(m.up_sql().contains("ALTER COLUMN \"age\" TYPE bigint"), "{}", m.up_sql());
    assert!(m.up.iter().all(|s| s.phase == Phase::Main));
}

#[test]
fn a_column_rename_becomes_expand_then_contract_with_a_two_way_sync() {
    let after = "CREATE TABLE users (id bigint PRIMARY KEY, email text, age int, remark text -- schemashift:renamed-from note\n);";
    let m = pg(USERS, after);
    let sql = m.up_sql();
    assert!(sql.contains("ADD COLUMN \"remark\" text"), "{sql}");
    assert!(sql.contains("NEW.\"note\" := NEW.\"remark\""), "{sql}");
    assert!(sql.contains("DROP COLUMN \"note\""), "{sql}");
    assert!(!sql.contains("RENAME COLUMN"), "{sql}");
    assert!(m.down_sql().contains("ADD COLUMN \"note\" text"), "{}", m.down_sql());
    insta::assert_snapshot!("zd_pg_expand_contract_rename_up", sql);
}

#[test]
fn mysql_states_online_algorithms_and_leaves_copies_plain() {
    let before = "CREATE TABLE t (id bigint PRIMARY KEY, a int, b varchar(20), c int) ENGINE=InnoDB;";
    let after = "CREATE TABLE t (id bigint PRIMARY KEY, a int, b varchar(40), c varchar(12), d int, KEY t_a (a)) ENGINE=InnoDB;";
    let m = zd(Dialect::Mysql, None, before, after);
    let sql = m.up_sql();
    assert!(sql.contains("SET SESSION lock_wait_timeout = 5;"), "{sql}");
    assert!(sql.contains("ADD COLUMN `d` int NULL AFTER `c`, ALGORITHM=INSTANT;"), "{sql}");
    assert!(sql.contains("CREATE INDEX `t_a` ON `t` (`a`) ALGORITHM=INPLACE LOCK=NONE;"), "{sql}");
    assert!(sql.contains("MODIFY COLUMN `b` varchar(40) NULL AFTER `a`, ALGORITHM=INPLACE, LOCK=NONE;"), "{sql}");
    let c = m.up.iter().find(|s| s.statements.iter().any(|x| x.contains("MODIFY COLUMN `c`"))).expect("type change");
    assert!(!c.statements.iter().any(|x| x.contains("ALGORITHM")), "{:?}", c.statements);
    assert!(c.risks.iter().any(|r| r.safe_alternative.iter().any(|a| a.contains("pt-online-schema-change"))), "{:?}", c.risks);
    insta::assert_snapshot!("zd_mariadb_online_up", sql);
}

#[test]
fn sqlite_keeps_the_plain_plan_and_says_why() {
    let (before, after) = ("CREATE TABLE t (a int);", "CREATE TABLE t (a int, b int); CREATE INDEX t_b ON t (b);");
    let plain = generate(before, after, &Options::new(Dialect::Sqlite));
    let m = zd(Dialect::Sqlite, None, before, after);
    assert_eq!(m.up_sql(), plain.up_sql());
    assert!(m.diagnostics.iter().any(|d| d.diagnostic.message.contains("SQLite has no online DDL")));
}

#[test]
fn the_plain_mode_is_untouched_and_warns_of_nothing() {
    let after = format!("{USERS} CREATE INDEX users_email_idx ON users (email);");
    let m = generate(USERS, &after, &Options::new(Dialect::Postgres));
    assert!(!m.up_sql().contains("CONCURRENTLY") && !m.up_sql().contains("lock_timeout"));
    let z = pg(USERS, &after);
    assert!(!z.diagnostics.iter().any(|d| d.diagnostic.message.contains("zero-downtime")), "{:?}", z.diagnostics);
}

#[test]
fn a_backfill_without_a_kept_single_column_key_goes_by_ctid() {
    let before = "CREATE TABLE t (a int, b int);";
    let after = "CREATE TABLE t (a int, b int, c uuid DEFAULT gen_random_uuid());";
    let m = pg(before, after);
    let fill = m.up.iter().find(|s| s.rewrite == Some(crate::plan::Rewrite::Backfill)).expect("backfill step");
    let body = fill.statements.last().unwrap();
    assert!(body.contains("WHERE ctid IN (SELECT ctid FROM \"public\".\"t\" WHERE \"c\" IS NULL LIMIT 1000)"), "{body}");
    assert!(body.contains("EXIT WHEN schemashift_n = 0;"), "{body}");
}

#[test]
fn a_sequence_fed_column_keeps_the_plain_type_change() {
    let before = "CREATE SEQUENCE s; CREATE TABLE t (id bigint PRIMARY KEY, n int DEFAULT nextval('s'));";
    let after = before.replace("n int", "n bigint");
    let m = pg(before, &after);
    assert!(m.up.iter().all(|s| s.phase == Phase::Main), "{}", m.up_sql());
}

#[test]
fn backfills_commit_per_batch_from_11_on() {
    let after = USERS.replace("note text", "note text, token uuid DEFAULT gen_random_uuid()");
    let body = |v: &str| {
        let m = zd(Dialect::Postgres, Some(v), USERS, &after);
        m.up.iter().find(|s| s.rewrite == Some(crate::plan::Rewrite::Backfill)).map(|s| s.statements.join("\n")).unwrap_or_default()
    };
    assert!(body("11").contains("COMMIT;"));
    let old = body("10");
    assert!(old.contains("RAISE NOTICE") && !old.contains("COMMIT"), "{old}");
}

/// Phase of the first up step whose SQL contains `needle`.
fn phase_of(m: &Migration, needle: &str) -> Phase {
    m.up.iter().find(|s| s.sql().contains(needle)).unwrap_or_else(|| panic!("no step with {needle}: {}", m.up_sql())).phase
}

#[test]
fn drops_the_old_application_may_use_wait_for_contract() {
    let m = pg(
        "CREATE TABLE a (id bigint PRIMARY KEY, legacy text NOT NULL, note text);\n\
         CREATE VIEW a_view AS SELECT id FROM a;\nCREATE TABLE old_log (id bigint);\nCREATE INDEX a_note_idx ON a (note);",
        "CREATE TABLE a (id bigint PRIMARY KEY, note text);",
    );
    for drop in ["DROP COLUMN \"legacy\"", "DROP TABLE \"public\".\"old_log\"", "DROP VIEW", "DROP INDEX CONCURRENTLY"] {
        assert_eq!(phase_of(&m, drop), Phase::Contract, "{drop}: {}", m.up_sql());
    }
    // A NOT NULL column without a default is made nullable in main: the new application, which
    // no longer writes it, inserts in between.
    assert_eq!(phase_of(&m, "ALTER COLUMN \"legacy\" DROP NOT NULL"), Phase::Main);
    // MySQL too (its phases are ordered the same way).
    let my = zd(Dialect::Mysql, None, "CREATE TABLE a (id int PRIMARY KEY, legacy text);", "CREATE TABLE a (id int PRIMARY KEY);");
    assert_eq!(phase_of(&my, "DROP COLUMN"), Phase::Contract);
}

#[test]
fn a_drop_main_needs_done_first_stays_in_main_with_the_drops_before_it() {
    // The primary key moves to another column: the old key must go before the new one is added.
    let m =
        pg("CREATE TABLE a (id bigint PRIMARY KEY, code text NOT NULL, gone text);", "CREATE TABLE a (id bigint, code text PRIMARY KEY);");
    assert_eq!(phase_of(&m, "DROP CONSTRAINT \"a_pkey\""), Phase::Main, "{}", m.up_sql());
    assert_eq!(phase_of(&m, "DROP COLUMN \"gone\""), Phase::Contract, "{}", m.up_sql());
    // An index dropped and built again under the same name: the drop stays before the build.
    let m = pg(
        "CREATE TABLE a (id bigint PRIMARY KEY, x int, y int);\nCREATE INDEX a_i ON a (x);",
        "CREATE TABLE a (id bigint PRIMARY KEY, x int, y int);\nCREATE INDEX a_i ON a (y);",
    );
    let drop = m.up.iter().position(|s| s.sql().contains("DROP INDEX")).expect("drop");
    let build = m.up.iter().position(|s| s.sql().contains("CREATE INDEX")).expect("build");
    assert!(drop < build && m.up[drop].phase == Phase::Main, "{}", m.up_sql());
}

#[test]
fn mariadb_adds_a_column_between_others_of_a_table_with_virtual_columns_by_copy() {
    // ERROR 1846 for INSTANT, NOCOPY and INPLACE: "INPLACE ADD or DROP of virtual columns
    // cannot be combined with other ALTER TABLE actions". At the end, INSTANT works.
    let before = "CREATE TABLE u (id int PRIMARY KEY, a int, v int AS (a * 2) VIRTUAL);";
    let middle = zd(Dialect::Mysql, None, before, "CREATE TABLE u (id int PRIMARY KEY, a int, p char(4), v int AS (a * 2) VIRTUAL);");
    let sql = middle.up_sql();
    assert!(sql.contains("ADD COLUMN `p` char(4) NULL AFTER `a`;"), "{sql}");
    assert!(!sql.contains("ALGORITHM"), "{sql}");
    let last = zd(Dialect::Mysql, None, before, "CREATE TABLE u (id int PRIMARY KEY, a int, v int AS (a * 2) VIRTUAL, p char(4));");
    assert!(last.up_sql().contains("ALGORITHM=INSTANT"), "{}", last.up_sql());
}

#[test]
fn not_null_beside_a_stored_generated_column_claims_no_inplace() {
    // MariaDB 10.11: ERROR 1845 for INPLACE when the table has a STORED generated column, also
    // one the same plan adds first; a VIRTUAL one, or dropping NOT NULL, is fine.
    let before = "CREATE TABLE t (id int PRIMARY KEY, n varchar(20), p int);";
    let claim = |after: &str| {
        let m = zd(Dialect::Mysql, Some("mariadb-10.11"), before, after);
        m.up.iter().find(|s| s.sql().contains("MODIFY COLUMN `n`")).map(|s| s.sql().contains("ALGORITHM=INPLACE")).unwrap_or_default()
    };
    let added = "CREATE TABLE t (id int PRIMARY KEY, n varchar(20) NOT NULL DEFAULT '', p int, q int AS (p * 2) STORED);";
    assert!(!claim(added));
    assert!(claim("CREATE TABLE t (id int PRIMARY KEY, n varchar(20) NOT NULL DEFAULT '', p int, q int AS (p * 2) VIRTUAL);"));
    let stored = "CREATE TABLE t (id int PRIMARY KEY, n varchar(20) NOT NULL, p int, q int AS (p * 2) STORED);";
    let m = zd(Dialect::Mysql, Some("mariadb-10.11"), &stored.replace(" NOT NULL,", ","), stored);
    assert!(!m.up_sql().contains("ALGORITHM"), "{}", m.up_sql());
    assert!(rules(&m).iter().any(|r| r == "mysql-zero-downtime-not-online"), "{:?}", rules(&m));
}

#[test]
fn domain_checks_are_added_not_valid_then_validated_apart() {
    let before = "CREATE DOMAIN posint AS integer; CREATE TABLE items (id int PRIMARY KEY, qty posint);";
    let after = "CREATE DOMAIN posint AS integer CONSTRAINT small CHECK (VALUE < 10); CREATE TABLE items (id int PRIMARY KEY, qty posint);";
    let m = pg(before, after);
    let s = shape(&m.up);
    assert_eq!(
        s,
        [
            (true, "ALTER DOMAIN \"public\".\"posint\" ADD CONSTRAINT \"small\" CHECK (value < 10) NOT VALID".to_string()),
            (false, "ALTER DOMAIN \"public\".\"posint\" VALIDATE CONSTRAINT \"small\"".to_string()),
        ]
    );
    assert!(rules(&m).iter().any(|r| r == "pg-alter-domain-constraint"), "{:?}", rules(&m));
    // Down drops the check: nothing to validate.
    assert!(m.down_sql().contains("ALTER DOMAIN \"public\".\"posint\" DROP CONSTRAINT \"small\""), "{}", m.down_sql());
}
