//! The one rename table: a hint comment, a `--rename` option and an accepted suggestion (its
//! `option`) must give the same migration, whatever else is asked (`--preserve-data`,
//! `--zero-downtime`): the same up and down, the same notes, the same pre-checks.

use crate::{generate, Dialect, Migration, Options};

/// What a DBA runs and reads: the scripts, every note, the pre-checks, the backups.
fn plan_of(m: &Migration) -> String {
    let notes = |steps: &[crate::plan::Step]| {
        steps.iter().flat_map(|s| &s.risks).map(|r| format!("{} {}", r.rule, r.message)).collect::<Vec<_>>().join("\n")
    };
    let preserved: Vec<String> = m.preserved.iter().map(|p| format!("{} -> {}", p.what(), p.backup)).collect();
    format!(
        "UP\n{}\nDOWN\n{}\nUP NOTES\n{}\nDOWN NOTES\n{}\nPRECHECK\n{}\nBACKUPS {preserved:?}\nBLOCKED {}",
        m.up_sql(),
        m.down_sql(),
        notes(&m.up),
        notes(&m.down),
        crate::package::precheck_sql(m),
        m.is_blocked()
    )
}

/// `after_hinted` carries hint comments; `after_plain` is the same schema without them, and
/// `options` the `--rename` values that say the same.
fn same_plan(d: Dialect, before: &str, after_hinted: &str, after_plain: &str, options: &[&str]) {
    for (preserve, zero) in [(false, false), (true, false), (false, true)] {
        let mut o = Options::new(d);
        o.preserve_data = preserve;
        o.zero_downtime = zero;
        let hinted = generate(before, after_hinted, &o);
        o.renames = options.iter().map(|s| s.to_string()).collect();
        let by_option = generate(before, after_plain, &o);
        assert!(!hinted.up.is_empty(), "{d:?}: nothing planned");
        assert!(!hinted.renames.entries.is_empty(), "{d:?}: the hint was not applied");
        assert_eq!(plan_of(&hinted), plan_of(&by_option), "{d:?} preserve={preserve} zero-downtime={zero}");
    }
}

#[test]
fn a_column_rename_by_hint_or_option_is_one_plan() {
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        same_plan(
            d,
            "CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL, age int);\nCREATE INDEX users_email ON users (email);",
            "CREATE TABLE users (id int PRIMARY KEY, mail varchar(50) NOT NULL, -- schemashift:renamed-from email\n age bigint);\nCREATE INDEX users_email ON users (mail);",
            "CREATE TABLE users (id int PRIMARY KEY, mail varchar(50) NOT NULL,\n age bigint);\nCREATE INDEX users_email ON users (mail);",
            &["users.email=mail"],
        );
    }
}

#[test]
fn a_table_rename_with_a_column_rename_by_hint_or_option_is_one_plan() {
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        let before = "CREATE TABLE people (id int PRIMARY KEY, nm varchar(80), note text);\nCREATE TABLE pets (id int PRIMARY KEY, owner int REFERENCES people (id));";
        let hinted = "-- schemashift:renamed-from people\nCREATE TABLE persons (\n id int PRIMARY KEY,\n name varchar(40), -- schemashift:renamed-from nm\n extra int);\nCREATE TABLE pets (id int PRIMARY KEY, owner int REFERENCES persons (id));";
        let plain = "CREATE TABLE persons (\n id int PRIMARY KEY,\n name varchar(40),\n extra int);\nCREATE TABLE pets (id int PRIMARY KEY, owner int REFERENCES persons (id));";
        // The column named on the table's new name, or on its old one.
        same_plan(d, before, hinted, plain, &["people=persons", "persons.nm=name"]);
        same_plan(d, before, hinted, plain, &["people=persons", "people.nm=name"]);
    }
}

#[test]
fn an_accepted_suggestion_is_the_hint_it_stands_for() {
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        let before = "CREATE TABLE t (id int PRIMARY KEY, a text, b int);";
        let plain = "CREATE TABLE t (id int PRIMARY KEY, c text, b int);";
        let hinted = "CREATE TABLE t (id int PRIMARY KEY, c text, -- schemashift:renamed-from a\n b int);";
        let offered = generate(before, plain, &Options::new(d)).suggestions;
        let options: Vec<&str> = offered.iter().map(|s| s.option.as_str()).collect();
        assert_eq!(options.len(), 1, "{d:?}: {offered:?}");
        same_plan(d, before, hinted, plain, &options);
    }
}

/// A rename asked for that cannot apply blocks the result (ignoring it would drop the old
/// object with its data): a hint comment, at its line and column; a `--rename` option.
#[test]
fn a_rename_that_cannot_apply_blocks() {
    let before = "CREATE TABLE people (id int PRIMARY KEY, nm text);\n";
    // A column hint written after a one-line CREATE TABLE of a renamed table: neither the table
    // (`nm` is no table) nor a column of a table in both schemas.
    let after = "CREATE TABLE persons (id int PRIMARY KEY, name text); -- schemashift:renamed-from nm\n";
    let m = generate(before, after, &Options::new(Dialect::Postgres));
    assert!(m.is_blocked(), "{}", m.up_sql());
    let d = m.diagnostics.iter().find(|d| d.diagnostic.is_error()).map(|d| &d.diagnostic);
    assert!(d.is_some_and(|d| (d.line, d.column) == (1, 55) && d.message.contains("rename hint not applied")), "{d:?}");
    // A typo in a column hint on the first line of a CREATE TABLE: `id`, on the same line and in
    // both schemas, does not make the hint fine.
    let before = "CREATE TABLE users (id int PRIMARY KEY, name text);\n";
    let after = "CREATE TABLE users (id int PRIMARY KEY, full_name text -- schemashift:renamed-from nmae\n);\n";
    let m = generate(before, after, &Options::new(Dialect::Postgres));
    assert!(m.is_blocked(), "{}", m.up_sql());
    // A hint left in AFTER once BEFORE has the new name is fine (column and table).
    let done = "CREATE TABLE users (id int PRIMARY KEY, full_name text);\n";
    let after = "-- schemashift:renamed-from customers\nCREATE TABLE users (id int PRIMARY KEY, full_name text -- schemashift:renamed-from name\n);\n";
    let m = generate(done, after, &Options::new(Dialect::Postgres));
    assert!(!m.is_blocked() && m.up.is_empty(), "{:?} {}", m.blocked, m.up_sql());
    let before = "CREATE TABLE people (id int PRIMARY KEY, nm text);\n";
    // An option naming a column that does not exist.
    let mut o = Options::new(Dialect::Postgres);
    o.renames = vec!["people.nme=name".into()];
    let after = "CREATE TABLE people (id int PRIMARY KEY, name text);\n";
    let m = generate(before, after, &o);
    assert!(m.is_blocked(), "{}", m.up_sql());
    assert!(m
        .diagnostics
        .iter()
        .any(|d| d.diagnostic.is_error() && d.diagnostic.message.contains("--rename #1 `people.nme=name` not applied")));
}

/// One comment read as several candidates (the table on its line and the columns on it): the
/// one that applies is taken and the others are no error.
#[test]
fn a_hint_on_a_one_line_create_table_applies_to_what_fits() {
    let before = "CREATE TABLE people (id int PRIMARY KEY, nm text);\n";
    let after = "CREATE TABLE persons (id int PRIMARY KEY, nm text); -- schemashift:renamed-from people\n";
    let m = generate(before, after, &Options::new(Dialect::Postgres));
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    assert!(m.up_sql().contains("ALTER TABLE \"public\".\"people\" RENAME TO \"persons\";"), "{}", m.up_sql());
    assert!(m.diagnostics.iter().all(|d| !d.diagnostic.message.contains("rename")), "{:?}", m.diagnostics);
}

/// A dropped table and an added one whose names are a typo apart block as "rename or drop?"
/// whatever their columns (one question per pair); other names, or an answer, do not.
#[test]
fn a_table_name_typo_blocks_whatever_its_columns() {
    use crate::BlockKind;
    let o = Options::new(Dialect::Postgres);
    let before = "CREATE TABLE orders (id int PRIMARY KEY, total numeric);";
    let pending = |after: &str, o: &Options| {
        let m = generate(before, after, o);
        m.blocked.iter().filter(|b| b.kind == BlockKind::RenamePending).count()
    };
    assert_eq!(pending("CREATE TABLE ordrs (id bigint PRIMARY KEY, amount numeric);", &o), 1);
    // Same columns, no key to copy by: the rename question alone.
    let m = generate("CREATE TABLE orders (id int, total numeric);", "CREATE TABLE ordrs (id int, total numeric);", &o);
    assert_eq!(m.blocked.iter().map(|b| b.kind).collect::<Vec<_>>(), [BlockKind::RenamePending]);
    assert_eq!(pending("CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric);", &o), 0);
    // Two near names for one dropped table: no guess.
    assert_eq!(pending("CREATE TABLE ordrs (id bigint PRIMARY KEY);\nCREATE TABLE order_ (x int);", &o), 0);
    // The rows fit: the data move's question also offers the rename; asked once.
    let m = generate(before, "CREATE TABLE ordrs (id int PRIMARY KEY, total numeric, note text);", &o);
    assert_eq!(m.blocked.len(), 1, "{:?}", m.blocked);
    let mut answered = Options::new(Dialect::Postgres);
    answered.not_renames = vec!["public.orders=public.ordrs".into()];
    assert_eq!(pending("CREATE TABLE ordrs (id bigint PRIMARY KEY, amount numeric);", &answered), 0);
    let mut renamed = Options::new(Dialect::Postgres);
    renamed.renames = vec!["public.orders=public.ordrs".into()];
    let m = generate(before, "CREATE TABLE ordrs (id bigint PRIMARY KEY, amount numeric);", &renamed);
    assert!(m.up_sql().contains("RENAME TO \"ordrs\""), "{}", m.up_sql());
}

/// SQLite and MySQL compare column names without case: an option may name a column as it is
/// declared (`"Owner Name"`), which SQLite's model holds folded (was refused: "must exist only
/// before", the result blocked).
#[test]
fn a_column_option_names_the_column_in_any_case_where_the_engine_ignores_case() {
    let before = "CREATE TABLE acct (id INTEGER PRIMARY KEY, \"Owner Name\" TEXT);";
    let after = "CREATE TABLE acct (id INTEGER PRIMARY KEY, \"Owner\" TEXT);";
    for opt in ["acct.Owner Name=Owner", "acct.owner name=owner", "acct.OWNER NAME=owner"] {
        let mut o = Options::new(Dialect::Sqlite);
        o.renames = vec![opt.to_string()];
        let m = generate(before, after, &o);
        assert!(!m.is_blocked(), "{opt}: {:?}", m.blocked);
        assert!(m.up_sql().contains("RENAME COLUMN \"owner name\" TO \"Owner\""), "{opt}: {}", m.up_sql());
    }
}

#[test]
fn a_renamed_table_keeping_its_primary_key_name_is_suggested() {
    // pg_dump after `ALTER TABLE plans RENAME TO pricing_plans` (and a column renamed and
    // retyped): the key is still `plans_pkey`, a new table's would be `pricing_plans_pkey`.
    let before = "CREATE TABLE plans (id integer NOT NULL, code text, trial_period double precision);\n\
                  ALTER TABLE ONLY plans ADD CONSTRAINT plans_pkey PRIMARY KEY (id);\n\
                  CREATE TABLE notes (id integer NOT NULL, body text);\n\
                  ALTER TABLE ONLY notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id);";
    let after = "CREATE TABLE pricing_plans (id integer NOT NULL, code text, trial_days integer);\n\
                 ALTER TABLE ONLY pricing_plans ADD CONSTRAINT plans_pkey PRIMARY KEY (id);\n\
                 CREATE TABLE memos (id integer NOT NULL, text text);\n\
                 ALTER TABLE ONLY memos ADD CONSTRAINT memos_pkey PRIMARY KEY (id);";
    let m = generate(before, after, &Options::new(Dialect::Postgres));
    let tables: Vec<(String, String)> =
        m.suggestions.iter().filter(|s| s.kind == crate::model::RenameKind::Table).map(|s| (s.from.clone(), s.to.clone())).collect();
    // notes -> memos: a new key named after the new table, no evidence.
    assert_eq!(tables, vec![("plans".to_string(), "pricing_plans".to_string())]);
}
