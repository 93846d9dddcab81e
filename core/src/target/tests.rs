use super::*;

#[test]
fn parses_target_versions() {
    assert_eq!(Target::parse(Dialect::Postgres, "12").unwrap().version, (12, 0));
    let m = Target::parse(Dialect::Mysql, "8.0").unwrap();
    assert_eq!(m.flavor, Flavor::Mysql);
    let m = Target::parse(Dialect::Mysql, "mariadb-10.11").unwrap();
    assert!(m.flavor == Flavor::Mariadb && m.version == (10, 11));
    assert_eq!(Target::parse(Dialect::Mysql, "10.6").unwrap().flavor, Flavor::Mariadb);
    assert_eq!(Target::parse(Dialect::Sqlite, "3.35").unwrap().version, (3, 35));
    assert!(Target::parse(Dialect::Postgres, "7").is_err());
}

#[test]
fn a_prefix_or_the_current_flavor_names_a_derived_flavors_release() {
    let c = Target::parse(Dialect::Postgres, "cockroachdb-23.2").unwrap();
    assert_eq!((c.flavor, c.version), (Flavor::Cockroachdb, (23, 2)));
    let y = Target::parse_for(Flavor::Yugabytedb, "2.20").unwrap();
    assert_eq!((y.flavor, y.version), (Flavor::Yugabytedb, (2, 20)));
    let t = Target::parse_for(Flavor::Tidb, "7.5").unwrap();
    assert_eq!((t.flavor, t.version), (Flavor::Tidb, (7, 5)));
    // A base flavor's bare number keeps picking MySQL or MariaDB by the number.
    assert_eq!(Target::parse_for(Flavor::Mariadb, "8.0").unwrap().flavor, Flavor::Mysql);
    assert!(Target::parse_for(Flavor::Vitess, "3").is_err());
    assert!(Target::parse(Dialect::Mysql, "cockroachdb-24.1").is_err());
}

#[test]
fn flavors_answer_like_their_base_except_where_they_differ() {
    let crdb = Target::of(Flavor::Cockroachdb);
    assert!(!crdb.transactional_ddl() && crdb.one_ddl_per_transaction() && !crdb.do_blocks());
    // PostgreSQL 13's answers where CockroachDB says nothing.
    assert!(crdb.native_rename_column() && crdb.not_valid_constraints() && !crdb.set_access_method());
    let yb = Target::of(Flavor::Yugabytedb);
    assert!(!yb.transactional_ddl() && yb.concurrent_index() && yb.online_index_by_default());
    let tidb = Target::of(Flavor::Tidb);
    assert!(!tidb.algorithm_lock_clauses() && tidb.native_rename_column() && !tidb.ignored_keyword());
    let maria = Target::default_for(Dialect::Mysql);
    assert!(maria.ignored_keyword() && maria.algorithm_lock_clauses() && !maria.drop_check_clause());
}

#[test]
fn every_flavor_is_named_parsed_and_defaulted() {
    for f in Flavor::ALL {
        assert_eq!(Flavor::parse(f.dialect(), &f.name().to_uppercase()), Ok(*f));
        let t = Target::of(*f);
        assert!(f.engine().supports(t.version), "{f}");
        let text = format!("{}-{}.{}", f.name(), t.version.0, t.version.1);
        assert_eq!(Target::parse(f.dialect(), &text), Ok(t), "{text}");
    }
    assert!(Flavor::parse(Dialect::Sqlite, "tidb").is_err());
}

/// Every offered `--target-version` value parses to a target of the flavor that offers it, and
/// every flavor offers its default version.
#[test]
fn offered_versions_parse_to_their_own_flavor() {
    for &f in Flavor::ALL {
        let offered = f.engine().offered_versions();
        assert!(!offered.is_empty(), "{f:?} offers no version");
        for v in offered {
            let t = Target::parse(f.dialect(), v).unwrap_or_else(|e| panic!("{f:?} {v}: {e}"));
            assert_eq!(t.flavor, f, "{v}");
        }
        assert!(offered.iter().any(|v| Target::parse(f.dialect(), v) == Ok(Target::of(f))), "{f:?}: its default is offered");
    }
}
