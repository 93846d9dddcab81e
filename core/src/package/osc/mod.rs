//! The online schema change strategy for large MySQL/MariaDB tables (`--osc gh-ost|pt-osc`):
//! each `ALTER TABLE` (or index build/drop) of a table with at least `min_rows` rows
//! (`--table-sizes`; every table with `--osc-all`) runs with gh-ost or pt-online-schema-change
//! from `osc/<n>-<table>.sh` instead of in `up.sql`, where a guard stands in its place: a
//! statement that fails, naming the script, so that nothing after it runs before the table is
//! changed (`deploy.sh` resumes after it once the script has logged the step `done`).
//!
//! A step goes to the tool only when the tools' documented requirements hold on the model: a
//! PRIMARY KEY or a UNIQUE key over NOT NULL columns before and after the change; gh-ost: no
//! triggers and no foreign keys on either side of the table. A step that adds or drops a
//! PRIMARY KEY or UNIQUE key stays in `up.sql` (both tools copy rows with `INSERT IGNORE`, so a
//! new unique key would silently drop the duplicates), as does a rename. `precheck.sql` gets the
//! same requirements as live queries (`checks.rs`), the README the runbook (`runbook.rs`).
//!
//! Docs: <https://docs.percona.com/percona-toolkit/pt-online-schema-change.html>,
//! <https://github.com/github/gh-ost/blob/master/doc/requirements-and-limitations.md>,
//! <https://github.com/github/gh-ost/blob/master/doc/cut-over.md>.

mod checks;
mod runbook;
mod script;

use super::{Meta, Package};
use crate::diff::Change;
use crate::model::{QName, Schema};
use crate::plan::Step;
use crate::render::quote;
use crate::{Dialect, Migration};
use serde::Serialize;

/// The tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum OscTool {
    #[serde(rename = "gh-ost")]
    GhOst,
    #[serde(rename = "pt-osc")]
    PtOsc,
}

impl OscTool {
    /// The `--osc` value.
    pub fn name(self) -> &'static str {
        match self {
            OscTool::GhOst => "gh-ost",
            OscTool::PtOsc => "pt-osc",
        }
    }

    /// The command.
    pub fn command(self) -> &'static str {
        match self {
            OscTool::GhOst => "gh-ost",
            OscTool::PtOsc => "pt-online-schema-change",
        }
    }
}

/// `--osc`: the tool and which tables it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Osc {
    pub tool: OscTool,
    /// Tables of at least this many rows (`--table-sizes`); `None`: every table (`--osc-all`).
    pub min_rows: Option<u64>,
}

/// Tables from this many rows go to the tool unless `--osc-min-rows` says otherwise.
pub const DEFAULT_MIN_ROWS: u64 = 1_000_000;

impl Osc {
    /// Read `--osc` (`gh-ost`, `pt-osc`, `pt-online-schema-change`); `all`: `--osc-all`.
    pub fn parse(tool: &str, all: bool, min_rows: Option<u64>) -> Result<Osc, String> {
        let tool = match tool.trim().to_ascii_lowercase().as_str() {
            "gh-ost" | "ghost" => OscTool::GhOst,
            "pt-osc" | "pt-online-schema-change" => OscTool::PtOsc,
            other => return Err(format!("unknown online schema change tool `{other}` (expected gh-ost or pt-osc)")),
        };
        Ok(Osc { tool, min_rows: if all { None } else { Some(min_rows.unwrap_or(DEFAULT_MIN_ROWS)) } })
    }
}

/// One run of the tool: consecutive steps of one table, merged into one `--alter`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// `up` or `down`.
    pub direction: &'static str,
    /// The step number of its guard in the direction's script (1-based, after merging).
    pub step: usize,
    pub table: QName,
    /// The `--alter` text: the clauses, comma-separated, without `ALGORITHM=`/`LOCK=`.
    pub alter: String,
    /// The statements it replaces, as the plan wrote them.
    pub statements: Vec<String>,
    /// Other tables' foreign keys reference the table (pt-osc rebuilds them).
    pub referenced: bool,
    pub triggers: bool,
    /// `osc/<n>-<table>.sh` (`osc/down-<n>-<table>.sh` for down).
    pub script: String,
}

/// A step of a large table left in the script, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub direction: &'static str,
    pub table: QName,
    pub statement: String,
    pub why: String,
}

/// What `apply` decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decision {
    pub runs: Vec<Run>,
    pub kept: Vec<Kept>,
}

/// The migration with each step the tool runs replaced by its guard, and the runs.
pub fn apply(m: &Migration, osc: Osc) -> (Migration, Decision) {
    let mut out = m.clone();
    let mut decision = Decision::default();
    if m.target.dialect != Dialect::Mysql || !m.target.online_schema_change_tools() {
        return (out, decision);
    }
    out.up = direction(&m.up, "up", &m.before, &m.after, osc, &mut decision);
    out.down = direction(&m.down, "down", &m.after, &m.before, osc, &mut decision);
    (out, decision)
}

/// The steps of one direction, `from` the schema they start from.
fn direction(steps: &[Step], dir: &'static str, from: &Schema, to: &Schema, osc: Osc, decision: &mut Decision) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    let mut open: Option<usize> = None;
    for step in steps {
        let rows = step.estimate.as_ref().and_then(|e| e.rows);
        let (table, clauses) = match decide(step, from, to, osc, rows) {
            None => {
                open = None;
                out.push(step.clone());
                continue;
            }
            Some(Err((table, why))) => {
                decision.kept.push(Kept { direction: dir, table, statement: main_statement(step), why });
                open = None;
                out.push(step.clone());
                continue;
            }
            Some(Ok(found)) => found,
        };
        // Consecutive steps of the same table in the same phase: one copy of the table, not one
        // per step (a contract step never moves before the deploy it waits for).
        let same_phase = out.last().is_some_and(|last| last.phase == step.phase);
        if let Some(i) = open.filter(|i| same_phase && decision.runs.get(*i).is_some_and(|r| r.table == table && r.direction == dir)) {
            if let Some(run) = decision.runs.get_mut(i) {
                run.alter = format!("{}, {}", run.alter, clauses.join(", "));
                run.statements.extend(own(step));
            }
            if let (Some(run), Some(last)) = (decision.runs.get(i), out.last_mut()) {
                last.statements = vec![guard(run)];
            }
            continue;
        }
        let n = out.len() + 1;
        let prefix = if dir == "up" { String::new() } else { format!("{dir}-") };
        let referenced = from.tables.values().any(|t| t.name != table && references(t, &table));
        let triggers = from.triggers.keys().any(|(t, _)| *t == table);
        let run = Run {
            direction: dir,
            step: n,
            script: format!("osc/{prefix}{n:02}-{}.sh", super::slug(&table.name).replace('_', "-")),
            table,
            alter: clauses.join(", "),
            statements: own(step).collect(),
            referenced,
            triggers,
        };
        let mut s = step.clone();
        s.statements = vec![guard(&run)];
        s.transactional = false;
        decision.runs.push(run);
        open = Some(decision.runs.len() - 1);
        out.push(s);
    }
    out
}

/// A step's own statements: those heading every step (`plan::preamble`: the strict `sql_mode`)
/// are the session's, not the change's. (The tool's own session copies the rows: README's
/// Online schema change.)
fn own(step: &Step) -> impl Iterator<Item = String> + '_ {
    step.statements.iter().filter(|s| s.as_str() != crate::target::MYSQL_STRICT).cloned()
}

fn references(t: &crate::model::Table, table: &QName) -> bool {
    t.foreign_keys().any(|c| matches!(&c.kind, crate::model::ConstraintKind::ForeignKey { ref_table, .. } if ref_table == table))
}

/// The statement that stands in `up.sql` for a run: comments saying where the change went,
/// then a query of a table that does not exist, named after the script, so the client stops
/// there with `Table '<db>.run osc/01-users.sh first' doesn't exist`.
fn guard(run: &Run) -> String {
    let mut s = format!(
        "-- schemashift: this step runs as {} (online schema change of {}), not here.\n\
         -- Run that script now, a dry run first, then with --execute (README: Online schema change).\n\
         -- It logs the step as done, and deploy.sh continues after it. The change:\n",
        run.script, run.table
    );
    for st in &run.statements {
        // No `;` in the comment: the script would need a DELIMITER around the guard.
        for line in code(st).lines() {
            s.push_str(&format!("--   {}\n", line.replace(';', ",")));
        }
    }
    let marker: String = format!("run {} first", run.script).chars().take(64).collect();
    s.push_str(&format!("SELECT 1 FROM {}", quote::ident(Dialect::Mysql, &marker)));
    s
}

/// A statement without its leading comment lines, trimmed, without `;`.
fn code(statement: &str) -> String {
    let lines: Vec<&str> = statement.lines().skip_while(|l| l.trim_start().starts_with("--") || l.trim().is_empty()).collect();
    lines.join("\n").trim().trim_end_matches(';').trim_end().to_string()
}

fn main_statement(step: &Step) -> String {
    step.statements.iter().map(|s| code(s)).find(|s| !s.to_ascii_uppercase().starts_with("SET ")).unwrap_or_default()
}

/// What the strategy does with a step of a table of `rows` rows (`--table-sizes`), the one home
/// of the decision (the package and the `mysql-online-schema-change-tool` rule ask it): `None`
/// when the step is not an ALTER of a big enough existing table; `Ok` with the table and the
/// `--alter` clauses when the tool runs it; `Err` with the table and why it stays in the script.
#[allow(clippy::type_complexity)]
pub fn decide(
    step: &Step,
    from: &Schema,
    to: &Schema,
    osc: Osc,
    rows: Option<u64>,
) -> Option<Result<(QName, Vec<String>), (QName, String)>> {
    let (table, clauses) = candidate(step, from, osc, rows)?;
    if let Some(why) = loses_under_ignore(step) {
        return Some(Err((table, why)));
    }
    Some(match eligible(&table, &clauses, from, to, osc.tool) {
        Ok(()) => Ok((table, clauses)),
        Err(why) => Err((table, why)),
    })
}

/// Both tools copy the rows with `INSERT IGNORE`, which turns an error into a warning whatever
/// the `sql_mode`: a value that does not fit a narrowed type is truncated or clamped, a NULL
/// going into a new NOT NULL column becomes 0 or ''. Such a step stays in the script, whose
/// strict `sql_mode` (`plan::preamble`) makes it fail with the rows intact.
fn loses_under_ignore(step: &Step) -> Option<String> {
    let Change::AlterColumn { from, to, .. } = &step.change else { return None };
    let why = if crate::model::type_change::is_narrowing(Dialect::Mysql, &from.data_type, &to.data_type) {
        "it narrows a column type"
    } else if from.nullable && !to.nullable {
        "it makes a column NOT NULL"
    } else {
        return None;
    };
    Some(format!(
        "{why}: the tools copy rows with INSERT IGNORE, which truncates, clamps or zeroes a value that does not fit instead of failing, \
         whatever the sql_mode; it runs in the script, whose strict sql_mode makes it fail with the rows intact"
    ))
}

/// The table and the `--alter` clauses of a step the tool could run: every statement is a
/// session `SET`, an `ALTER TABLE`, `CREATE INDEX` or `DROP INDEX` of one table that exists in
/// `from` and is big enough.
fn candidate(step: &Step, from: &Schema, osc: Osc, rows: Option<u64>) -> Option<(QName, Vec<String>)> {
    let table = step.change.table()?.clone();
    from.tables.get(&table)?;
    if let Some(min) = osc.min_rows {
        if rows? < min {
            return None;
        }
    }
    let mut clauses = Vec::new();
    for st in &step.statements {
        let c = code(st);
        if c.is_empty() || c.to_ascii_uppercase().starts_with("SET ") {
            continue;
        }
        clauses.push(clause(&c, &table)?);
    }
    (!clauses.is_empty()).then_some((table, clauses))
}

/// The `--alter` clause of one statement on `table`.
fn clause(statement: &str, table: &QName) -> Option<String> {
    let q = quote::qname(Dialect::Mysql, table);
    let upper = statement.to_ascii_uppercase();
    let body = if let Some(rest) = strip_prefix_ci(statement, &format!("ALTER TABLE {q} ")) {
        rest.to_string()
    } else if upper.starts_with("CREATE ") && upper.contains(" INDEX ") {
        let on = format!(" ON {q} ");
        let at = upper.find(&on.to_ascii_uppercase())?;
        let head = crate::text::upto(statement, at).trim();
        let name = strip_prefix_ci(head, "CREATE ")?.trim();
        format!("ADD {name} {}", crate::text::from(statement, at + on.len()).trim())
    } else if upper.starts_with("DROP INDEX ") {
        let rest = crate::text::from(statement, "DROP INDEX ".len());
        let name = rest.strip_suffix(&format!(" ON {q}"))?;
        format!("DROP INDEX {}", name.trim())
    } else {
        return None;
    };
    Some(without_algorithm(&body))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| crate::text::from(s, prefix.len()))
}

/// The clause without `ALGORITHM=`/`LOCK=` (the tool copies the table its own way).
fn without_algorithm(body: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in body.split(',') {
        let words: Vec<&str> = part
            .split_whitespace()
            .filter(|w| {
                let u = w.to_ascii_uppercase();
                !(u.starts_with("ALGORITHM=") || u.starts_with("LOCK="))
            })
            .collect();
        if words.is_empty() {
            continue;
        }
        // Keep the original spacing of a part that had no such word.
        if words.len() == part.split_whitespace().count() {
            parts.push(part.to_string());
        } else {
            parts.push(format!(" {}", words.join(" ")));
        }
    }
    parts.join(",").trim().to_string()
}

/// Whether the tool may run these clauses on `table`; `Err` says why not.
fn eligible(table: &QName, clauses: &[String], from: &Schema, to: &Schema, tool: OscTool) -> Result<(), String> {
    let upper = clauses.join(", ").to_ascii_uppercase();
    if upper.contains("PRIMARY KEY") || upper.contains("UNIQUE") {
        return Err("it adds or drops a PRIMARY KEY or UNIQUE key: the tools copy rows with INSERT IGNORE (duplicates would be dropped silently) and need a key shared by both sides".into());
    }
    if upper.contains("RENAME") {
        return Err("a rename is a metadata change the tools cannot follow (gh-ost needs --approve-renamed-columns, pt-osc's CHANGE COLUMN rename drops the data of a mistyped name)".into());
    }
    let copy_key = |s: &Schema| s.tables.get(table).is_some_and(crate::risk::support::mysql::has_copy_key);
    if !copy_key(from) || to.tables.get(table).is_some_and(|t| !crate::risk::support::mysql::has_copy_key(t)) {
        return Err("the table has no PRIMARY KEY or UNIQUE key over NOT NULL columns on both sides, which both tools copy rows by".into());
    }
    if tool == OscTool::GhOst {
        for s in [from, to] {
            if s.triggers.keys().any(|(t, _)| t == table) {
                return Err("gh-ost does not support tables with triggers".into());
            }
            let own = s.tables.get(table).is_some_and(|t| t.foreign_keys().next().is_some());
            if own || s.tables.values().any(|t| t.name != *table && references(t, table)) {
                return Err("gh-ost does not support foreign keys on the table (its own or referencing it)".into());
            }
        }
    }
    Ok(())
}

/// The tool's live pre-checks, for the end of `precheck.sql` (empty when it runs nothing).
pub fn precheck(m: &Migration, osc: Osc, decision: &Decision) -> String {
    if m.target.dialect != Dialect::Mysql {
        return String::new();
    }
    checks::precheck(osc.tool, &decision.runs)
}

/// Add the scripts and the runbook (to `README.md`); the live pre-checks are `precheck`'s.
pub fn add(pkg: &mut Package, m: &Migration, osc: Osc, decision: &Decision, meta: &Meta) {
    if m.target.dialect != Dialect::Mysql {
        return;
    }
    let id = super::step_log::migration_id(meta);
    for run in &decision.runs {
        pkg.add(run.script.clone(), script::script(m, osc, run, &id));
    }
    let mut readme = pkg.text("README.md").unwrap_or_default().to_string();
    readme.push_str(&runbook::section(osc, decision));
    pkg.add("README.md", readme);
}

#[cfg(test)]
mod tests;
