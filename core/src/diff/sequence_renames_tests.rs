//! Sequence renames (`RenameKind::Sequence`): a hint, `--rename`, an accepted suggestion and a
//! history's `ALTER SEQUENCE ... RENAME TO` give one plan, a rename both ways that keeps the
//! sequence's value (never DROP + CREATE) and no `SET DEFAULT` for the `nextval` defaults that
//! follow it; a typo-near pair blocks until answered (`sequence_typos.rs`).

use crate::target::{Flavor, Target};
use crate::{generate, Dialect, Migration, Options};

const BEFORE: &str = "CREATE SEQUENCE order_numbers START 1000;\n\
    CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('order_numbers'));";
const AFTER: &str = "CREATE SEQUENCE order_numbrs START 1000;\n\
    CREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval('order_numbrs'));";
const OPTION: &str = "public.order_numbers=public.order_numbrs";

fn run(d: Dialect, before: &str, after: &str, renames: &[&str], not_renames: &[&str]) -> Migration {
    let mut o = Options::new(d);
    o.renames = renames.iter().map(|s| s.to_string()).collect();
    o.not_renames = not_renames.iter().map(|s| s.to_string()).collect();
    generate(before, after, &o)
}

fn hinted(after: &str) -> String {
    format!("-- schemashift:renamed-from order_numbers\n{after}")
}

#[test]
fn a_hint_renames_both_ways_without_touching_the_default() {
    let m = run(Dialect::Postgres, BEFORE, &hinted(AFTER), &[], &[]);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let (up, down) = (m.up_sql(), m.down_sql());
    assert!(up.contains("ALTER SEQUENCE \"public\".\"order_numbers\" RENAME TO \"order_numbrs\";"), "{up}");
    assert!(down.contains("ALTER SEQUENCE \"public\".\"order_numbrs\" RENAME TO \"order_numbers\";"), "{down}");
    for sql in [&up, &down] {
        assert!(!sql.contains("DROP SEQUENCE") && !sql.contains("CREATE SEQUENCE") && !sql.contains("SET DEFAULT"), "{sql}");
    }
    assert!(m.suggestions.is_empty(), "{:?}", m.suggestions);
}

#[test]
fn a_hint_an_option_and_an_accepted_suggestion_give_one_plan() {
    let hint = run(Dialect::Postgres, BEFORE, &hinted(AFTER), &[], &[]);
    let suggested = run(Dialect::Postgres, BEFORE, AFTER, &[], &[]);
    let option = &suggested.suggestions.first().expect("a suggestion").option;
    assert_eq!(option, OPTION);
    for opt in [option.as_str(), "order_numbers=order_numbrs"] {
        let by_option = run(Dialect::Postgres, BEFORE, AFTER, &[opt], &[]);
        assert!(!by_option.is_blocked(), "{opt}: {:?}", by_option.blocked);
        assert_eq!((by_option.up_sql(), by_option.down_sql()), (hint.up_sql(), hint.down_sql()), "{opt}");
    }
}

#[test]
fn what_else_changed_follows_the_rename_as_alter_sequence() {
    let after = AFTER.replace("START 1000", "START 1000 INCREMENT BY 2 CACHE 10");
    let m = run(Dialect::Postgres, BEFORE, &hinted(&after), &[], &[]);
    let up = m.up_sql();
    let rename = up.find("RENAME TO \"order_numbrs\"").expect("rename");
    let alter = up.find("ALTER SEQUENCE \"public\".\"order_numbrs\" INCREMENT BY 2 CACHE 10").expect(&up);
    assert!(rename < alter, "{up}");
    let down = m.down_sql();
    let back = down.find("RENAME TO \"order_numbers\"").expect("rename back");
    let alter = down.find("ALTER SEQUENCE \"public\".\"order_numbers\" INCREMENT BY 1 CACHE 1").expect(&down);
    assert!(back < alter, "{down}");
}

#[test]
fn owned_by_and_grants_follow_the_rename() {
    let before = format!("{BEFORE}\nALTER SEQUENCE order_numbers OWNED BY orders.num;\nGRANT USAGE ON SEQUENCE order_numbers TO app;");
    let after = format!("{AFTER}\nALTER SEQUENCE order_numbrs OWNED BY orders.num;\nGRANT USAGE ON SEQUENCE order_numbrs TO app;");
    let m = run(Dialect::Postgres, &before, &after, &[OPTION], &[]);
    let up = m.up_sql();
    assert_eq!(up.matches("ALTER SEQUENCE").count(), 1, "{up}");
    assert!(!up.contains("GRANT") && !up.contains("REVOKE") && !up.contains("OWNED BY"), "{up}");
}

#[test]
fn a_move_to_another_schema_and_a_quoted_name() {
    let before = "CREATE SCHEMA app;\nCREATE SEQUENCE \"Odd'\"\"Seq\";";
    let after = "CREATE SCHEMA app;\n-- schemashift:renamed-from public.\"Odd'\"\"Seq\"\nCREATE SEQUENCE app.\"Odd'\"\"Sq\";";
    let m = run(Dialect::Postgres, before, after, &[], &[]);
    let up = m.up_sql();
    assert!(up.contains("ALTER SEQUENCE \"public\".\"Odd'\"\"Seq\" SET SCHEMA \"app\";"), "{up}");
    assert!(up.contains("ALTER SEQUENCE \"app\".\"Odd'\"\"Seq\" RENAME TO \"Odd'\"\"Sq\";"), "{up}");
    let down = m.down_sql();
    assert!(down.contains("ALTER SEQUENCE \"app\".\"Odd'\"\"Sq\" SET SCHEMA \"public\";"), "{down}");
    assert!(down.contains("ALTER SEQUENCE \"public\".\"Odd'\"\"Sq\" RENAME TO \"Odd'\"\"Seq\";"), "{down}");
}

#[test]
fn a_typo_blocks_until_answered_and_not_a_rename_keeps_drop_and_create() {
    let m = run(Dialect::Postgres, BEFORE, AFTER, &[], &[]);
    let b: Vec<_> = m.blocked.iter().filter(|b| b.message.starts_with("Rename or drop? Sequence")).collect();
    assert_eq!(b.len(), 1, "{:?}", m.blocked);
    let msg = &b[0].message;
    assert!(msg.contains("Sequence public.order_numbers is dropped and public.order_numbrs is added"), "{msg}");
    assert!(msg.contains("up restarts numbering at 1000 and loses public.order_numbers's current value"), "{msg}");
    assert!(msg.contains("`-- schemashift:renamed-from order_numbers` on the line before CREATE SEQUENCE order_numbrs"), "{msg}");
    assert!(msg.contains(&format!("`--rename {OPTION}` / `--not-rename {OPTION}`")), "{msg}");
    assert_eq!(b[0].objects, ["public.order_numbers", "public.order_numbrs"]);
    let m = run(Dialect::Postgres, BEFORE, AFTER, &[], &[OPTION]);
    assert!(!m.is_blocked() && m.suggestions.is_empty(), "{:?}", m.blocked);
    let up = m.up_sql();
    assert!(up.contains("CREATE SEQUENCE \"public\".\"order_numbrs\" START WITH 1000;") && up.contains("DROP SEQUENCE"), "{up}");
}

#[test]
fn an_owned_sequence_says_how_far_up_moves_it() {
    let owned = |s: &str, seq: &str| format!("{s}\nALTER SEQUENCE {seq} OWNED BY orders.num;");
    let m = run(Dialect::Postgres, &owned(BEFORE, "order_numbers"), &owned(AFTER, "order_numbrs"), &[], &[]);
    let msg = &m.blocked.iter().find(|b| b.message.starts_with("Rename or drop? Sequence")).expect("blocked").message;
    assert!(msg.contains("at 1000 (moved only past the highest public.orders.num already stored)"), "{msg}");
}

#[test]
fn names_not_near_and_opposite_directions_are_not_suggested() {
    let far = AFTER.replace("order_numbrs", "invoice_ids");
    let m = run(Dialect::Postgres, BEFORE, &far, &[], &[]);
    assert!(m.suggestions.is_empty() && !m.is_blocked(), "{:?}", m.blocked);
    let down = AFTER.replace("START 1000", "INCREMENT BY -1 START 1000 MAXVALUE 1000");
    let m = run(Dialect::Postgres, BEFORE, &down, &[], &[]);
    assert!(m.suggestions.is_empty() && !m.is_blocked(), "{:?}", m.blocked);
}

#[test]
fn serial_sequences_go_with_their_table() {
    // A table renamed with a typo: one question (the table), its serial's sequence following it.
    let m =
        run(Dialect::Postgres, "CREATE TABLE orders (id serial PRIMARY KEY);", "CREATE TABLE ordres (id serial PRIMARY KEY);", &[], &[]);
    let kinds: Vec<_> = m.suggestions.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [crate::model::RenameKind::Table], "{:?}", m.suggestions);
    let m = run(
        Dialect::Postgres,
        "CREATE TABLE orders (id serial PRIMARY KEY);",
        "CREATE TABLE ordres (id serial PRIMARY KEY);",
        &["orders=ordres"],
        &[],
    );
    assert!(m.up_sql().contains("ALTER SEQUENCE \"public\".\"orders_id_seq\" RENAME TO \"ordres_id_seq\""), "{}", m.up_sql());
}

#[test]
fn a_history_rename_renames() {
    let history = format!("{BEFORE}\nALTER SEQUENCE order_numbers RENAME TO order_nos;\nALTER SEQUENCE order_nos RENAME TO order_numbrs;");
    let m = run(Dialect::Postgres, BEFORE, &history, &[], &[]);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    assert_eq!(m.up_sql(), run(Dialect::Postgres, BEFORE, AFTER, &[OPTION], &[]).up_sql());
    // Renamed, then dropped: a drop.
    let dropped = format!("{BEFORE}\nALTER TABLE orders ALTER COLUMN num DROP DEFAULT;\nALTER SEQUENCE order_numbers RENAME TO order_nos;\nDROP SEQUENCE order_nos;");
    let up = run(Dialect::Postgres, BEFORE, &dropped, &[], &[]).up_sql();
    assert!(up.contains("DROP SEQUENCE \"public\".\"order_numbers\"") && !up.contains("RENAME"), "{up}");
}

#[test]
fn a_hint_that_cannot_apply_is_an_error() {
    let m = run(Dialect::Postgres, BEFORE, &format!("-- schemashift:renamed-from no_such_seq\n{AFTER}"), &[], &[]);
    assert!(m.diagnostics.iter().any(|d| d.diagnostic.message.contains("sequence `no_such_seq`")), "{:?}", m.diagnostics);
    assert!(m.is_blocked());
}

#[test]
fn mariadb_renames_with_rename_table_before_the_default_names_it() {
    let before = "CREATE SEQUENCE order_numbers START WITH 1000;\nCREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval(order_numbers));";
    let after = "CREATE SEQUENCE `Order``Nums` START WITH 1000;\nCREATE TABLE orders (id bigint PRIMARY KEY, num bigint DEFAULT nextval(`Order``Nums`));";
    let mut o = Options::new(Dialect::Mysql);
    o.target = Target::of(Flavor::Mariadb);
    o.renames = vec!["order_numbers=Order`Nums".into()];
    let m = generate(before, after, &o);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let up = m.up_sql();
    let rename = up.find("RENAME TABLE `order_numbers` TO `Order``Nums`;").expect(&up);
    let default = up.find("MODIFY COLUMN `num`").expect(&up);
    assert!(rename < default && !up.contains("ALTER SEQUENCE") && !up.contains("DROP SEQUENCE"), "{up}");
    assert!(m.down_sql().contains("RENAME TABLE `Order``Nums` TO `order_numbers`;"), "{}", m.down_sql());
    // Unanswered, the typo-near pair blocks on MariaDB too.
    let after = after.replace("Order``Nums", "order_numbrs");
    o.renames.clear();
    let m = generate(before, &after, &o);
    assert!(m.blocked.iter().any(|b| b.message.starts_with("Rename or drop? Sequence order_numbers")), "{:?}", m.blocked);
}

#[test]
fn a_serial_sequence_asked_for_with_its_renamed_table_is_renamed_once() {
    let before = "CREATE TABLE orders (id serial PRIMARY KEY);";
    let after = "CREATE TABLE ordres (id serial PRIMARY KEY);";
    let m = run(Dialect::Postgres, before, after, &["orders=ordres", "public.orders_id_seq=public.ordres_id_seq"], &[]);
    assert!(!m.is_blocked(), "{:?} {:?}", m.blocked, m.diagnostics);
    let up = m.up_sql();
    assert_eq!(up.matches("ALTER SEQUENCE \"public\".\"orders_id_seq\" RENAME TO \"ordres_id_seq\"").count(), 1, "{up}");
    assert!(!up.contains("DROP SEQUENCE") && !up.contains("CREATE SEQUENCE"), "{up}");
    assert_eq!(m.down_sql().matches("RENAME TO \"orders_id_seq\"").count(), 1, "{}", m.down_sql());
    assert_eq!(up, run(Dialect::Postgres, before, after, &["orders=ordres"], &[]).up_sql());
}

#[test]
fn alter_table_and_rename_table_rename_a_sequence_in_a_history() {
    let history = format!("{BEFORE}\nALTER TABLE order_numbers RENAME TO order_numbrs;");
    let m = run(Dialect::Postgres, BEFORE, &history, &[], &[]);
    assert_eq!(m.up_sql(), run(Dialect::Postgres, BEFORE, AFTER, &[OPTION], &[]).up_sql());
    let before = "CREATE SEQUENCE order_numbers START WITH 1000;";
    let mut o = Options::new(Dialect::Mysql);
    o.target = Target::of(Flavor::Mariadb);
    for rename in ["RENAME TABLE order_numbers TO order_numbrs;", "ALTER TABLE order_numbers RENAME TO order_numbrs;"] {
        let m = generate(before, &format!("{before}\n{rename}"), &o);
        assert!(!m.is_blocked(), "{rename}: {:?}", m.diagnostics);
        assert!(m.up_sql().contains("RENAME TABLE `order_numbers` TO `order_numbrs`;"), "{rename}: {}", m.up_sql());
        assert!(!m.up_sql().contains("CREATE SEQUENCE"), "{rename}: {}", m.up_sql());
    }
}

#[test]
fn a_history_renaming_a_sequence_then_reusing_its_name_blocks() {
    let history = format!("{AFTER}\nCREATE SEQUENCE order_numbers;");
    let history = history.replace(
        "CREATE SEQUENCE order_numbrs START 1000;",
        "CREATE SEQUENCE order_numbers START 1000;\nALTER SEQUENCE order_numbers RENAME TO order_numbrs;",
    );
    let m = run(Dialect::Postgres, BEFORE, &history, &[], &[]);
    assert!(m.is_blocked(), "{}", m.up_sql());
    let msg = m.diagnostics.iter().map(|d| d.diagnostic.message.as_str()).find(|d| d.contains("renames sequence")).expect("an error");
    assert!(msg.contains("move the current value of `public.order_numbers` into `public.order_numbrs`"), "{msg}");
}

#[test]
fn a_nextval_inside_an_expression_follows_the_rename() {
    let expr = |seq: &str| {
        format!("CREATE SEQUENCE {seq} START 1000;\nCREATE TABLE orders (id bigint, code text DEFAULT 'ORD-' || nextval('{seq}')::text);")
    };
    let m = run(Dialect::Postgres, &expr("order_numbers"), &expr("order_numbrs"), &[OPTION], &[]);
    let (up, down) = (m.up_sql(), m.down_sql());
    assert!(!up.contains("SET DEFAULT") && !down.contains("SET DEFAULT"), "{up}\n{down}");
    assert!(up.contains("RENAME TO \"order_numbrs\"") && down.contains("RENAME TO \"order_numbers\""), "{up}\n{down}");
}
