//! Duration and lock-time estimates per step (issue 15): from the row counts (and, when given,
//! the sizes in bytes) of `--table-sizes`, each step's operation class (`class.rs`) is priced
//! by the model (`model.rs`, the one home of the constants, calibrated by
//! `tests/src/calibrate.rs`): how long it runs, its strongest lock and how long it is held,
//! the bytes it writes, with a range ("~4 min (2 min–8 min)"). `timeline.rs` draws the plan;
//! `calibrate.rs` writes the package's `calibrate.sql`, whose factor `--speed-factor` takes.

pub mod calibrate;
pub mod class;
pub mod model;
pub mod report;
#[cfg(test)]
mod tests;
pub mod timeline;

pub use class::OpClass;
pub use model::Blocks;

use crate::diff::Renames;
use crate::model::{QName, Schema};
use crate::plan::Step;
use crate::profile::RunSettings;
use crate::{Dialect, Options};
use serde::Serialize;
use std::collections::BTreeMap;

/// A table's size in bytes (`--table-sizes` columns after the row count).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TableBytes {
    /// Table and indexes (`pg_total_relation_size`, `data_length + index_length`).
    pub total: u64,
    /// Indexes alone, when given.
    pub indexes: Option<u64>,
}

/// The estimate of one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Estimate {
    /// The costliest piece of work of the step.
    pub class: OpClass,
    /// The table whose rows it handles, and their count when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    /// Milliseconds: most likely, low and high end; `None` when a row count is missing.
    pub ms: Option<u64>,
    pub low_ms: Option<u64>,
    pub high_ms: Option<u64>,
    /// The strongest lock, what it blocks and how long it is held (ms; `None`: unknown).
    pub lock: &'static str,
    pub blocks: Blocks,
    pub lock_ms: Option<u64>,
    /// Bytes written: rewritten rows, index entries, WAL / redo (`None`: unknown).
    pub bytes_written: Option<u64>,
    /// One line: "~4 min (2 min–8 min), blocks writes for all of it".
    pub text: String,
}

/// What the estimates read besides the steps.
pub struct Inputs<'a> {
    pub dialect: Dialect,
    /// The schema the steps start from (BEFORE for up, AFTER for down).
    pub from: &'a Schema,
    /// The renames of this direction (a table's size is given under its name before up).
    pub renames: &'a Renames,
    pub rows: &'a BTreeMap<String, u64>,
    pub bytes: &'a BTreeMap<String, TableBytes>,
    pub run: RunSettings,
    /// `--speed-factor` in thousandths (1000: the calibration machine's speed).
    pub speed_permille: u64,
}

impl<'a> Inputs<'a> {
    pub fn new(options: &'a Options, from: &'a Schema, renames: &'a Renames) -> Self {
        Inputs {
            dialect: options.target.dialect,
            from,
            renames,
            rows: &options.table_sizes,
            bytes: &options.table_bytes,
            run: options.env.as_ref().map(|p| p.run).unwrap_or_default(),
            speed_permille: options.speed_permille,
        }
    }
}

/// Set `Step::estimate` on every step.
pub fn apply(steps: &mut [Step], inputs: &Inputs<'_>) {
    for step in steps.iter_mut() {
        step.estimate = Some(estimate(step, inputs));
    }
}

/// A value looked up by table name as `--table-sizes` gives it: `schema.table`, `table`, then
/// case-insensitively.
pub fn lookup<'m, V>(map: &'m BTreeMap<String, V>, table: &QName) -> Option<&'m V> {
    let qualified = table.to_string();
    if let Some(v) = map.get(&qualified).or_else(|| map.get(&table.name)) {
        return Some(v);
    }
    let (lq, ln) = (qualified.to_lowercase(), table.name.to_lowercase());
    map.iter()
        .find(|(k, _)| {
            let k = k.to_lowercase();
            k == lq || k == ln
        })
        .map(|(_, v)| v)
}

struct Priced {
    class: OpClass,
    table: Option<QName>,
    rows: Option<u64>,
    ms: Option<u64>,
    lock: (&'static str, Blocks, model::Hold),
    lock_ms: Option<u64>,
    bytes: Option<u64>,
    band: u64,
}

fn estimate(step: &Step, inputs: &Inputs<'_>) -> Estimate {
    let old_name = |t: &QName| inputs.renames.table_from(t);
    let works = class::classify(step, inputs.from, inputs.dialect, &old_name);
    let priced: Vec<Priced> = works.iter().map(|w| price(w, inputs)).collect();
    let ms = priced.iter().try_fold(0u64, |acc, p| p.ms.map(|m| acc + m));
    let costliest = priced
        .iter()
        .max_by_key(|p| (p.class.scales(), p.ms.unwrap_or(u64::MAX), std::cmp::Reverse(p.class)))
        .map(|p| (p.class, p.table.clone(), p.rows));
    let strongest = priced.iter().max_by_key(|p| (p.lock.1, p.lock_ms.unwrap_or(u64::MAX)));
    let bytes = priced.iter().try_fold(0u64, |acc, p| p.bytes.map(|b| acc + b));
    let band = priced.iter().map(|p| p.band).max().unwrap_or(2);
    let (class, table, rows) = costliest.unwrap_or((OpClass::MetadataOnly, None, None));
    let (lock, blocks, hold) = strongest.map(|p| p.lock).unwrap_or(("none", Blocks::Nothing, model::Hold::Brief));
    let lock_ms = strongest.and_then(|p| p.lock_ms);
    let (low_ms, high_ms) = match ms {
        Some(m) => (Some(m / band), Some(m * band)),
        None => (None, None),
    };
    let text = describe(class, ms, low_ms, high_ms, blocks, hold, lock_ms);
    Estimate { class, table: table.map(|t| t.to_string()), rows, ms, low_ms, high_ms, lock, blocks, lock_ms, bytes_written: bytes, text }
}

fn price(w: &class::Work, inputs: &Inputs<'_>) -> Priced {
    let d = inputs.dialect;
    let lock = model::lock(d, w.class, w.online);
    let rows = w.table.as_ref().and_then(|t| lookup(inputs.rows, t).copied());
    let bytes = w.table.as_ref().and_then(|t| lookup(inputs.bytes, t).copied());
    let Some(cost) = model::cost(d, w.class) else {
        return Priced { class: w.class, table: w.table.clone(), rows, ms: None, lock, lock_ms: None, bytes: None, band: 3 };
    };
    let scaled = |ms: u64| ms.saturating_mul(inputs.speed_permille.max(1)) / 1000;
    if !w.class.scales() {
        let ms = scaled(cost.base_ms);
        return Priced { class: w.class, table: w.table.clone(), rows, ms: Some(ms), lock, lock_ms: Some(ms), bytes: Some(0), band: 3 };
    }
    let Some(n) = rows else {
        return Priced { class: w.class, table: w.table.clone(), rows, ms: None, lock, lock_ms: None, bytes: None, band: 3 };
    };
    let reference = model::ref_row_bytes(d);
    // Bytes per row in thousandths of the calibration table's, when the size is known.
    let width = match bytes {
        Some(b) if n > 0 && b.total > 0 => ((b.total.saturating_mul(1000) / n) / reference).clamp(100, 50_000),
        _ => 1000,
    };
    let width = match cost.width {
        model::Width::Linear => width,
        model::Width::Sqrt => isqrt(width * 1000),
    };
    let mut ms = cost.base_ms + n.saturating_mul(cost.ns_per_row).saturating_mul(width) / 1_000_000_000;
    let mut per_batch = None;
    if w.class == OpClass::BatchedBackfill {
        let batch = inputs.run.batch_size.max(1);
        let batches = n.div_ceil(batch);
        per_batch = Some(batch.saturating_mul(cost.ns_per_row).saturating_mul(width) / 1_000_000_000);
        ms += batches.saturating_mul(inputs.run.batch_pause_ms);
    }
    let ms = scaled(ms);
    let lock_ms = match lock.2 {
        model::Hold::Whole => ms,
        model::Hold::Brief => scaled(cost.base_ms),
        model::Hold::PerBatch => scaled(per_batch.unwrap_or(0)).max(1),
    };
    let table_bytes = match bytes {
        Some(b) if b.total > 0 => b.total,
        _ => n.saturating_mul(reference),
    };
    let written = table_bytes.saturating_mul(cost.writes_per_byte) / 1000;
    let band = if bytes.is_some() { 2 } else { 3 };
    Priced { class: w.class, table: w.table.clone(), rows, ms: Some(ms), lock, lock_ms: Some(lock_ms), bytes: Some(written), band }
}

fn isqrt(n: u64) -> u64 {
    let mut x = (n as f64).sqrt() as u64;
    while x * x > n {
        x -= 1;
    }
    while (x + 1) * (x + 1) <= n {
        x += 1;
    }
    x
}

/// A duration as people say it: `40 ms`, `12 s`, `4 min`, `2.5 h`.
pub fn duration(ms: u64) -> String {
    match ms {
        0..=999 => format!("{ms} ms"),
        1000..=59_999 => format!("{} s", round_2(ms, 1000)),
        60_000..=5_399_999 => format!("{} min", round_2(ms, 60_000)),
        _ => format!("{} h", round_2(ms, 3_600_000)),
    }
}

/// `ms / unit` with at most one decimal below 10, whole above.
fn round_2(ms: u64, unit: u64) -> String {
    let tenths = (ms * 10 + unit / 2) / unit;
    if tenths < 100 && !tenths.is_multiple_of(10) {
        format!("{}.{}", tenths / 10, tenths % 10)
    } else {
        ((tenths + 5) / 10).to_string()
    }
}

fn describe(
    class: OpClass,
    ms: Option<u64>,
    low: Option<u64>,
    high: Option<u64>,
    blocks: Blocks,
    hold: model::Hold,
    lock_ms: Option<u64>,
) -> String {
    let Some(ms) = ms else {
        return if class == OpClass::DataStep {
            "not estimated: a data step of your own; time it on a copy".to_string()
        } else {
            format!("unknown: {} over a table of unknown size (pass --table-sizes)", class.name().replace('_', " "))
        };
    };
    let range = match (low, high) {
        (Some(l), Some(h)) if class.scales() => {
            format!("~{} ({}–{})", duration(ms), duration(l), duration(h))
        }
        _ => format!("~{}", duration(ms)),
    };
    let held = match (blocks, hold, lock_ms) {
        (Blocks::Nothing, _, _) => "blocks nothing but DDL".to_string(),
        (_, model::Hold::Brief, _) => format!("{} for a moment", blocks.label()),
        (_, model::Hold::PerBatch, Some(l)) => format!("{} of one batch at a time (~{})", blocks.label(), duration(l)),
        (_, _, Some(l)) => format!("{} for ~{}", blocks.label(), duration(l)),
        (_, _, None) => blocks.label().to_string(),
    };
    format!("{range}, {held}")
}
