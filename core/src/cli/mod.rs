//! Command-line parsing and the `diff` command.
//!
//! ```text
//! schemashift diff --dialect postgres|mysql|sqlite BEFORE AFTER [options]
//! ```
//! Exit codes: 0 success, 1 input errors (diagnostics on stderr as `FILE:LINE:COL: message`),
//! 2 usage errors. A blocked result (`Migration::is_blocked`) prints no migration (stdout empty,
//! no package written) unless `--allow-errors`; `--json` always prints the document.

mod args;
#[path = "package.rs"]
mod cli_package;

use args::{Args, Output};
use schemashift::{contract, generate, Side};
use std::io::{Read, Write};

const USAGE: &str = "\
usage: schemashift diff --dialect postgres|mysql|sqlite BEFORE AFTER [options]
       schemashift rules      print the risk rules' documentation (Markdown)

BEFORE and AFTER are files of SQL; `-` reads standard input (only one of them may be `-`).

output (default: the up migration SQL on stdout):
  --down                 print the down migration SQL instead
  --json                 print the whole result as one JSON document (schema: core/src/contract.rs)
  --out DIR              write the migration package into DIR
  --format FMT           package layout for --out: plain (default), golang-migrate, flyway,
                         dbmate, goose, sqitch, liquibase, atlas, prisma,
                         numbered (NNNN_name.up.sql for psql/mysql/sqlite3)
  --version V            the package's migration version (digits; default: the current
                         UTC time YYYYMMDDHHMMSS, so it sorts after existing migrations)
  --name N               the package's migration name (default: from the first change)

options:
  --target-version V     engine version: PostgreSQL 12..17, MySQL 8.0 (mysql-8.0),
                         MariaDB 10.11 (mariadb-10.11), SQLite 3.35 ...; a flavor's
                         release with its name: cockroachdb-24.1, tidb-8.5
  --flavor F             the engine of the dialect (default: the dialect's own; with
                         --target-version, a release of that engine):
                         {FLAVORS}
  --zero-downtime        rewrite the plan into its zero-downtime form
  --preserve-data        back up data destroyed by a step, and restore it in down
  --owners               diff object owners (ALTER ... OWNER TO); ignored by default
  --osc gh-ost|pt-osc    in the package (--out), run each ALTER TABLE of a MySQL/MariaDB
                         table of 1,000,000+ rows (--table-sizes) with gh-ost or
                         pt-online-schema-change from osc/<n>-<table>.sh; up.sql keeps a
                         guard; precheck.sql and README.md get the tool's requirements
  --osc-all              every table, whatever its size; --osc-min-rows N: the threshold
  --no-step-log          package scripts without the step log (schemashift_migration_log),
                         and so without deploy.sh and rehearse.sh
  --rename SPEC          treat a change as a rename: `table.old=new` (column) or
                         `old=new` (table); repeatable
  --not-rename SPEC      answer a rename suggestion `not a rename` (its SPEC as suggested):
                         it is not offered again; repeatable
  --table-sizes FILE     row counts, one `table rows` (or `table,rows`) per line, optionally
                         followed by the table's bytes and its indexes' bytes (table-sizes.sql)
  --speed-factor F       this server's speed against the calibration machine, as the
                         package's calibrate.sql prints it (2 = twice as slow); scales estimates
  --copy 'DEST=SRC [where COND]'
                         accept a data move: copy the rows of SRC (those COND selects) into
                         the new table DEST, like `-- schemashift:copy-from SRC where COND`
                         before DEST's CREATE TABLE; repeatable
  --no-copy DEST         decline the data moves into DEST (`-- schemashift:no-copy`)
  --env dev|staging|prod the environment: timeouts, backfill batch and pause, zero-downtime
                         and preserve-data on or off, the runbook's advice (README: profiles);
                         a list (`--env dev,staging,prod`, with --out) packages the first one's
                         scripts and every one's side by side under environments/, compared
  --env-file FILE        a custom environment: `key = value` lines (base, name, lock_timeout,
                         statement_timeout, batch_size, batch_pause, zero_downtime,
                         preserve_data, advice)
  --allow-errors         print the migration even when the result is blocked (still exit 1)

blocked results: when an input or an option has an error, or a data move needs a decision,
the result is blocked: no migration is printed (stdout stays empty, --out writes nothing),
the reasons go to stderr, exit 1. Objects named by a statement with an error are treated as
unchanged either way. --allow-errors prints the migration anyway; --json always prints the
document, with `blocked: true` and `blocked_reasons`.
  -h, --help             this help
";

/// The usage text, with the flavors as `target/` registers them, one dialect a line.
pub fn usage() -> String {
    let per_dialect: Vec<String> =
        schemashift::Dialect::ALL.iter().map(|d| schemashift::Flavor::of(*d).map(|f| f.name()).collect::<Vec<_>>().join(", ")).collect();
    USAGE.replace("{FLAVORS}", &per_dialect.join(&format!(";\n{:25}", "")))
}

/// Run the CLI; returns the process exit code.
pub fn run(argv: &[String]) -> i32 {
    if argv.first().map(String::as_str) == Some("rules") {
        if argv.len() > 1 {
            eprintln!("schemashift: `rules` takes no arguments\n\n{}", usage());
            return 2;
        }
        return match write_stdout(&schemashift::risk::rules::docs_markdown()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("schemashift: {e}");
                2
            }
        };
    }
    let args = match Args::parse(argv) {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{}", usage());
            return 0;
        }
        Err(msg) => {
            eprintln!("schemashift: {msg}\n\n{}", usage());
            return 2;
        }
    };
    let before = match read_input(&args.before) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("schemashift: cannot read {}: {e}", args.before);
            return 2;
        }
    };
    let after = match read_input(&args.after) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("schemashift: cannot read {}: {e}", args.after);
            return 2;
        }
    };
    // Left to the operating system at exit, never freed: the migration holds both schemas, and
    // freeing them one allocation at a time was a tenth of the CPU of a 10,000-table dump pair
    // (core/benches/README.md, "The CLI at 10,000 tables"). A process that ends frees nothing.
    let migration = std::mem::ManuallyDrop::new(generate(&before, &after, &args.options));

    for d in &migration.diagnostics {
        let file = match d.side {
            Side::Before => args.before.as_str(),
            Side::After => args.after.as_str(),
            Side::Options => "<options>",
        };
        let file = if file == "-" { "<stdin>" } else { file };
        let diag = &d.diagnostic;
        let sev = match diag.severity {
            schemashift::Severity::Error => "error",
            schemashift::Severity::Warning => "warning",
            schemashift::Severity::Info => "note",
        };
        // Notes about deliberately ignored statements are only shown in JSON; errors and
        // warnings always go to stderr.
        if !diag.ignored {
            eprintln!("{file}:{}:{}: {sev}: {}", diag.line, diag.column, diag.message);
        }
    }
    // Likely renames the diff does not apply (a typo-near pair also blocks, below): say how to
    // answer each, since the drop it stands for deletes data.
    for s in &migration.suggestions {
        let what = match s.kind {
            schemashift::model::RenameKind::Column => format!("column {} → {} of {}", s.from, s.to, s.table),
            schemashift::model::RenameKind::Sequence => format!("sequence {} → {}", s.from, s.table),
            _ => format!("table {} → {}", s.from, s.table),
        };
        eprintln!(
            "note: {what} may be a rename: `--rename {}` renames it; `--not-rename {}` keeps the drop and the add",
            s.option, s.option
        );
    }
    let blocked = migration.is_blocked();
    let failed = migration.has_errors() || blocked;
    if blocked {
        for b in &migration.blocked {
            eprintln!("blocked: {}", b.message);
        }
        if !args.allow_errors && !matches!(args.output, Output::Json) {
            eprintln!(
                "schemashift: the result is blocked: no migration printed (fix the reasons above, or pass --allow-errors to print it anyway)"
            );
            return 1;
        }
    }

    let result = match &args.output {
        Output::Up => write_stdout(&migration.up_sql()),
        Output::Down => write_stdout(&migration.down_sql()),
        Output::Json => write_stdout(&(contract::to_json(&migration) + "\n")),
        Output::Package { dir, format, version, name } => {
            let mut envs = std::mem::ManuallyDrop::new(vec![std::mem::ManuallyDrop::into_inner(migration)]);
            for o in &args.more_envs {
                let m = generate(&before, &after, o);
                if m.is_blocked() && !args.allow_errors {
                    let env = o.env.as_ref().map(|e| e.name.as_str()).unwrap_or("");
                    for b in &m.blocked {
                        eprintln!("blocked ({env}): {}", b.message);
                    }
                    eprintln!("schemashift: the result for environment `{env}` is blocked: no package written");
                    return 1;
                }
                envs.push(m);
            }
            cli_package::write(&envs, dir, format, version.as_deref(), name.as_deref())
        }
    };
    if let Err(e) = result {
        eprintln!("schemashift: {e}");
        return 2;
    }
    if failed {
        1
    } else {
        0
    }
}

fn read_input(path: &str) -> std::io::Result<String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        buf
    } else {
        std::fs::read(path)?
    };
    // Invalid UTF-8 is replaced, not rejected: the parser reports what it cannot read. (Valid
    // input is taken as it is, not copied.)
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())
}
