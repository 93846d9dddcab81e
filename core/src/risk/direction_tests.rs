//! Issue 11's down and rename cases through the whole pipeline: down is judged like up, and a
//! rename given as an option draws the same notes as the same rename given as a hint.

use crate::plan::{Phase, Step};
use crate::{generate, Dialect, Migration, Options};

fn run(before: &str, after: &str, renames: &[&str], sizes: &[(&str, u64)], zero_downtime: bool) -> Migration {
    let mut o = Options::new(Dialect::Postgres);
    o.renames = renames.iter().map(|r| r.to_string()).collect();
    o.table_sizes = sizes.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    o.zero_downtime = zero_downtime;
    generate(before, after, &o)
}

fn rules(steps: &[Step]) -> Vec<String> {
    let mut r: Vec<String> = steps.iter().flat_map(|s| s.risks.iter().map(|r| r.rule.clone())).collect();
    r.sort();
    r
}

const ROLES_BEFORE: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email text, is_admin boolean NOT NULL DEFAULT false);";
const ROLES_AFTER: &str = "CREATE TABLE roles (id bigint PRIMARY KEY, name text);\n\
    CREATE TABLE users (id bigint PRIMARY KEY, email text, role_id bigint REFERENCES roles);";

#[test]
fn down_readding_a_not_null_default_column_is_critical_data_loss() {
    let m = run(ROLES_BEFORE, ROLES_AFTER, &[], &[], false);
    let step = m.down.iter().find(|s| s.sql().contains("ADD COLUMN \"is_admin\"")).expect("down re-adds is_admin");
    let r = step.risks.iter().find(|r| r.rule == "any-down-readds-dropped-column").expect("a note on the re-add");
    assert_eq!(r.severity, crate::risk::RiskSeverity::Critical);
    assert!(r.data_loss && r.safe_alternative.iter().any(|a| a.contains("--preserve-data")), "{r:?}");
    for op in ["DROP TABLE", "DROP COLUMN \"role_id\""] {
        let s = m.down.iter().find(|s| s.sql().contains(op)).expect(op);
        assert!(s.risks.iter().any(|r| r.data_loss && r.message.contains("Down drops what up created")), "{op}: {:?}", s.risks);
    }
    // The same column added by up is no loss: no such note on up.
    assert!(!rules(&m.up).contains(&"any-down-readds-dropped-column".to_string()));
}

#[test]
fn preserve_data_keeps_what_down_drops_and_restores_what_it_readds() {
    let mut o = Options::new(Dialect::Postgres);
    o.preserve_data = true;
    let m = generate(ROLES_BEFORE, ROLES_AFTER, &o);
    let readd = m.down.iter().flat_map(|s| &s.risks).find(|r| r.rule == "any-down-readds-dropped-column").expect("note");
    assert_eq!(readd.severity, crate::risk::RiskSeverity::Info);
    let down = m.down_sql();
    let keep_roles = down.find("CREATE TABLE \"public\".\"schemashift_down_backup_roles\" AS SELECT").expect(&down);
    assert!(keep_roles < down.find("DROP TABLE \"public\".\"roles\"").expect(&down), "{down}");
    assert!(down.contains("\"schemashift_down_backup_users_role_id\" AS SELECT \"id\", \"role_id\""), "{down}");
}

const CUSTOMERS: &str = "CREATE TABLE customers (id bigint PRIMARY KEY, name text);";
const CLIENTS: &str = "CREATE TABLE clients (id bigint PRIMARY KEY, name text NOT NULL);\n\
    CREATE INDEX clients_name_idx ON clients (name);";
const SIZES: [(&str, u64); 2] = [("customers", 10_000_000), ("clients", 10_000_000)];

#[test]
fn a_rename_option_draws_the_notes_a_hint_does() {
    let by_option = run(CUSTOMERS, CLIENTS, &["customers=clients"], &SIZES, false);
    let hinted = format!("-- schemashift:renamed-from customers\n{CLIENTS}");
    let by_hint = run(CUSTOMERS, &hinted, &[], &SIZES, false);
    assert_eq!(by_option.up_sql(), by_hint.up_sql());
    assert_eq!(rules(&by_option.up), rules(&by_hint.up));
    assert_eq!(rules(&by_option.down), rules(&by_hint.down));
    for rule in ["any-set-not-null-existing-nulls", "pg-set-not-null", "pg-create-index-blocking", "pg-lock-timeout"] {
        assert!(rules(&by_option.up).iter().any(|r| r == rule), "{rule} missing: {:?}", rules(&by_option.up));
    }
    // A table whose size is given under its old name only is still sized.
    let old_name_only = run(CUSTOMERS, CLIENTS, &["customers=clients"], &SIZES[..1], false);
    assert_eq!(rules(&old_name_only.up), rules(&by_option.up));
}

#[test]
fn a_renamed_tables_primary_key_is_renamed_not_rebuilt() {
    let m = run(CUSTOMERS, CLIENTS, &["customers=clients"], &[], false);
    let up = m.up_sql();
    assert!(up.contains("RENAME CONSTRAINT \"customers_pkey\" TO \"clients_pkey\""), "{up}");
    assert!(!up.contains("DROP CONSTRAINT") && !up.contains("PRIMARY KEY"), "{up}");
    assert!(!rules(&m.up).contains(&"pg-add-primary-key".to_string()));
    assert!(m.down_sql().contains("RENAME CONSTRAINT \"clients_pkey\" TO \"customers_pkey\""), "{}", m.down_sql());
}

#[test]
fn zero_downtime_drops_wait_for_the_contract_phase() {
    let m = run(ROLES_BEFORE, ROLES_AFTER, &[], &[], true);
    let drop = m.up.iter().find(|s| s.sql().contains("DROP COLUMN \"is_admin\"")).expect("drop");
    assert_eq!(drop.phase, Phase::Contract);
    let note = drop.risks.iter().find(|r| r.rule == "any-drop-column").expect("note");
    assert!(!note.breaks_app && note.message.contains("contract phase"), "{note:?}");
    assert!(m.up.iter().filter(|s| s.phase == Phase::Main).all(|s| !s.sql().contains("DROP")));
    assert!(m.up_sql().contains("-- ===== phase contract: waits until the new application version is deployed"));
    // Down: its drops (of what up created) wait for its own contract phase.
    assert!(m.down.iter().filter(|s| s.sql().contains("DROP TABLE")).all(|s| s.phase == Phase::Contract));
}
