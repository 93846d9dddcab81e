//! Risk notes: what a careful DBA wants to know about each step before running it.
//!
//! Each rule lives in its own file under `risk/rules/` (see `rules/mod.rs` for the registry).

#[cfg(test)]
mod direction_tests;
#[cfg(test)]
mod pipeline_tests;
mod rule;
pub mod rules;
pub mod squawk;
pub(crate) mod support;

pub use crate::plan::Direction;
pub use rule::Rule;

use crate::plan::Step;
use crate::Target;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskSeverity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

/// One note on one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Risk {
    /// Kebab-case rule id, e.g. `pg-add-column-volatile-default`; also the rule's doc anchor.
    pub rule: String,
    pub severity: RiskSeverity,
    pub message: String,
    /// The lock the statement takes (`ACCESS EXCLUSIVE`, `ALGORITHM=COPY, LOCK=SHARED`,
    /// `database write lock`), when known.
    pub lock: Option<String>,
    /// The statement rewrites the table (and its indexes).
    pub rewrites: bool,
    /// The statement scans the whole table (under the lock above).
    pub scans: bool,
    pub data_loss: bool,
    /// Breaks the application version that is running now.
    pub breaks_app: bool,
    /// The safe way to do it, as SQL statements (may be empty when there is none).
    pub safe_alternative: Vec<String>,
}

/// What rules may look at besides the step itself.
pub struct RiskContext<'a> {
    pub target: Target,
    pub before: &'a crate::model::Schema,
    pub after: &'a crate::model::Schema,
    /// Row counts by table name (`schema.table` or `table`), from `--table-sizes`.
    pub table_sizes: &'a BTreeMap<String, u64>,
    pub zero_downtime: bool,
    /// The data moves this direction carries out (accepted ones, or their reversal in down).
    pub data_moves: &'a [crate::diff::DataMove],
    /// Every data move offered or named (pending, accepted, declined), for the move rules.
    pub proposals: &'a [crate::plan::preserve::proposals::DataMoveProposal],
    /// The renames in force for this direction (the one rename table: hints and `--rename`).
    pub renames: &'a crate::diff::Renames,
    /// Up (BEFORE → AFTER) or down (AFTER → BEFORE: `before` is then the AFTER schema).
    pub direction: Direction,
    /// `--preserve-data`: what the migration backs up, and whether the other direction restores it.
    pub preserved: &'a [crate::plan::Preserved],
    /// `--osc`: large MySQL/MariaDB tables change with an online schema change tool.
    pub osc: Option<crate::package::osc::Osc>,
    /// `before`'s tables by the tables their foreign keys reference (`referencing`).
    pub referencing_index: std::cell::OnceCell<BTreeMap<crate::model::QName, Vec<crate::model::QName>>>,
}

impl<'a> RiskContext<'a> {
    /// The tables of `before` with a foreign key to `table` (itself included when it references
    /// itself), in name order: made once for all the steps (a rule asking it per dropped table
    /// walked every table for each).
    pub fn referencing(&self, table: &crate::model::QName) -> impl Iterator<Item = &'a crate::model::Table> + '_ {
        let before = self.before;
        let index = self.referencing_index.get_or_init(|| {
            let mut index: BTreeMap<crate::model::QName, Vec<crate::model::QName>> = BTreeMap::new();
            for t in before.tables.values() {
                for fk in t.foreign_keys() {
                    if let crate::model::ConstraintKind::ForeignKey { ref_table, .. } = &fk.kind {
                        let tables = index.entry(ref_table.clone()).or_default();
                        if tables.last() != Some(&t.name) {
                            tables.push(t.name.clone());
                        }
                    }
                }
            }
            index
        });
        index.get(table).into_iter().flatten().filter_map(move |name| before.tables.get(name))
    }
}

/// The risk notes of every step, one list per step in step order; `attach` adds them to the
/// steps (nothing here replaces a note another pass put on a step). A zero-downtime rewrite
/// splits one change into several steps: a note about the change goes once, to the first of
/// them that draws it; a step never carries the same note twice.
pub fn assess(steps: &[Step], ctx: &RiskContext<'_>) -> Vec<Vec<Risk>> {
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    // Dependents the planner drops and creates again (`pg-recreate-dependents` notes them).
    let recreated: BTreeSet<String> = steps
        .iter()
        .filter_map(|s| match &s.change {
            crate::diff::Change::Dependent { recreate: true, node, .. } => Some(node.clone()),
            _ => None,
        })
        .collect();
    let mut out = Vec::with_capacity(steps.len());
    for step in steps {
        let mut risks = rules::check_all(step, ctx);
        // A dependent dropped early and not created again is a drop like any other.
        if let crate::diff::Change::Dependent { recreate: false, node, change, .. } = &step.change {
            if !recreated.contains(node) {
                let mut inner = step.clone();
                inner.change = (**change).clone();
                risks.extend(rules::check_all(&inner, ctx));
            }
        }
        let mut own = BTreeSet::new();
        risks.retain(|r| own.insert((r.rule.clone(), r.message.clone())));
        if step.rewrite.is_some() {
            risks.retain(|r| !seen.contains(&(r.rule.clone(), r.message.clone())));
        }
        seen.extend(own);
        risks.sort_by(|a, b| (a.severity, &a.rule).cmp(&(b.severity, &b.rule)));
        out.push(risks);
    }
    out
}

/// Add each step's notes (from `assess`) to the notes it already has.
pub fn attach(steps: &mut [Step], notes: Vec<Vec<Risk>>) {
    for (step, risks) in steps.iter_mut().zip(notes) {
        step.risks.extend(risks);
    }
}

/// The `--table-sizes` text as row counts, or the first bad line's message (see
/// `schemashift::parse_table_sizes`, which reports every bad line with its number).
pub fn parse_table_sizes(text: &str) -> Result<BTreeMap<String, u64>, String> {
    let read = crate::parse_table_sizes(text);
    match read.diagnostics.first() {
        Some(d) => Err(d.message.clone()),
        None => Ok(read.sizes),
    }
}
