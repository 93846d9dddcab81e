//! The one home of the estimate model: per engine and operation class, how long a step runs,
//! which lock it holds for how long, and how many bytes it writes.
//!
//! `duration = base + rows × per_row × width`, where `width` is the table's bytes per row over
//! the calibration table's (`REF_ROW_BYTES`; 1 when the size in bytes is unknown), taken whole for
//! classes that write every row and as its square root for scans and index builds (their cost is
//! partly per row, partly per byte). A backfill adds its pauses between batches. The result is
//! multiplied by the user's `--speed-factor` (`calibrate.sql` measures it).
//!
//! The constants come from the calibration benchmark (per class, the geometric mean of the
//! per-row times of two runs at 1,000,000 rows on a machine shared with other work: runs differ
//! by up to 3x there, hence the ranges) (`cargo test -p schemashift-e2e --test
//! calibrate -- --ignored`, `make calibrate`), whose measured table is
//! `tests/calibration/measured.md` with the machine it ran on.

use super::class::OpClass;
use crate::Dialect;
use serde::Serialize;

/// Bytes per row of the calibration table (`tests/src/calibrate.rs`: `id bigint`, two ints,
/// a 40-character text, a timestamp), heap plus primary key, as each engine stores it.
pub fn ref_row_bytes(d: Dialect) -> u64 {
    match d {
        Dialect::Postgres => 132,
        Dialect::Mysql => 100,
        Dialect::Sqlite => 79,
    }
}

/// How the cost of a class grows with the width of the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// Every byte is written again.
    Linear,
    /// Partly per row, partly per byte (scans, index builds).
    Sqrt,
}

/// The cost of one class on one engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Fixed part, milliseconds.
    pub base_ms: u64,
    /// Nanoseconds per row of the calibration table.
    pub ns_per_row: u64,
    pub width: Width,
    /// Bytes written per byte of the table (rewritten rows, index entries, WAL / redo).
    pub writes_per_byte: Permille,
}

/// A factor in thousandths (integers keep the output the same on every platform).
pub type Permille = u64;

/// The calibrated cost of `class` on `d` (`None`: not priced, a user's data step).
pub fn cost(d: Dialect, class: OpClass) -> Option<Cost> {
    use OpClass::*;
    use Width::*;
    let c = |base_ms, ns_per_row, width, writes_per_byte| Some(Cost { base_ms, ns_per_row, width, writes_per_byte });
    match (d, class) {
        (_, DataStep) => None,
        (Dialect::Mysql, MetadataOnly) | (Dialect::Mysql, Instant) => c(100, 0, Linear, 0),
        (Dialect::Sqlite, MetadataOnly) | (Dialect::Sqlite, Instant) => c(1, 0, Linear, 0),
        (_, MetadataOnly) | (_, Instant) => c(5, 0, Linear, 0),
        (Dialect::Postgres, IndexBuild) => c(5, 1100, Sqrt, 250),
        (Dialect::Postgres, ConcurrentIndexBuild) => c(20, 2200, Sqrt, 250),
        (Dialect::Postgres, TableRewrite) => c(5, 3000, Linear, 2000),
        (Dialect::Postgres, ValidationScan) => c(2, 400, Sqrt, 0),
        (Dialect::Postgres, NotNullScan) => c(2, 250, Sqrt, 0),
        (Dialect::Postgres, FkValidation) => c(5, 500, Sqrt, 0),
        (Dialect::Postgres, BatchedBackfill) => c(10, 15_500, Linear, 2500),
        (Dialect::Postgres, CopyIntoNewTable) => c(5, 1000, Linear, 1000),
        (Dialect::Mysql, IndexBuild) | (Dialect::Mysql, ConcurrentIndexBuild) => c(100, 2400, Sqrt, 300),
        (Dialect::Mysql, InplaceRebuild) | (Dialect::Mysql, TableRewrite) => c(100, 4000, Linear, 2000),
        (Dialect::Mysql, CopyRebuild) => c(100, 8200, Linear, 2000),
        (Dialect::Mysql, ValidationScan) | (Dialect::Mysql, NotNullScan) => c(100, 8200, Linear, 2000),
        (Dialect::Mysql, FkValidation) => c(100, 17_700, Linear, 2000),
        (Dialect::Mysql, BatchedBackfill) => c(100, 15_000, Linear, 2500),
        (Dialect::Mysql, CopyIntoNewTable) => c(100, 6800, Linear, 1000),
        (Dialect::Sqlite, IndexBuild) | (Dialect::Sqlite, ConcurrentIndexBuild) => c(1, 1500, Sqrt, 300),
        (Dialect::Sqlite, SqliteRebuild) | (Dialect::Sqlite, TableRewrite) => c(1, 1600, Linear, 1000),
        (Dialect::Sqlite, ValidationScan) | (Dialect::Sqlite, NotNullScan) | (Dialect::Sqlite, FkValidation) => c(1, 100, Sqrt, 0),
        (Dialect::Sqlite, BatchedBackfill) => c(1, 1600, Linear, 1000),
        (Dialect::Sqlite, CopyIntoNewTable) => c(1, 1300, Linear, 1000),
        // Classes an engine does not have (MySQL's algorithms on PostgreSQL...): priced as a rewrite.
        (Dialect::Postgres, _) => c(5, 2000, Linear, 2000),
        (Dialect::Mysql, _) => c(100, 8200, Linear, 2000),
        (Dialect::Sqlite, _) => c(1, 1600, Linear, 1000),
    }
}

/// What the strongest lock of a step stops while it is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocks {
    /// Reads and writes go on (only other DDL waits).
    Nothing,
    /// Reads go on, writes wait.
    Writes,
    /// Reads and writes wait.
    ReadsAndWrites,
}

impl Blocks {
    pub fn label(self) -> &'static str {
        match self {
            Blocks::Nothing => "blocks nothing but DDL",
            Blocks::Writes => "blocks writes",
            Blocks::ReadsAndWrites => "blocks reads and writes",
        }
    }
}

/// How long the strongest lock is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// The whole step.
    Whole,
    /// A moment (catalog change), whatever the table's size.
    Brief,
    /// One batch at a time (row locks of a backfill).
    PerBatch,
}

/// The strongest lock a class takes on `d`, what it blocks and for how long. `online`: a
/// PostgreSQL `VALIDATE` step (after `NOT VALID`).
pub fn lock(d: Dialect, class: OpClass, online: bool) -> (&'static str, Blocks, Hold) {
    use Blocks::*;
    use OpClass::*;
    match d {
        Dialect::Postgres => match class {
            MetadataOnly | Instant => ("ACCESS EXCLUSIVE", ReadsAndWrites, Hold::Brief),
            IndexBuild => ("SHARE", Writes, Hold::Whole),
            ConcurrentIndexBuild => ("SHARE UPDATE EXCLUSIVE", Nothing, Hold::Whole),
            ValidationScan | FkValidation if online => ("SHARE UPDATE EXCLUSIVE", Nothing, Hold::Whole),
            FkValidation => ("SHARE ROW EXCLUSIVE (both tables)", Writes, Hold::Whole),
            TableRewrite | ValidationScan | NotNullScan | SqliteRebuild | InplaceRebuild | CopyRebuild => {
                ("ACCESS EXCLUSIVE", ReadsAndWrites, Hold::Whole)
            }
            BatchedBackfill => ("ROW EXCLUSIVE (row locks, one batch at a time)", Nothing, Hold::PerBatch),
            CopyIntoNewTable => ("ACCESS SHARE on the source", Nothing, Hold::Whole),
            DataStep => ("as its statements take", Writes, Hold::Whole),
        },
        Dialect::Mysql => match class {
            MetadataOnly | Instant => ("exclusive metadata lock", ReadsAndWrites, Hold::Brief),
            IndexBuild | ConcurrentIndexBuild | InplaceRebuild => {
                ("ALGORITHM=INPLACE, LOCK=NONE (metadata lock at start and end)", Nothing, Hold::Brief)
            }
            CopyRebuild | TableRewrite | ValidationScan | NotNullScan | FkValidation | SqliteRebuild => {
                ("ALGORITHM=COPY, LOCK=SHARED", Writes, Hold::Whole)
            }
            BatchedBackfill => ("row locks, one batch at a time", Nothing, Hold::PerBatch),
            CopyIntoNewTable => ("shared row locks on the source", Writes, Hold::Whole),
            DataStep => ("as its statements take", Writes, Hold::Whole),
        },
        Dialect::Sqlite => match class {
            MetadataOnly | Instant => ("database write lock", Writes, Hold::Brief),
            _ => ("database write lock", Writes, Hold::Whole),
        },
    }
}

/// How long `calibrate.sql`'s sample (`calibrate::SAMPLE_ROWS` rows loaded, indexed, updated)
/// took on the calibration machine, milliseconds: the speed factor's denominator.
pub fn sample_ref_ms(d: Dialect) -> u64 {
    match d {
        Dialect::Postgres => 6000,
        Dialect::Mysql => 6200,
        Dialect::Sqlite => 1200,
    }
}
