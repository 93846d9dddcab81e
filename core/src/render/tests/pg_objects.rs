//! PostgreSQL objects around tables: schemas, extensions, sequences, domains, composite types,
//! views, policies, partitions.

use super::*;
use crate::model::Attribute;

const PG: Dialect = Dialect::Postgres;

fn objects() -> Schema {
    let mut s = schema(PG, vec![]);
    s.namespaces.insert("app".into());
    s.extensions.insert("citext".into(), Extension { name: "citext".into(), schema: Some("public".into()), version: None });
    let mut seq = Sequence::new(QName::new("app", "counter"));
    seq.start = Some(100);
    seq.increment = Some(5);
    seq.cycle = true;
    s.sequences.insert(seq.name.clone(), seq);
    let pos = QName::new("public", "positive");
    s.types.insert(
        pos.clone(),
        UserType::Domain(Domain {
            name: pos,
            data_type: ty("integer"),
            not_null: true,
            default: Some("1".into()),
            collation: None,
            checks: vec![("positive_check".into(), "VALUE > 0".into())],
            comment: Some("> 0".into()),
            not_valid: Default::default(),
        }),
    );
    let pair = QName::new("public", "pair");
    s.types.insert(
        pair.clone(),
        UserType::Composite {
            name: pair,
            attributes: vec![Attribute::new("a", ty("integer")), Attribute::new("b", ty("text"))],
            comment: None,
        },
    );
    let mut parent = table(PG, "events", vec![not_null(col("id", "integer")), not_null(col("at", "date"))]);
    parent.options.partition_by = Some("RANGE (at)".into());
    parent.rls_enabled = true;
    parent.policies.push(Policy {
        name: "own".into(),
        permissive: true,
        command: "SELECT".into(),
        roles: vec!["public".into()],
        using: Some("id > 0".into()),
        with_check: None,
    });
    let mut part = table(PG, "events_2024", vec![not_null(col("id", "integer")), not_null(col("at", "date"))]);
    part.options.partition_of = Some(Partition { parent: qn(PG, "events"), bound: "FROM ('2024-01-01') TO ('2025-01-01')".into() });
    let mut log = table(PG, "log", vec![col("line", "text")]);
    log.options.unlogged = true;
    for t in [parent, part, log] {
        s.tables.insert(t.name.clone(), t);
    }
    s.views.insert(
        qn(PG, "recent"),
        View {
            name: qn(PG, "recent"),
            spelled: None,
            materialized: true,
            columns: vec![],
            definition: "SELECT id FROM events".into(),
            options: vec![],
            depends_on: vec![qn(PG, "events")],
            comment: Some("m".into()),
            with_check_option: None,
            column_defaults: Default::default(),
            column_comments: Default::default(),
            column_storage: Default::default(),
            storage: Default::default(),
            indexes: vec![Index {
                name: "recent_id".into(),
                unique: true,
                method: None,
                elems: vec![IndexElem::column("id")],
                include: vec![],
                predicate: None,
                kind: None,
                nulls_not_distinct: false,
                invisible: false,
                attached: None,
                with: None,
                tablespace: None,
                comment: None,
            }],
            source: Default::default(),
        },
    );
    s
}

#[test]
fn objects_are_created_in_dependency_order_and_dropped_in_reverse() {
    let (up, down) = scripts(&schema(PG, vec![]), &objects(), default_target(PG));
    insta::assert_snapshot!("pg_objects_up", up);
    insta::assert_snapshot!("pg_objects_down", down);
    let at = |s: &str| up.find(s).unwrap_or_else(|| panic!("{s} missing:\n{up}"));
    assert!(at("CREATE SCHEMA \"app\"") < at("CREATE SEQUENCE \"app\".\"counter\" INCREMENT BY 5 START WITH 100 CYCLE"));
    assert!(
        at("CREATE TABLE \"public\".\"events\"")
            < at("PARTITION OF \"public\".\"events\" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")
    );
    assert!(at(") PARTITION BY RANGE (at)") < at("CREATE MATERIALIZED VIEW \"public\".\"recent\" AS"));
    assert!(up.contains("CREATE UNLOGGED TABLE \"public\".\"log\""));
    assert!(
        up.contains("CREATE DOMAIN \"public\".\"positive\" AS integer DEFAULT 1 NOT NULL CONSTRAINT \"positive_check\" CHECK (VALUE > 0)")
    );
    assert!(up.contains("CREATE POLICY \"own\" ON \"public\".\"events\" FOR SELECT TO PUBLIC USING (id > 0)"));
    assert!(up.contains("ALTER TABLE \"public\".\"events\" ENABLE ROW LEVEL SECURITY"));
    let dat = |s: &str| down.find(s).unwrap_or_else(|| panic!("{s} missing:\n{down}"));
    assert!(dat("DROP MATERIALIZED VIEW \"public\".\"recent\"") < dat("DROP TABLE \"public\".\"events\""));
    assert!(!down.contains("DROP TABLE \"public\".\"events_2024\""), "partitions go with their parent: {down}");
    assert!(dat("DROP SEQUENCE \"app\".\"counter\"") < dat("DROP SCHEMA \"app\""));
}

#[test]
fn domains_and_composites_are_altered_in_place() {
    let before = objects();
    let mut after = objects();
    if let Some(UserType::Domain(d)) = after.types.get_mut(&QName::new("public", "positive")) {
        d.default = None;
        d.checks.push(("small".into(), "VALUE < 1000".into()));
    }
    if let Some(UserType::Composite { attributes, .. }) = after.types.get_mut(&QName::new("public", "pair")) {
        attributes[1].data_type = ty("character varying");
        attributes.push(Attribute::new("c", ty("boolean")));
    }
    let (up, _) = scripts(&before, &after, default_target(PG));
    assert!(up.contains("ALTER DOMAIN \"public\".\"positive\" DROP DEFAULT;"), "{up}");
    assert!(up.contains("ALTER DOMAIN \"public\".\"positive\" ADD CONSTRAINT \"small\" CHECK (VALUE < 1000);"), "{up}");
    assert!(
        up.contains("ALTER TYPE \"public\".\"pair\" ALTER ATTRIBUTE \"b\" TYPE character varying, ADD ATTRIBUTE \"c\" boolean;"),
        "{up}"
    );
}

#[test]
fn new_partition_lists_the_column_options_it_adds_to_the_parent() {
    let before = "CREATE TABLE f (id int, foo text NOT NULL, fizz timestamptz) PARTITION BY LIST (foo);";
    let after = format!("{before} CREATE TABLE f_1 PARTITION OF f (fizz NOT NULL, id DEFAULT 7) FOR VALUES IN ('a');");
    let m = crate::generate(before, &after, &crate::Options::new(PG));
    let up = m.up_sql();
    assert!(
        up.contains(
            "PARTITION OF \"public\".\"f\" (\n  \"id\" WITH OPTIONS DEFAULT 7,\n  \"fizz\" WITH OPTIONS NOT NULL\n) FOR VALUES IN ('a')"
        ),
        "{up}"
    );
}

#[test]
fn a_column_made_serial_moves_its_new_sequence_past_the_rows() {
    let before = "CREATE TABLE b (id integer PRIMARY KEY, v text);";
    let after = "CREATE TABLE b (id serial PRIMARY KEY, v text);";
    let m = crate::generate(before, after, &crate::Options::new(PG));
    let up = m.up_sql();
    let set = "ALTER TABLE \"public\".\"b\" ALTER COLUMN \"id\" SET DEFAULT nextval('b_id_seq'::regclass);\n\
               SELECT setval('\"public\".\"b_id_seq\"'::regclass, MAX(\"id\")) FROM \"public\".\"b\" HAVING MAX(\"id\") >= 1;";
    assert!(up.contains(set), "{up}");
    // Down drops the default and the sequence: nothing to move.
    assert!(!m.down_sql().contains("setval"), "{}", m.down_sql());
    // A sequence that exists before keeps its state.
    let before = "CREATE SEQUENCE s START 100; CREATE TABLE b (id integer PRIMARY KEY);";
    let after = "CREATE SEQUENCE s START 100 OWNED BY b.id; CREATE TABLE b (id integer PRIMARY KEY DEFAULT nextval('s'));";
    let up = crate::generate(before, after, &crate::Options::new(PG)).up_sql();
    assert!(!up.contains("setval"), "{up}");
}

#[test]
fn a_column_dropped_and_added_again_gets_its_indexes_and_constraints_back() {
    let before = "CREATE TABLE li (id int PRIMARY KEY, qty int, total int CHECK (total >= 0), note text CHECK (note <> ''));\n\
                  CREATE INDEX li_total ON li (total); CREATE INDEX li_qty ON li (qty);";
    let after = before.replace("total int", "total int GENERATED ALWAYS AS (qty * 2) STORED");
    let up = crate::generate(before, &after, &crate::Options::new(PG)).up_sql();
    let drop = up.find("DROP COLUMN \"total\"").unwrap_or(0);
    let back = |s: &str| up.find(s).is_some_and(|at| at > drop);
    assert!(up.contains("DROP INDEX IF EXISTS \"public\".\"li_total\";") && back("CREATE INDEX \"li_total\""), "{up}");
    assert!(back("ADD CONSTRAINT \"li_total_check\" CHECK (total >= 0)"), "{up}");
    // What does not use the column is left alone.
    assert!(!up.contains("li_qty") && !up.contains("li_note_check"), "{up}");
}

#[test]
fn a_column_dropped_and_added_again_gets_its_column_privileges_back() {
    let before = "CREATE TABLE li (id int PRIMARY KEY, qty int, total int);\n\
                  GRANT SELECT (total, qty), UPDATE (total) ON li TO r;";
    let after = before.replace("total int", "total int GENERATED ALWAYS AS (qty * 2) STORED").replace(", UPDATE (total)", "");
    let up = crate::generate(before, &after, &crate::Options::new(PG)).up_sql();
    let add = up.find("ADD COLUMN \"total\"").unwrap_or(usize::MAX);
    // DROP COLUMN took them: AFTER's are given again after the column is back, none revoked.
    assert!(up.find("GRANT SELECT (\"total\") ON TABLE \"public\".\"li\" TO \"r\";").is_some_and(|at| at > add), "{up}");
    assert!(!up.contains("REVOKE") && !up.contains("(\"qty\")"), "{up}");
    // An expression changed: dropped and added on PostgreSQL 15, set in place on 17 (the
    // privileges stay).
    let changed = after.replace("qty * 2", "qty * 3");
    let up = crate::generate(&after, &changed, &crate::Options::new(PG)).up_sql();
    assert!(up.contains("DROP COLUMN") && up.contains("GRANT SELECT (\"total\")"), "{up}");
    let mut o = crate::Options::new(PG);
    o.target = crate::Target::parse(PG, "17").unwrap();
    let up = crate::generate(&after, &changed, &o).up_sql();
    assert!(up.contains("SET EXPRESSION") && !up.contains("GRANT"), "{up}");
}
