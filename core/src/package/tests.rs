//! Package tests on a hand-made PostgreSQL migration: the structure of every format, the
//! checks, determinism of files and zip, and `atlas.sum` against a value computed
//! independently (Atlas's algorithm re-implemented in Python's hashlib).

use super::*;
use crate::diff::Change;
use crate::model::{ConstraintKind, FkAction, FkMatch, IndexElem, QName};
use crate::{Dialect, Target};
use shared::{constraint, step};

mod lib {
    pub use crate::*;
}
/// The hand-made migrations, shared with the engine tests in `core/tests/`.
#[path = "../../tests/package_support/model.rs"]
mod shared;

fn fk() -> crate::model::Constraint {
    constraint(
        "orders_user_id_fkey",
        ConstraintKind::ForeignKey {
            columns: vec!["user_id".into()],
            ref_table: QName::new("public", "users"),
            ref_columns: vec!["id".into()],
            on_delete: FkAction::NoAction,
            on_update: FkAction::NoAction,
            match_type: FkMatch::Simple,
        },
    )
}

/// BEFORE: users(id, name). AFTER: users(id, name NOT NULL, email NOT NULL unique) and
/// orders(id, user_id -> users). The unique index is built CONCURRENTLY (outside a transaction).
pub fn sample() -> Migration {
    shared::build_migration(
        Dialect::Postgres,
        "public",
        "integer",
        "text",
        [
            r#"ALTER TABLE "public"."users" ALTER COLUMN "name" SET NOT NULL"#,
            r#"ALTER TABLE "public"."users" ADD COLUMN "email" character varying(255) NOT NULL"#,
            r#"CREATE TABLE "public"."orders" ("id" integer NOT NULL, "user_id" integer NOT NULL, CONSTRAINT "orders_pkey" PRIMARY KEY ("id"))"#,
            r#"ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id")"#,
            r#"CREATE UNIQUE INDEX CONCURRENTLY "users_email_key" ON "public"."users" ("email")"#,
        ],
        [
            r#"DROP INDEX CONCURRENTLY "public"."users_email_key""#,
            r#"DROP TABLE "public"."orders""#,
            r#"ALTER TABLE "public"."users" DROP COLUMN "email""#,
            r#"ALTER TABLE "public"."users" ALTER COLUMN "name" DROP NOT NULL"#,
        ],
        true,
    )
}

fn build_as(format: Format) -> Package {
    let options = PackageOptions::new(format, "20240102030405");
    build(&sample(), &options).unwrap()
}

pub(super) fn names(p: &Package) -> Vec<&str> {
    p.files.keys().map(String::as_str).collect()
}

#[test]
fn plain_package_has_every_file() {
    let p = build_as(Format::Plain);
    for f in [
        "README.md",
        "down.sql",
        "dry-run.sql",
        "monitoring.sql",
        "precheck.sql",
        "table-sizes.sql",
        "test-data.sql",
        "up.sql",
        "validate.sql",
        "validate_down.sql",
        "up/01-main.sql",
        "up/02-main-no-transaction.sql",
        "down/01-main-no-transaction.sql",
        "down/02-main.sql",
    ] {
        assert!(p.files.contains_key(f), "missing {f} in {:?}", names(&p));
    }
    let up = p.text("up/02-main-no-transaction.sql").unwrap();
    assert!(up.contains("CONCURRENTLY") && !up.contains("BEGIN;"), "{up}");
}

#[test]
fn precheck_covers_nulls_new_not_null_columns_and_unique() {
    let p = build_as(Format::Plain);
    let pre = p.text("precheck.sql").unwrap();
    assert!(pre.contains(r#"SELECT COUNT(*) AS n FROM "public"."users" WHERE "name" IS NULL"#), "{pre}");
    assert!(pre.contains("new NOT NULL column email (no default)"), "{pre}");
    // email is added by this migration: no duplicate check can run on it yet.
    assert!(!pre.contains(r#"GROUP BY "email""#), "{pre}");
    assert!(pre.contains("RAISE EXCEPTION"), "{pre}");
    assert!(pre.contains("pg_class"), "table sizes query: {pre}");
}

#[test]
fn validate_asserts_the_after_schema_and_validate_down_the_before() {
    let p = build_as(Format::Plain);
    let v = p.text("validate.sql").unwrap();
    assert!(v.contains("column public.users.email is character varying(255) NOT NULL"), "{v}");
    assert!(v.contains("format_type(a.atttypid, a.atttypmod) = 'character varying(255)'"), "{v}");
    assert!(v.contains("foreign key orders_user_id_fkey (user_id) -> public.users exists on public.orders"), "{v}");
    assert!(v.contains("unique index users_email_key exists on public.users"), "{v}");
    let vd = p.text("validate_down.sql").unwrap();
    assert!(vd.contains("table public.orders is gone"), "{vd}");
    assert!(vd.contains("index users_email_key is gone from public.users"), "{vd}");
    assert!(vd.contains("table public.users has no columns besides (id, name)"), "{vd}");
}

#[test]
fn runbook_has_every_section() {
    let p = build_as(Format::Plain);
    let r = p.text("README.md").unwrap();
    for section in [
        "## Purpose and summary",
        "## Files and execution order",
        "## Risk assessment",
        "## Dry run",
        "## Rollback",
        "## Testing guidelines",
        "## Troubleshooting",
    ] {
        assert!(r.contains(section), "missing {section}");
    }
    assert!(r.contains("psql -X -v ON_ERROR_STOP=1"), "{r}");
    assert!(r.contains("up/02-main-no-transaction.sql"), "{r}");
    assert!(r.contains("Rollback stops being complete") || r.contains("destroys no data"), "{r}");
}

#[test]
fn golang_migrate_gives_each_part_a_version() {
    let p = build_as(Format::GolangMigrate);
    let up1 = p.text("migrations/20240102030405_alter_column_users_and_more_part1_main.up.sql").unwrap();
    assert!(up1.contains("BEGIN;") && up1.contains("COMMIT;"), "{up1}");
    let up2 = p.text("migrations/20240102030406_alter_column_users_and_more_part2_main_no_transaction.up.sql").unwrap();
    assert!(up2.contains("\nCREATE UNIQUE INDEX CONCURRENTLY") && !up2.contains("BEGIN"), "{up2}");
    // Rolling back version 2 first drops the index.
    let down2 = p.text("migrations/20240102030406_alter_column_users_and_more_part2_main_no_transaction.down.sql").unwrap();
    assert!(down2.contains("DROP INDEX CONCURRENTLY"), "{down2}");
}

#[test]
fn flyway_versioned_and_undo_scripts() {
    let p = build_as(Format::Flyway);
    let v: Vec<&str> = names(&p).into_iter().filter(|n| n.starts_with("migrations/")).collect();
    assert!(v.contains(&"migrations/V20240102030405__alter_column_users_and_more_part1_main.sql"), "{v:?}");
    assert!(v.contains(&"migrations/U20240102030406__alter_column_users_and_more_part2_main_no_transaction.sql"));
    let conf = p.text("migrations/V20240102030406__alter_column_users_and_more_part2_main_no_transaction.sql.conf");
    assert_eq!(conf, Some("executeInTransaction=false\n"));
    assert!(!p.text("migrations/V20240102030405__alter_column_users_and_more_part1_main.sql").unwrap().contains("BEGIN"));
}

#[test]
fn dbmate_and_goose_markers() {
    let p = build_as(Format::Dbmate);
    let f = p.text("migrations/20240102030406_alter_column_users_and_more_part2_main_no_transaction.sql").unwrap();
    assert!(f.starts_with("-- migrate:up transaction:false\nCREATE UNIQUE INDEX CONCURRENTLY"), "{f}");
    assert!(f.contains("\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY"), "{f}");
    let g = build_as(Format::Goose);
    let f = g.text("migrations/20240102030406_alter_column_users_and_more_part2_main_no_transaction.sql").unwrap();
    assert!(f.starts_with("-- +goose NO TRANSACTION\n-- +goose Up\n"), "{f}");
    // The step log's statements run beside it (goose sends statement by statement).
    assert!(f.split("-- +goose Down\n").nth(1).is_some_and(|d| d.contains("\nDROP INDEX CONCURRENTLY")), "{f}");
    let f1 = g.text("migrations/20240102030405_alter_column_users_and_more_part1_main.sql").unwrap();
    assert!(f1.starts_with("-- +goose Up\n") && !f1.contains("NO TRANSACTION"), "{f1}");
}

#[test]
fn goose_wraps_bodies_with_semicolons() {
    let mut m = sample();
    m.up.truncate(1);
    m.down.truncate(0);
    m.up[0].statements = vec!["CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql".into()];
    let p = build(&m, &PackageOptions { format: Format::Goose, version: "1".into(), name: Some("f".into()) }).unwrap();
    let f = p.text("migrations/1_f.sql").unwrap();
    assert!(f.contains("-- +goose StatementBegin\nCREATE FUNCTION"), "{f}");
    assert!(f.contains("LANGUAGE plpgsql;\n-- +goose StatementEnd\n"), "{f}");
}

#[test]
fn sqitch_plan_and_scripts() {
    let p = build_as(Format::Sqitch);
    let plan = p.text("sqitch.plan").unwrap();
    assert!(plan.starts_with("%syntax-version=1.0.0\n%project=schemashift\n\n"), "{plan}");
    assert!(plan.contains("alter_column_users_and_more 2024-01-02T03:04:05Z schemashift <schemashift@example.invalid> # "), "{plan}");
    assert!(p.text("sqitch.conf").unwrap().contains("engine = pg"));
    assert!(p.text("deploy/alter_column_users_and_more.sql").unwrap().contains("BEGIN;"));
    assert!(p.text("revert/alter_column_users_and_more.sql").unwrap().contains("DROP TABLE"));
    assert!(p.text("verify/alter_column_users_and_more.sql").unwrap().contains("RAISE EXCEPTION 'validate failed"));
    assert_eq!(formats::sqitch::plan_time("12"), "2000-01-01T00:00:00Z");
}

#[test]
fn liquibase_changesets_with_rollback() {
    let p = build_as(Format::Liquibase);
    let c = p.text("migrations/changelog.sql").unwrap();
    assert!(c.starts_with("--liquibase formatted sql\n"), "{c}");
    assert!(c.contains("--changeset schemashift:20240102030405-1\n"), "{c}");
    assert!(c.contains("--changeset schemashift:20240102030405-2 runInTransaction:false\n"), "{c}");
    assert!(c.contains("--rollback DROP INDEX CONCURRENTLY \"public\".\"users_email_key\";\n"), "{c}");
    assert!(c.contains("--rollback DROP TABLE \"public\".\"orders\";\n"), "{c}");
}

#[test]
fn atlas_directory_with_txmode_and_sum() {
    let p = build_as(Format::Atlas);
    let second = "migrations/20240102030406_alter_column_users_and_more_part2_main_no_transaction.sql";
    assert!(p.text(second).unwrap().starts_with("-- atlas:txmode none\n\n"));
    let sum = p.text("migrations/atlas.sum").unwrap();
    let lines: Vec<&str> = sum.lines().collect();
    assert_eq!(lines.len(), 3, "{sum}");
    assert!(lines[0].starts_with("h1:") && lines[2].starts_with("20240102030406_"), "{sum}");
}

#[test]
fn atlas_sum_matches_the_reference_algorithm() {
    // Expected value computed with Python hashlib/base64 following Atlas's NewHashFile and
    // HashFile.MarshalText (sql/migrate/dir.go).
    let files: [(&str, &[u8]); 2] = [
        ("20240102000000_more.sql", b"-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n"),
        ("20240101000000_init.sql", b"CREATE TABLE t (a int);\n"),
    ];
    assert_eq!(
        formats::atlas::atlas_sum(&files),
        "h1:t8d5D64YyzXFH6tlyb3bLmM9mfE+cubtzlCCh06CdWE=\n\
         20240101000000_init.sql h1:tGiHz9dbG7X3ML0owacCPGGRGgpv1+9h7L72SMG8/Xw=\n\
         20240102000000_more.sql h1:oo7wo7cd9stn7DORJrzaOLB6jMt4zwxXetA+RRHwR9o=\n"
    );
}

#[test]
fn same_input_same_package_and_zip() {
    for format in Format::ALL {
        let a = build(&sample(), &PackageOptions::new(format, "20240102030405")).unwrap();
        let b = build(&sample(), &PackageOptions::new(format, "20240102030405")).unwrap();
        assert_eq!(a, b, "{format}");
        assert_eq!(a.zip().unwrap(), b.zip().unwrap(), "{format}");
    }
}

#[test]
fn utc_version_is_the_calendar_time() {
    assert_eq!(utc_version(0), "19700101000000");
    // 2024-02-29 23:59:59 UTC (a leap day) and 2000-03-01 00:00:00 UTC.
    assert_eq!(utc_version(1_709_251_199), "20240229235959");
    assert_eq!(utc_version(951_868_800), "20000301000000");
}

#[test]
fn formats_parse_by_name() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>().unwrap(), f);
    }
    assert!("nope".parse::<Format>().is_err());
    assert!(build(&sample(), &PackageOptions::new(Format::Plain, "v1")).is_err());
}

#[test]
fn empty_migration_still_packages() {
    let mut m = sample();
    m.up.clear();
    m.down.clear();
    m.after = m.before.clone();
    for format in Format::ALL {
        let p = build(&m, &PackageOptions::new(format, "20240102030405")).unwrap();
        assert!(p.text("README.md").unwrap().contains("nothing to migrate"), "{format}");
    }
    let p = build(&m, &PackageOptions::new(Format::Plain, "1")).unwrap();
    assert!(p.text("up.sql").unwrap().contains("nothing to do"));
}

/// One layout per package: a tool format holds the migration only in the tool's files.
#[test]
fn one_layout_per_package() {
    let plain = build_as(Format::Plain);
    assert!(plain.files.contains_key("up.sql") && plain.files.contains_key("up/01-main.sql"));
    for format in Format::ALL.into_iter().filter(|f| *f != Format::Plain) {
        let p = build_as(format);
        let dup: Vec<&str> = names(&p).into_iter().filter(|n| *n == "up.sql" || n.starts_with("up/") || n.starts_with("down/")).collect();
        assert!(dup.is_empty(), "{format}: {dup:?}");
        assert_eq!(p.files.contains_key("down.sql"), format == Format::Atlas, "{format}");
        for shared in ["README.md", "precheck.sql", "validate.sql", "validate_down.sql", "monitoring.sql", "table-sizes.sql"] {
            assert!(p.files.contains_key(shared), "{format}: {shared}");
        }
        let readme = p.text("README.md").unwrap();
        assert!(!readme.contains("`up.sql`") && !readme.contains("`up/"), "{format}");
    }
}

#[test]
fn version_and_name_are_used_everywhere() {
    let p =
        build(&sample(), &PackageOptions { format: Format::Dbmate, version: "20991231235959".into(), name: Some("Add e-mail!".into()) })
            .unwrap();
    assert!(p.files.keys().any(|n| n.starts_with("migrations/20991231235959_add_e_mail_part1")), "{:?}", names(&p));
    assert!(p.text("README.md").unwrap().contains("`20991231235959`"));
}

#[test]
fn test_data_fills_new_tables_in_fk_order() {
    let p = build_as(Format::Plain);
    let t = p.text("test-data.sql").unwrap();
    let users = t.find(r#"INSERT INTO "public"."users""#).unwrap();
    let orders = t.find(r#"INSERT INTO "public"."orders""#).unwrap();
    assert!(users < orders, "{t}");
    assert!(t.contains("(900001, 900001)"), "{t}");
}

#[test]
fn mysql_and_sqlite_validate_fail_through_check() {
    for d in [Dialect::Mysql, Dialect::Sqlite] {
        let mut m = sample();
        m.target = Target::default_for(d);
        std::sync::Arc::make_mut(&mut m.before).dialect = d;
        std::sync::Arc::make_mut(&mut m.after).dialect = d;
        let p = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).unwrap();
        let v = p.text("validate.sql").unwrap();
        assert!(v.contains("CONSTRAINT validate_failed CHECK (problem IS NULL)"), "{d}: {v}");
        let pre = p.text("precheck.sql").unwrap();
        assert!(pre.contains("AS offending_rows"), "{d}: {pre}");
    }
}

#[test]
fn precheck_counts_duplicates_orphans_and_lost_data_on_existing_columns() {
    let mut m = sample();
    let users = QName::new("public", "users");
    let mut idx = m.after.tables[&users].indexes[0].clone();
    idx.elems = vec![IndexElem::column("name")];
    m.up.push(step(Change::CreateIndex { table: users.clone(), index: idx }, &["CREATE UNIQUE INDEX x ON users (name)"], true));
    let mut fk_on_id = fk();
    if let ConstraintKind::ForeignKey { columns, ref_table, .. } = &mut fk_on_id.kind {
        *columns = vec!["id".into()];
        *ref_table = QName::new("public", "orders");
    }
    m.up.push(step(Change::AddConstraint { table: users.clone(), constraint: fk_on_id }, &["ALTER TABLE users ADD FOREIGN KEY"], true));
    let name = m.before.tables[&users].columns[1].clone();
    m.up.push(step(Change::DropColumn { table: users, column: name }, &["ALTER TABLE users DROP COLUMN name"], true));
    let p = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).unwrap();
    let pre = p.text("precheck.sql").unwrap();
    assert!(pre.contains(r#"FROM "public"."users" WHERE "name" IS NOT NULL GROUP BY "name" HAVING COUNT(*) > 1"#), "{pre}");
    // orders is created by the migration: every non-NULL key is an orphan.
    assert!(pre.contains(r#"SELECT COUNT(*) AS n FROM "public"."users" AS child WHERE child."id" IS NOT NULL)"#), "{pre}");
    assert!(pre.contains("values in public.users.name that dropping the column destroys"), "{pre}");
    assert!(pre.contains("schemashift.allow_data_loss"), "{pre}");
}

#[test]
fn zero_downtime_phases_become_parts_with_an_app_deploy_between() {
    let mut m = sample();
    m.zero_downtime = true;
    for s in &mut m.up[..2] {
        s.phase = crate::plan::Phase::Expand;
    }
    for s in &mut m.up[2..] {
        s.phase = crate::plan::Phase::Contract;
    }
    let p = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).unwrap();
    assert!(p.files.contains_key("up/01-expand.sql"), "{:?}", names(&p));
    assert!(p.files.contains_key("up/02-contract.sql"));
    assert!(p.files.contains_key("up/03-contract-no-transaction.sql"));
    let r = p.text("README.md").unwrap();
    let expand = r.find("up/01-expand.sql").unwrap();
    let deploy = r.find("deploy the application version").unwrap();
    let contract = r.find("up/02-contract.sql").unwrap();
    assert!(expand < deploy && deploy < contract, "{r}");
    let g = build(&m, &PackageOptions { format: Format::GolangMigrate, version: "1".into(), name: Some("z".into()) }).unwrap();
    assert!(g.files.contains_key("migrations/1_z_part1_expand.up.sql"), "{:?}", names(&g));
    assert!(g.files.contains_key("migrations/3_z_part3_contract_no_transaction.up.sql"), "{:?}", names(&g));
}

#[test]
fn preserve_data_and_data_moves_add_cleanup_backfill_and_runbook_lines() {
    let mut o = crate::Options::new(Dialect::Postgres);
    o.preserve_data = true;
    let m = crate::generate(
        "CREATE TABLE users (id int PRIMARY KEY, street text, city text, legacy text);",
        "CREATE TABLE users (id int PRIMARY KEY);\n\
         -- schemashift:copy-from users\n\
         CREATE TABLE addresses (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), street text, city text);",
        &o,
    );
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).unwrap();
    let cleanup = pkg.text("cleanup/01_drop_backups.sql").expect("cleanup file");
    assert!(cleanup.contains("DROP TABLE IF EXISTS \"public\".\"schemashift_backup_users_legacy\";"), "{cleanup}");
    let backfill = pkg.text("backfill/01_addresses_street_city.sql").expect("backfill file");
    assert!(backfill.contains("LIMIT 1000"), "{backfill}");
    assert!(backfill.contains("RAISE NOTICE"), "{backfill}");
    assert!(backfill.contains("NOT EXISTS"), "{backfill}");
    let readme = pkg.text("README.md").unwrap();
    assert!(readme.contains("## Data kept by this migration"), "{readme}");
    assert!(
        readme.contains("| `public.users.legacy` | dropped column | `public.schemashift_backup_users_legacy` | primary key (id) | yes |"),
        "{readme}"
    );
    assert!(readme.contains("**Review these data moves**"), "{readme}");
    assert!(readme.contains("7. `backfill/01_addresses_street_city.sql`"), "{readme}");
    assert!(readme.contains("8. `cleanup/01_drop_backups.sql`"), "{readme}");
    // The precheck does not stop a migration whose dropped data is backed up or moved.
    let pre = pkg.text("precheck.sql").unwrap();
    assert!(!pre.contains("dropping the column destroys"), "{pre}");
    // The move is a review note on the step that creates the table.
    assert!(m.up.iter().any(|s| s.risks.iter().any(|r| r.rule == "any-data-move-review")));
    // Without moves or backups: no such files.
    let plain = build(&sample(), &PackageOptions::new(Format::Plain, "20240101000000")).unwrap();
    assert!(!plain.files.keys().any(|k| k.starts_with("cleanup/") || k.starts_with("backfill/")));
}

/// A MariaDB migration adding a trigger whose body holds `;`.
pub(super) fn mariadb_trigger() -> crate::Migration {
    let mut o = crate::Options::new(Dialect::Mysql);
    o.target = crate::Target::of(crate::Flavor::Mariadb);
    let before = "CREATE TABLE t (id int PRIMARY KEY, n int);";
    let after = "CREATE TABLE t (id int PRIMARY KEY, n int);\n\
        DELIMITER //\nCREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = 1; SET NEW.n = NEW.n + 1; END//\nDELIMITER ;\n";
    crate::generate(before, after, &o)
}

#[test]
fn mariadb_trigger_steps_are_wrapped_in_delimiter_in_every_plain_file() {
    let m = mariadb_trigger();
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).unwrap();
    let up = pkg.text("up.sql").unwrap();
    assert!(up.contains("DELIMITER $$") && up.contains("END$$\nDELIMITER ;"), "{up}");
    // No file of the plain package holds a trigger body outside DELIMITER framing.
    for (name, bytes) in &pkg.files {
        let text = String::from_utf8_lossy(bytes);
        if name.ends_with(".sql") && text.contains("CREATE TRIGGER") {
            assert!(text.contains("DELIMITER"), "{name}:\n{text}");
        }
    }
    assert!(pkg.text("dry-run.sql").is_none());
    // The numbered files are run by the mysql client too.
    let numbered = build(&m, &PackageOptions::new(Format::Numbered, "1")).unwrap();
    let up = numbered.files.iter().find(|(n, _)| n.ends_with(".up.sql")).map(|(_, b)| String::from_utf8_lossy(b)).unwrap();
    assert!(up.contains("DELIMITER $$") && up.contains("END$$\nDELIMITER ;"), "{up}");
}

#[test]
fn prisma_folders_lock_file_and_down_beside() {
    let p = build_as(Format::Prisma);
    assert_eq!(p.text("migrations/migration_lock.toml").unwrap().lines().last(), Some("provider = \"postgresql\""));
    assert!(p.text("schema.prisma").unwrap().contains("provider = \"postgresql\""));
    let dirs: Vec<&str> = names(&p).into_iter().filter_map(|n| n.strip_prefix("migrations/")?.strip_suffix("/migration.sql")).collect();
    assert!(dirs.len() > 1 && dirs.windows(2).all(|w| w[0] < w[1]), "{dirs:?}");
    for d in &dirs {
        assert!(p.files.contains_key(&format!("migrations/{d}/down.sql")), "{d}");
    }
    // One statement per folder outside a transaction (Prisma sends the file as one script).
    let concurrent = dirs
        .iter()
        .map(|d| p.text(&format!("migrations/{d}/migration.sql")).unwrap())
        .find(|t| t.lines().any(|l| l.starts_with("CREATE UNIQUE INDEX CONCURRENTLY")))
        .unwrap();
    assert!(!concurrent.contains("BEGIN") && concurrent.matches(';').count() == 1, "{concurrent}");
}

#[test]
fn numbered_files_from_the_version() {
    let p = build(&sample(), &PackageOptions { format: Format::Numbered, version: "42".into(), name: Some("x".into()) }).unwrap();
    let files: Vec<&str> = names(&p).into_iter().filter(|n| n.starts_with("migrations/")).collect();
    assert!(files.first().is_some_and(|f| f.starts_with("migrations/0042_x_part1_")), "{files:?}");
    assert!(files.iter().any(|f| f.starts_with("migrations/0043_")), "{files:?}");
    assert_eq!(files.iter().filter(|f| f.ends_with(".up.sql")).count(), files.iter().filter(|f| f.ends_with(".down.sql")).count());
    assert!(p.text("README.md").unwrap().contains("( for f in migrations/*.up.sql; do psql"));
}

#[test]
fn the_check_scripts_alone_are_the_packages() {
    let m = sample();
    let options = PackageOptions::new(Format::Flyway, "20260101000000");
    let whole = build(&m, &options).unwrap();
    let paths: Vec<String> = CHECK_FILES.iter().map(|p| p.to_string()).collect();
    let alone = build_checks(&m, &options, &paths).unwrap().unwrap();
    for p in &paths {
        assert!(!whole.text(p).unwrap().is_empty(), "{p}");
        assert_eq!(alone.text(p), whole.text(p), "{p}");
    }
    // Any other file needs the whole package; a bad version is the same error.
    assert!(build_checks(&m, &options, &["precheck.sql".into(), "up.sql".into()]).is_none());
    assert!(build_checks(&m, &options, &[]).is_none());
    let bad = PackageOptions::new(Format::Plain, "v1");
    assert_eq!(build_checks(&m, &bad, &paths).unwrap().err(), build(&m, &bad).err());
}
