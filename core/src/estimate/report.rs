//! The runbook's `## Duration and locks` section: each step's estimate, the whole run's, the
//! longest blocking lock, the window to book (`--env prod`: from the estimates' high end), and
//! the steps a statement timeout of the environment would cancel.

use super::{duration, timeline, Blocks};
use crate::plan::Step;
use crate::{Dialect, Migration};

/// The section (empty when there are no steps).
pub fn section(m: &Migration) -> String {
    if m.up.is_empty() {
        return String::new();
    }
    let mut o = String::from("## Duration and locks (estimates)\n\n");
    o.push_str(
        "Estimated from the table sizes given (`table-sizes.sql`, `--table-sizes`) by the model calibrated on the real engines \
         (`tests/calibration/measured.md` in schemashift); each step has a range. Measure this server's speed with \
         `calibrate.sql` and pass the factor it prints as `--speed-factor`. `timeline.svg` draws the same plan: one bar per \
         step, its length the estimate, its colour what its lock blocks.\n\n![timeline of up](timeline.svg)\n\n",
    );
    let speed = m.speed_permille;
    if speed != 1000 {
        o.push_str(&format!("Speed factor: {}.{:03} (every duration is multiplied by it).\n\n", speed / 1000, speed % 1000));
    }
    o.push_str("| # | step | class | duration | strongest lock | blocks | written |\n|---|---|---|---|---|---|---|\n");
    for (i, s) in m.up.iter().enumerate() {
        let Some(e) = &s.estimate else { continue };
        let table = s.change.table().map(|t| format!(" `{t}`")).unwrap_or_default();
        o.push_str(&format!(
            "| {} | {}{table} | {} | {} | {} | {} | {} |\n",
            i + 1,
            s.change.op().replace('_', " "),
            e.class.name().replace('_', " "),
            e.text.split(", ").next().unwrap_or(""),
            e.lock,
            match (e.blocks, e.lock_ms) {
                (Blocks::Nothing, _) => "nothing but DDL".to_string(),
                (b, Some(ms)) => format!("{} for ~{}", b.label().trim_start_matches("blocks "), duration(ms)),
                (b, None) => b.label().trim_start_matches("blocks ").to_string(),
            },
            e.bytes_written.map(bytes).unwrap_or_else(|| "?".into())
        ));
    }
    o.push('\n');
    let unknown = m.up.iter().filter(|s| s.estimate.as_ref().is_some_and(|e| e.ms.is_none())).count();
    let (ms, high) = totals(&m.up);
    o.push_str(&format!("**Up, in all:** ~{} (up to {})", duration(ms), duration(high)));
    if unknown > 0 {
        o.push_str(&format!(", plus {unknown} step(s) of unknown duration: pass `--table-sizes` (the output of `table-sizes.sql`)"));
    }
    o.push_str(".\n");
    let longest =
        m.up.iter()
            .enumerate()
            .filter_map(|(i, s)| s.estimate.as_ref().map(|e| (i, e)))
            .filter(|(_, e)| e.blocks != Blocks::Nothing)
            .max_by_key(|(i, e)| (e.lock_ms.unwrap_or(0), std::cmp::Reverse(*i)));
    if let Some((i, e)) = longest {
        o.push_str(&format!(
            "**Longest blocking lock:** step {} ({}), {} for ~{}.\n",
            i + 1,
            e.lock,
            e.blocks.label(),
            e.lock_ms.map(duration).unwrap_or_else(|| "an unknown time".into())
        ));
    }
    let (down_ms, down_high) = totals(&m.down);
    if !m.down.is_empty() {
        o.push_str(&format!("**Down, in all:** ~{} (up to {}).\n", duration(down_ms), duration(down_high)));
    }
    o.push('\n');
    if let Some(env) = &m.env {
        if env.name.starts_with("prod") {
            o.push_str(&format!(
                "**Window ({}):** book at least {} for up (the high end of the estimates{}), plus the backup before it and the time to run down ({}) should validation fail.\n\n",
                env.name,
                duration(high),
                if unknown > 0 { ", without the steps of unknown duration" } else { "" },
                duration(down_high)
            ));
        }
        let limit = env.run.statement_timeout_ms;
        if m.zero_downtime && m.target.dialect == Dialect::Postgres && limit > 0 {
            for (i, s) in m.up.iter().enumerate() {
                let Some(e) = &s.estimate else { continue };
                let long_online = matches!(s.rewrite, Some("concurrent-index" | "validate" | "backfill"));
                if !long_online && e.ms.is_some_and(|ms| ms > limit) {
                    o.push_str(&format!(
                        "**Statement timeout:** step {} is estimated at ~{}, over the {} environment's statement timeout ({}): it would be cancelled. Raise `statement_timeout` for that step, or run it in the window.\n\n",
                        i + 1,
                        e.ms.map(duration).unwrap_or_default(),
                        env.name,
                        duration(limit)
                    ));
                }
            }
        }
    }
    o
}

/// The sum of the known estimates and of their high ends.
pub(crate) fn totals(steps: &[Step]) -> (u64, u64) {
    let ms = timeline::known_ms(steps);
    let high = steps.iter().filter_map(|s| s.estimate.as_ref().and_then(|e| e.high_ms)).sum();
    (ms, high)
}

/// Bytes as people read them: `0`, `12 kB`, `3.4 MB`, `1.2 GB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 4] = [(1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "kB")];
    for (size, unit) in UNITS {
        if n >= size {
            let tenths = n * 10 / size;
            return if tenths < 100 { format!("{}.{} {unit}", tenths / 10, tenths % 10) } else { format!("{} {unit}", tenths / 10) };
        }
    }
    format!("{n} B")
}
