//! The whole pipeline in one call: what the CLI, the web playground and the JS API run.

use crate::diff::{self, RenameSuggestion, Renames};
use crate::model::Schema;
use crate::plan::{self, Step};
use crate::risk::{self, Direction, RiskContext};
use crate::{blocked, parse, render, unchanged, BlockKind, Blocker, Diagnostic, Dialect, Target};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything the user can choose besides the two schemas.
#[derive(Clone, Debug)]
pub struct Options {
    pub target: Target,
    /// Rewrite the plan into its zero-downtime form (concurrent indexes, NOT VALID, phases).
    pub zero_downtime: bool,
    /// Copy data that a destructive step removes into a backup table, restored by down.
    pub preserve_data: bool,
    /// Explicit renames: `table.old=new` (column) or `old=new` (table), as `--rename` takes them.
    pub renames: Vec<String>,
    /// Rename suggestions answered "not a rename": their `option` values (`table.old=new` or
    /// `old=new`, as `--not-rename` takes them). The drop and add stay; the suggestion is not
    /// offered again.
    pub not_renames: Vec<String>,
    /// Row counts by table (`schema.table` or `table`), for size-aware risk notes.
    pub table_sizes: BTreeMap<String, u64>,
    /// Sizes in bytes by table (`--table-sizes` columns after the row count), for estimates.
    pub table_bytes: BTreeMap<String, crate::estimate::TableBytes>,
    /// `--speed-factor` in thousandths: how much slower (above 1000) or faster than the
    /// calibration machine the user's server is (`calibrate.sql` measures it). 1000 by default.
    pub speed_permille: u64,
    /// Accepted data moves: `dest=source [where condition]`, as `--copy` takes them (the same as
    /// `-- schemashift:copy-from source [where condition]` before `CREATE TABLE dest`).
    pub copies: Vec<String>,
    /// Declined data moves: the destination table, as `--no-copy` takes it.
    pub no_copies: Vec<String>,
    /// Diff object owners (`ALTER ... OWNER TO`, `--owners`); by default they are ignored
    /// (environments name their roles differently), with one diagnostic.
    pub owners: bool,
    /// The environment (`--env`, `--env-file`; `profile.rs`): its timeouts and backfill batches
    /// go into the zero-downtime form, its advice into the runbook. `None`: the defaults.
    pub env: Option<crate::profile::Profile>,
    /// Record each step of the package's scripts in `schemashift_migration_log` (on by
    /// default; `--no-step-log` turns it off). See `package/step_log.rs`.
    pub step_log: bool,
    /// `--osc gh-ost|pt-osc`: large MySQL/MariaDB tables change with an online schema change
    /// tool from the package's `osc/` scripts (`package/osc/`). `None`: in the SQL scripts.
    pub osc: Option<crate::package::osc::Osc>,
    /// Option values that did not read (`Options::set_target_version`, `set_table_sizes`):
    /// options errors, so the result is blocked.
    pub problems: Vec<Diagnostic>,
}

impl Options {
    pub fn new(dialect: Dialect) -> Self {
        Options {
            target: Target::default_for(dialect),
            zero_downtime: false,
            preserve_data: false,
            renames: Vec::new(),
            not_renames: Vec::new(),
            table_sizes: BTreeMap::new(),
            table_bytes: BTreeMap::new(),
            speed_permille: 1000,
            copies: Vec::new(),
            no_copies: Vec::new(),
            owners: false,
            env: None,
            step_log: true,
            osc: None,
            problems: Vec::new(),
        }
    }
}

/// Which input a diagnostic is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Before,
    After,
    /// The options (e.g. a malformed `--rename`).
    Options,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcedDiagnostic {
    pub side: Side,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

/// The generated migration, both ways, with its notes.
#[derive(Clone, Debug)]
pub struct Migration {
    pub target: Target,
    pub zero_downtime: bool,
    /// The two schemas as parsed (shared with the `Session` that parsed them: an edit copies
    /// neither; `Arc::make_mut` for a changed copy). Owners stay in them without `--owners`;
    /// nothing but the diff reads them, and it skips them then.
    pub before: Arc<Schema>,
    pub after: Arc<Schema>,
    /// Steps that turn BEFORE into AFTER, in execution order.
    pub up: Vec<Step>,
    /// Steps that turn AFTER back into BEFORE, in execution order.
    pub down: Vec<Step>,
    pub diagnostics: Vec<SourcedDiagnostic>,
    /// `--preserve-data`: the backups up makes and down restores (empty without the option).
    pub preserved: Vec<plan::Preserved>,
    /// Data the up migration moves between tables: the accepted moves (see `proposals.rs`).
    pub data_moves: Vec<diff::DataMove>,
    /// Every data move offered or named, with its status (pending / accepted / declined).
    pub data_move_proposals: Vec<plan::preserve::proposals::DataMoveProposal>,
    /// Likely renames that were not applied (a dropped and an added object of the same shape).
    pub suggestions: Vec<RenameSuggestion>,
    /// The renames up applies (hints and `--rename` alike, and the implicit names that follow
    /// them): the one rename table diff, plan, risk, package and web read. Down uses `reversed()`.
    pub renames: Renames,
    /// Why this result must not be run as it stands (empty: safe to run). See `blocked.rs`.
    pub blocked: Vec<Blocker>,
    /// The environment it was generated for (`Options::env`): the package's runbook says so.
    pub env: Option<crate::profile::Profile>,
    /// `Options::speed_permille`: the factor the estimates were multiplied by.
    pub speed_permille: u64,
    /// The package's scripts log each step (`Options::step_log`).
    pub step_log: bool,
    /// `Options::osc`: the package runs large tables' changes with this tool.
    pub osc: Option<crate::package::osc::Osc>,
}

impl Migration {
    /// The up migration as one SQL script.
    pub fn up_sql(&self) -> String {
        render::script(&self.up, &self.target, "up")
    }

    /// The down migration as one SQL script.
    pub fn down_sql(&self) -> String {
        render::script(&self.down, &self.target, "down")
    }

    /// True when the result must not be run as it stands (`blocked` says why).
    pub fn is_blocked(&self) -> bool {
        !self.blocked.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.diagnostic.is_error())
    }
}

/// Warnings about options: SQLite's lack of online DDL under --zero-downtime.
fn unimplemented_options(options: &Options) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(osc) = options.osc.filter(|_| !options.target.online_schema_change_tools()) {
        out.push(Diagnostic::error(
            1,
            1,
            format!(
                "--osc {}: {} runs on MySQL and MariaDB, not on {} (which changes tables online its own way, or is not MySQL)",
                osc.tool.name(),
                osc.tool.command(),
                options.target.label()
            ),
        ));
    }
    if options.zero_downtime && options.target.dialect == Dialect::Sqlite {
        out.push(Diagnostic::warning(
            1,
            1,
            "--zero-downtime: SQLite has no online DDL (every change holds the database write lock until commit), so this is the plain migration; run it when writers are idle (in WAL mode readers continue)",
        ));
    }
    out
}

/// AFTER's data statements (a history's backfill `UPDATE`, seed `INSERT`s) are not run by the
/// migration, which only diffs schemas: once, as a warning, when BEFORE has tables (a real
/// migration, not a first one), with the way to run one (a data step).
/// A copy between tables (`INSERT ... SELECT`) counts while the table it fills is still there
/// under its name; renamed away (over the source), it was a table rebuild, which the migration
/// makes as the renames it implies.
fn data_not_run<'d>(
    before: &Schema,
    after_schema: &Schema,
    after: impl Iterator<Item = &'d Diagnostic>,
    run_lines: &[usize],
) -> Option<SourcedDiagnostic> {
    let filled = |d: &Diagnostic| parse::copied_into(&d.message).is_some_and(|t| after_schema.tables.keys().any(|q| q.to_string() == t));
    let data: Vec<&Diagnostic> =
        after.filter(|d| d.ignored && (d.message.ends_with(parse::DATA_IGNORED) || filled(d)) && !run_lines.contains(&d.line)).collect();
    let first = data.first().filter(|_| !before.tables.is_empty())?;
    let what = first.message.split(" ignored").next().unwrap_or("");
    let msg = format!(
        "{} data statement(s) of AFTER (the first: {what} at line {}) are not run by the migration: it changes the schema only, so rows a history's statements update, insert or delete stay as they are. To run one with the migration, write it as a data step: /* schemashift:data-step up: UPDATE ...; down: ...; */",
        data.len(),
        first.line
    );
    Some(SourcedDiagnostic { side: Side::After, diagnostic: Diagnostic::warning(first.line, first.column, msg) })
}

/// Without `--owners`: owners are not diffed (the diff skips them); one diagnostic says so
/// when an input sets any.
fn owners_not_diffed(before: &Schema, after: &Schema) -> Option<SourcedDiagnostic> {
    let count = before.owners.len() + after.owners.len();
    let (side, first) = match (after.owners.values().map(|o| o.line).min(), before.owners.values().map(|o| o.line).min()) {
        (Some(l), _) => (Side::After, l),
        (None, Some(l)) => (Side::Before, l),
        (None, None) => return None,
    };
    let msg = format!(
        "{count} ownership statement(s) (ALTER ... OWNER TO) not diffed: owners differ between environments; use --owners to migrate them"
    );
    Some(SourcedDiagnostic { side, diagnostic: Diagnostic::ignored(first, 1, msg).with_statement("ALTER ... OWNER TO".to_string()) })
}

/// Parse both schemas, diff them both ways, plan, render and assess.
pub fn generate(before: &str, after: &str, options: &Options) -> Migration {
    let (before, after) = (parse::parse_for(options.target, before), parse::parse_for(options.target, after));
    generate_parsed(Parsed::from(before), Parsed::from(after), options)
}

/// One input parsed (with `options.target`), its schema shared: `Session` keeps it between
/// calls, the migration holds it without a copy.
#[derive(Clone, Debug)]
pub(crate) struct Parsed {
    pub schema: Arc<Schema>,
    pub diagnostics: Vec<Diagnostic>,
}

impl From<parse::Parsed> for Parsed {
    fn from(p: parse::Parsed) -> Self {
        Parsed { schema: Arc::new(p.schema), diagnostics: p.diagnostics }
    }
}

/// `generate` from both inputs already parsed.
pub(crate) fn generate_parsed(parsed_before: Parsed, parsed_after: Parsed, options: &Options) -> Migration {
    let mut diagnostics: Vec<SourcedDiagnostic> = Vec::new();
    let sourced = |side, list: Vec<Diagnostic>| list.into_iter().map(move |diagnostic| SourcedDiagnostic { side, diagnostic });
    diagnostics.extend(sourced(Side::Before, parsed_before.diagnostics));
    // (The note on data statements not run goes here, once the renames tell which run.)
    let data_at = diagnostics.len();
    diagnostics.extend(sourced(Side::After, parsed_after.diagnostics));
    let after_end = diagnostics.len();

    // What a statement with an error meant is unknown: its objects stay as they are (a copy of
    // the side with the error, only then).
    let (mut before_schema, mut after_schema) = (parsed_before.schema, parsed_after.schema);
    let notes = unchanged::apply(&mut before_schema, &mut after_schema, &diagnostics);
    diagnostics.extend(notes);
    crate::stages::mark("unchanged");

    let (renames, rename_errors, hint_errors) = Renames::collect_all(&before_schema, &after_schema, &options.renames);
    // A history's UPDATE that fills columns this migration adds runs with it; other data
    // statements are said not to.
    let history_updates = plan::preserve::history_updates::run(&before_schema, &after_schema, &renames);
    let run_lines: Vec<usize> = history_updates.iter().map(|u| u.line).collect();
    let (update_steps, update_notes) = plan::preserve::history_updates::as_data_steps(&history_updates);
    let after_diagnostics = diagnostics[data_at..after_end].iter().map(|d| &d.diagnostic);
    if let Some(d) = data_not_run(&before_schema, &after_schema, after_diagnostics, &run_lines) {
        diagnostics.insert(data_at, d);
    }
    diagnostics.extend(sourced(Side::After, update_notes));
    diagnostics.extend(sourced(Side::Options, options.problems.clone()));
    diagnostics.extend(sourced(Side::Options, rename_errors));
    diagnostics.extend(sourced(Side::After, hint_errors));
    diagnostics.extend(sourced(Side::After, plan::conversions::notes(&before_schema, &after_schema, &renames)));
    diagnostics.extend(sourced(Side::Options, unimplemented_options(options)));
    if !options.owners {
        diagnostics.extend(owners_not_diffed(&before_schema, &after_schema));
    }
    let (before_schema, after_schema) = (before_schema, after_schema);
    crate::stages::mark("renames");
    let (up_diff, down_diff) = diff::diff_both_ways(&before_schema, &after_schema, &options.target, &renames, options.owners);

    crate::stages::mark("diff");
    let mut up = plan::plan(up_diff.changes, &before_schema, &after_schema, options);
    let mut down = plan::plan(down_diff.changes, &after_schema, &before_schema, options);

    // Data moves are proposals (`proposals.rs`): the accepted ones are carried out (down undoes
    // them), the pending ones block. After the backups, so that a restored table gets its
    // backed-up rows before the moved ones.
    crate::stages::mark("plan");
    let moves = plan::preserve::proposals::decide(&before_schema, &after_schema, options, &renames);
    let preserved = if options.preserve_data {
        plan::preserve::apply(&mut up, &mut down, &before_schema, &after_schema, options.target, &renames, &moves.down)
    } else {
        Vec::new()
    };
    plan::preserve::moves::apply_moves(&mut up, &moves.up, &before_schema, &after_schema, options.target);
    plan::preserve::moves::apply_moves(&mut down, &moves.down, &after_schema, &before_schema, options.target);
    let placed = plan::preserve::data_steps::place(&mut up, &mut down, &after_schema.data_steps, &before_schema, &after_schema);
    diagnostics.extend(sourced(Side::After, placed.warnings));
    // (Up only: their note says down does not undo them.)
    let updates_placed = plan::preserve::data_steps::place(&mut up, &mut down, &update_steps, &before_schema, &after_schema);

    crate::stages::mark("moves");
    let down_renames = renames.reversed();
    let ctx = |from, to, renames, direction, data_moves| RiskContext {
        target: options.target,
        before: from,
        after: to,
        table_sizes: &options.table_sizes,
        zero_downtime: options.zero_downtime,
        renames,
        direction,
        preserved: &preserved,
        data_moves,
        proposals: &moves.proposals,
        osc: options.osc,
        referencing_index: Default::default(),
    };
    let up_notes = risk::assess(&up, &ctx(&before_schema, &after_schema, &renames, Direction::Up, &moves.up));
    let down_notes = risk::assess(&down, &ctx(&after_schema, &before_schema, &down_renames, Direction::Down, &moves.down));
    crate::stages::mark("risk");
    risk::attach(&mut up, up_notes);
    risk::attach(&mut down, down_notes);
    crate::stages::mark("attach");
    crate::estimate::apply(&mut up, &crate::estimate::Inputs::new(options, &before_schema, &renames));
    crate::estimate::apply(&mut down, &crate::estimate::Inputs::new(options, &after_schema, &down_renames));
    plan::preamble::start(&mut up, &options.target);
    plan::preamble::start(&mut down, &options.target);

    crate::stages::mark("estimate");
    let mut blocked = blocked::from_diagnostics(&diagnostics);
    blocked.extend(moves.blocked);
    blocked.extend(placed.blocked);
    blocked.extend(updates_placed.blocked);
    blocked.extend(diff::not_planned(&before_schema, &after_schema, &options.target));
    blocked.extend(plan::fk_action_guard::blockers(&up, &before_schema, &after_schema, &options.target, "up"));
    blocked.extend(plan::fk_action_guard::blockers(&down, &after_schema, &before_schema, &options.target, "down"));
    let suggestions: Vec<_> = up_diff.suggestions.into_iter().filter(|s| !options.not_renames.contains(&s.option)).collect();
    // (A pair a pending data move already asks about, with the rename as one answer, is asked once.)
    let mut typos = diff::rename_typo_blockers(options.target.dialect, &suggestions);
    typos.extend(diff::sequence_typo_blockers(options.target.dialect, &after_schema, &suggestions));
    let asked = |b: &Blocker| {
        blocked.iter().any(|m| m.kind == BlockKind::DataMove && m.objects.len() == 2 && b.objects.iter().all(|o| m.objects.contains(o)))
    };
    let typos: Vec<Blocker> = typos.into_iter().filter(|b| !asked(b)).collect();
    blocked.extend(typos);
    crate::stages::mark("blocked");
    Migration {
        target: options.target,
        zero_downtime: options.zero_downtime,
        before: before_schema,
        after: after_schema,
        up,
        down,
        diagnostics,
        preserved,
        data_moves: moves.up,
        data_move_proposals: moves.proposals,
        suggestions,
        renames,
        blocked,
        env: options.env.clone(),
        speed_permille: options.speed_permille,
        step_log: options.step_log,
        osc: options.osc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A suggestion answered "not a rename" is not offered again; the drop and the add stay.
    #[test]
    fn not_renames_silence_their_suggestion_only() {
        let before = "CREATE TABLE t (id int PRIMARY KEY, a text, x int);\nCREATE TABLE old_t (k int);";
        let after = "CREATE TABLE t (id int PRIMARY KEY, b text, y int);\nCREATE TABLE new_t (k int);";
        let mut options = Options::new(Dialect::Postgres);
        let offered: Vec<String> = generate(before, after, &options).suggestions.into_iter().map(|s| s.option).collect();
        assert_eq!(offered, ["public.t.a=b", "public.t.x=y", "public.old_t=public.new_t"]);
        options.not_renames = vec!["public.t.a=b".into(), "public.old_t=public.new_t".into()];
        let m = generate(before, after, &options);
        let left: Vec<&str> = m.suggestions.iter().map(|s| s.option.as_str()).collect();
        assert_eq!(left, ["public.t.x=y"]);
        let up = m.up_sql();
        assert!(up.contains("DROP COLUMN \"a\"") && up.contains("ADD COLUMN \"b\""), "{up}");
        assert!(up.contains("DROP TABLE \"public\".\"old_t\""), "{up}");
    }

    /// A table whose name is a typo of a dropped one (rows fit): the pending data move says the
    /// names are a typo apart and how to answer with a rename; answered so, the rows stay.
    #[test]
    fn a_table_name_typo_offers_the_rename() {
        let before = "CREATE TABLE users (id int PRIMARY KEY, email text);\n";
        let after = "CREATE TABLE usres (id int PRIMARY KEY, email text, age int);\n";
        let mut options = Options::new(Dialect::Sqlite);
        let m = generate(before, after, &options);
        assert!(
            m.blocked.iter().any(|b| b.message.contains("typo apart") && b.message.contains("--rename users=usres")),
            "{:?}",
            m.blocked
        );
        options.renames = vec!["users=usres".into()];
        let m = generate(before, after, &options);
        assert!(!m.is_blocked(), "{:?}", m.blocked);
        assert!(m.up_sql().contains("RENAME TO \"usres\""), "{}", m.up_sql());
    }
}
