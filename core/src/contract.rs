//! The JSON result contract (`schemashift diff --json`, and the JavaScript API).
//!
//! Version 1. Fields are only ever added, never renamed or removed:
//!
//! ```text
//! {
//!   "schema_version": 1,
//!   "dialect": "postgres" | "mysql" | "sqlite",
//!   "target_version": "15.0", "flavor": "postgres|cockroachdb|yugabytedb|mysql|mariadb|tidb|vitess|sqlite|libsql|d1",
//!   "up": "<SQL script>", "down": "<SQL script>",
//!   "steps": [ { "index": 0, "sql": "...", "phase": "expand|main|contract",
//!                "transactional": true, "operation": "add_column", "table": "public.t",
//!                "risks": [ <risk>... ],
//!                "estimate": { "class": "index_build", "table": "public.t", "rows": 1000000,
//!                              "ms": 1000, "low_ms": 500, "high_ms": 2000, "lock": "SHARE",
//!                              "blocks": "nothing|writes|reads_and_writes", "lock_ms": 1000,
//!                              "bytes_written": 30000000, "text": "~1 s (500 ms–2 s), ..." } } ],
//!                (ms, low_ms, high_ms, lock_ms, bytes_written: null when a row count is missing)
//!   "down_steps": [ same shape as steps; the risks of the down migration's own steps ],
//!   "phases": [ { "name": "expand|main|contract", "waits_for": "one sentence: which deploy" } ],
//!   "risks": [ { "rule": "...", "severity": "critical|high|medium|low|info", "message": "...",
//!                "step": 0, "lock": "...", "rewrites": false, "scans": false,
//!                "data_loss": false, "breaks_app": false, "safe_alternative": "SQL" } ],
//!   "down_risks": [ same shape as risks: the notes of down_steps, "step" indexing down_steps ],
//!   "diagnostics": [ { "side": "before|after|options", "severity": "error|warning|info",
//!                      "line": 1, "column": 1, "message": "...", "statement": "...",
//!                      "ignored": false, "objects": [ { "kind": "table", "name": { "schema":
//!                      "public", "name": "t" }, "table": { ... } } ] } ],
//!   "blocked": false, "blocked_reasons": [ { "kind": "input_error|option_error|data_move|rename_pending|not_planned",
//!                     "side": "before|after|options", "line": 1, "column": 1, "message": "...",
//!                     "objects": ["public.t"] } ],
//!   "rename_suggestions": [ { "kind": "column", "table": "public.t", "from": "a", "to": "b",
//!                             "hint": "..." } ],
//!   "data_move_proposals": [ { "kind": "split|merge|copy", "from": "public.addresses",
//!                              "to": "public.billing_addresses", "columns": ["id", "street"],
//!                              "inferred": true, "status": "pending|accepted|declined",
//!                              "filter": "kind = 'billing'", "needs_filter": "why",
//!                              "blocked": "why it blocks", "down": "what down cannot give back",
//!                              "hint": "-- schemashift:copy-from ...", "option": "--copy '...'",
//!                              "decline_hint": "-- schemashift:no-copy",
//!                              "decline_option": "--no-copy ..." } ]
//! }
//! ```

use crate::diff::RenameSuggestion;
use crate::plan::preserve::proposals::DataMoveProposal;
use crate::plan::Step;
use crate::risk::{Risk, RiskSeverity};
use crate::{Blocker, Migration, SourcedDiagnostic};
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct ResultV1<'a> {
    pub schema_version: u32,
    pub dialect: &'static str,
    pub target_version: String,
    /// The engine: `flavor` (`--flavor`: `postgres`, `cockroachdb`, `mariadb`, `tidb`...), and
    /// version 1's `mariadb` key, said from it.
    #[serde(flatten)]
    pub engine: EngineV1,
    pub zero_downtime: bool,
    pub up: String,
    pub down: String,
    pub steps: Vec<StepV1>,
    pub down_steps: Vec<StepV1>,
    /// The phases of up, in order, each with the deploy it waits for (one entry without
    /// `--zero-downtime`).
    pub phases: Vec<PhaseV1>,
    pub risks: Vec<RiskV1>,
    /// The notes of the down migration's steps (down is judged like up).
    pub down_risks: Vec<RiskV1>,
    pub diagnostics: &'a [SourcedDiagnostic],
    pub rename_suggestions: &'a [RenameSuggestion],
    /// Data moves offered or named, with their status (see `plan::preserve::proposals`).
    pub data_move_proposals: &'a [DataMoveProposal],
    /// True when the result must not be run as it stands; `blocked_reasons` says why.
    pub blocked: bool,
    pub blocked_reasons: &'a [Blocker],
}

/// The engine of a result, written as `"flavor": "mariadb", "mariadb": true`: version 1 readers
/// have the `mariadb` key, said from the flavor (no flag of its own to disagree with it).
pub struct EngineV1(pub crate::Flavor);

impl Serialize for EngineV1 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("flavor", &self.0)?;
        map.serialize_entry("mariadb", &(self.0 == crate::Flavor::Mariadb))?;
        map.end()
    }
}

#[derive(Serialize)]
pub struct PhaseV1 {
    pub name: &'static str,
    pub waits_for: &'static str,
}

fn phases_v1(steps: &[Step]) -> Vec<PhaseV1> {
    let mut seen: Vec<crate::plan::Phase> = steps.iter().map(|s| s.phase).collect();
    seen.dedup();
    seen.into_iter().map(|p| PhaseV1 { name: p.name(), waits_for: p.waits_for() }).collect()
}

#[derive(Serialize)]
pub struct StepV1 {
    pub index: usize,
    pub sql: String,
    pub phase: &'static str,
    pub transactional: bool,
    pub operation: String,
    pub table: Option<String>,
    pub risks: Vec<RiskV1>,
    /// Duration, lock and bytes written (`estimate::Estimate`).
    pub estimate: Option<crate::estimate::Estimate>,
}

#[derive(Serialize, Deserialize, Clone)]
pub struct RiskV1 {
    pub rule: String,
    pub severity: RiskSeverity,
    pub message: String,
    pub step: usize,
    pub lock: Option<String>,
    pub rewrites: bool,
    pub scans: bool,
    pub data_loss: bool,
    pub breaks_app: bool,
    pub safe_alternative: String,
}

fn risk_v1(r: &Risk, step: usize) -> RiskV1 {
    RiskV1 {
        rule: r.rule.clone(),
        severity: r.severity,
        message: r.message.clone(),
        step,
        lock: r.lock.clone(),
        rewrites: r.rewrites,
        scans: r.scans,
        data_loss: r.data_loss,
        breaks_app: r.breaks_app,
        safe_alternative: r
            .safe_alternative
            .iter()
            .map(|s| format!("{};", s.trim_end().trim_end_matches(';')))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn steps_v1(steps: &[Step]) -> Vec<StepV1> {
    steps
        .iter()
        .enumerate()
        .map(|(index, s)| StepV1 {
            index,
            sql: s.sql(),
            phase: s.phase.name(),
            transactional: s.transactional,
            operation: s.change.op(),
            table: s.change.table().map(|t| t.to_string()),
            risks: s.risks.iter().map(|r| risk_v1(r, index)).collect(),
            estimate: s.estimate.clone(),
        })
        .collect()
}

impl<'a> ResultV1<'a> {
    pub fn new(m: &'a Migration) -> Self {
        let steps = steps_v1(&m.up);
        let risks = steps.iter().flat_map(|s| s.risks.iter().cloned()).collect();
        let down_steps = steps_v1(&m.down);
        let down_risks = down_steps.iter().flat_map(|s| s.risks.iter().cloned()).collect();
        ResultV1 {
            schema_version: SCHEMA_VERSION,
            dialect: m.target.dialect.name(),
            target_version: format!("{}.{}", m.target.version.0, m.target.version.1),
            engine: EngineV1(m.target.flavor),
            zero_downtime: m.zero_downtime,
            up: m.up_sql(),
            down: m.down_sql(),
            steps,
            down_steps,
            phases: phases_v1(&m.up),
            risks,
            down_risks,
            diagnostics: &m.diagnostics,
            rename_suggestions: &m.suggestions,
            data_move_proposals: &m.data_move_proposals,
            blocked: m.is_blocked(),
            blocked_reasons: &m.blocked,
        }
    }
}

/// The migration as the v1 JSON document (pretty-printed, deterministic).
pub fn to_json(m: &Migration) -> String {
    serde_json::to_string_pretty(&ResultV1::new(m))
        .unwrap_or_else(|e| format!("{{\"schema_version\":{SCHEMA_VERSION},\"error\":{:?}}}", e.to_string()))
}
