//! Table sizes (`--table-sizes`): looking up a table's row count and scaling severities.

use crate::model::QName;
use crate::risk::{RiskContext, RiskSeverity};

/// The row count given for `table`, looked up as `schema.table`, then `table`, then
/// case-insensitively; a renamed table's count may be given under its old name.
pub fn rows(ctx: &RiskContext<'_>, table: &QName) -> Option<u64> {
    rows_named(ctx, table).or_else(|| {
        let old = ctx.renames.table_from(table);
        (old != *table).then(|| rows_named(ctx, &old)).flatten()
    })
}

fn rows_named(ctx: &RiskContext<'_>, table: &QName) -> Option<u64> {
    let qualified = table.to_string();
    if let Some(n) = ctx.table_sizes.get(&qualified).or_else(|| ctx.table_sizes.get(&table.name)) {
        return Some(*n);
    }
    let lq = qualified.to_lowercase();
    let ln = table.name.to_lowercase();
    ctx.table_sizes
        .iter()
        .find(|(k, _)| {
            let k = k.to_lowercase();
            k == lq || k == ln
        })
        .map(|(_, n)| *n)
}

/// Rank from 0 (info) to 4 (critical).
fn rank(sev: RiskSeverity) -> i32 {
    match sev {
        RiskSeverity::Info => 0,
        RiskSeverity::Low => 1,
        RiskSeverity::Medium => 2,
        RiskSeverity::High => 3,
        RiskSeverity::Critical => 4,
    }
}

fn from_rank(r: i32) -> RiskSeverity {
    match r.clamp(0, 4) {
        0 => RiskSeverity::Info,
        1 => RiskSeverity::Low,
        2 => RiskSeverity::Medium,
        3 => RiskSeverity::High,
        _ => RiskSeverity::Critical,
    }
}

/// Severity of an operation whose cost grows with the table, given the severity it has on a
/// large table: empty → info; under 10k rows → two levels lower (not below low); under 1M →
/// one lower; 50M and more → one higher. Unknown size keeps the large-table severity.
pub fn scale(base: RiskSeverity, rows: Option<u64>) -> RiskSeverity {
    let b = rank(base);
    match rows {
        None => base,
        Some(0) => RiskSeverity::Info,
        Some(n) if n < 10_000 => from_rank((b - 2).max(b.min(1))),
        Some(n) if n < 1_000_000 => from_rank((b - 1).max(b.min(1))),
        Some(n) if n >= 50_000_000 => from_rank(b + 1),
        Some(_) => base,
    }
}

/// The size sentence appended to messages.
pub fn describe(rows: Option<u64>) -> String {
    match rows {
        None => "Row count unknown: assumed a large, busy table (pass --table-sizes to refine).".to_string(),
        Some(0) => "The table is empty, so this is quick.".to_string(),
        Some(n) => format!("Table size given: {} rows.", group(n)),
    }
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use RiskSeverity::*;

    #[test]
    fn scales_with_rows() {
        assert_eq!(scale(High, None), High);
        assert_eq!(scale(High, Some(0)), Info);
        assert_eq!(scale(High, Some(500)), Low);
        assert_eq!(scale(Low, Some(500)), Low);
        assert_eq!(scale(High, Some(200_000)), Medium);
        assert_eq!(scale(High, Some(5_000_000)), High);
        assert_eq!(scale(High, Some(80_000_000)), Critical);
        assert_eq!(group(1_234_567), "1,234,567");
    }
}
