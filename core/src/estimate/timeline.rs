//! The plan as a timeline (`timeline.svg` in the package, the playground later): one bar per
//! step, one row each in execution order; a bar starts when the step before it ends and its
//! length is the estimated duration; its colour is what the step's lock blocks (green: nothing
//! but DDL, amber: writes, red: reads and writes, grey hatched: unknown, no `--table-sizes`).
//! A step that holds its blocking lock for only part of its run (a backup copy read under a
//! share lock, then a brief exclusive lock) is green with the blocking part at its end, drawn
//! to its estimated length.
//! Phases are labelled and the deploy of the new application version is a line between expand
//! and contract. Integer coordinates only: the same plan gives the same bytes.

use super::{duration, Blocks, Estimate};
use crate::plan::{Phase, Step};

const WIDTH: u64 = 820;
const LABEL_W: u64 = 300;
const CHART_X: u64 = LABEL_W + 10;
const CHART_W: u64 = WIDTH - CHART_X - 90;
const ROW_H: u64 = 20;
const TOP: u64 = 64;
/// The width of a bar whose duration is unknown.
const UNKNOWN_W: u64 = 14;

/// The SVG of `steps` (`title`: "up" or "down").
pub fn svg(steps: &[Step], title: &str) -> String {
    let known = known_ms(steps);
    let unknown = steps.iter().filter(|s| s.estimate.as_ref().is_none_or(|e| e.ms.is_none())).count();
    let separators = steps.windows(2).filter(|w| w[0].phase != w[1].phase).count() as u64;
    let height = TOP + (steps.len() as u64 + separators) * ROW_H + 40;
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <defs><pattern id=\"unknown\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e0e0e0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9e9e9e\" stroke-width=\"3\"/></pattern></defs>\n\
         <rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\n"
    );
    let total = if unknown > 0 {
        format!("~{} estimated, {unknown} step(s) of unknown duration (pass --table-sizes)", duration(known))
    } else {
        format!("~{} estimated", duration(known))
    };
    o.push_str(&format!(
        "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{} migration: {} step(s), {}</text>\n",
        xml(title),
        steps.len(),
        xml(&total)
    ));
    legend(&mut o);
    let scale = |ms: u64| ms.saturating_mul(CHART_W).checked_div(known).unwrap_or(0);
    let (mut at_ms, mut y) = (0u64, TOP);
    let mut phase: Option<Phase> = None;
    for (i, step) in steps.iter().enumerate() {
        if phase.is_some_and(|p| p != step.phase) {
            let label = match step.phase {
                Phase::Contract => "deploy the new application version here; contract waits for it",
                _ => "next phase",
            };
            o.push_str(&format!(
                "<line x1=\"10\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1565c0\" stroke-dasharray=\"6 3\"/>\n<text x=\"{CHART_X}\" y=\"{}\" fill=\"#1565c0\">{}</text>\n",
                y + ROW_H / 2 - 4,
                WIDTH - 10,
                y + ROW_H / 2 - 4,
                y + ROW_H / 2 + 10,
                xml(label)
            ));
            y += ROW_H;
        }
        if phase != Some(step.phase) && steps.iter().any(|s| s.phase != Phase::Main) {
            o.push_str(&format!("<text x=\"10\" y=\"{}\" font-weight=\"bold\" fill=\"#1565c0\">{}</text>\n", y - 4, step.phase.name()));
        }
        phase = Some(step.phase);
        let est = step.estimate.as_ref();
        let ms = est.and_then(|e| e.ms);
        let x = CHART_X + scale(at_ms);
        let (w, fill) = match (ms, est) {
            (Some(ms), Some(e)) => (scale(ms).max(2), colour(e.blocks)),
            _ => (UNKNOWN_W, "url(#unknown)"),
        };
        // The part of the bar the blocking lock is held, when shorter than the step.
        let lock_w = match (ms, est) {
            (Some(ms), Some(e)) if e.blocks != Blocks::Nothing => e.lock_ms.filter(|l| *l < ms).map(|l| scale(l).max(2).min(w)),
            _ => None,
        };
        let bar = match lock_w {
            Some(lw) if lw < w => format!(
                "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#424242\" stroke-width=\"0.5\"/><rect x=\"{}\" y=\"{}\" width=\"{lw}\" height=\"{}\" fill=\"{fill}\" stroke=\"#424242\" stroke-width=\"0.5\"/>",
                y + 3,
                w - lw,
                ROW_H - 6,
                colour(Blocks::Nothing),
                x + w - lw,
                y + 3,
                ROW_H - 6
            ),
            _ => format!("<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{fill}\" stroke=\"#424242\" stroke-width=\"0.5\"/>", y + 3, ROW_H - 6),
        };
        let label = format!("{}. {}{}", i + 1, step.change.op(), step.change.table().map(|t| format!(" {t}")).unwrap_or_default());
        let tip = format!("{label}\n{}\n{}", est.map(|e| e.text.as_str()).unwrap_or("not estimated"), first_line(step));
        o.push_str(&format!(
            "<g><title>{}</title><text x=\"{}\" y=\"{}\">{}</text>{bar}<text x=\"{}\" y=\"{}\" fill=\"#424242\">{}</text></g>\n",
            xml(&tip),
            if steps.iter().any(|s| s.phase != Phase::Main) { 22 } else { 10 },
            y + 14,
            xml(&clip(&label, 44)),
            (x + w + 4).min(WIDTH - 84),
            y + 14,
            xml(&ms.map(duration).unwrap_or_else(|| "?".into()))
        ));
        at_ms += ms.unwrap_or(0);
        y += ROW_H;
    }
    // The time axis under the bars.
    o.push_str(&format!("<line x1=\"{CHART_X}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#424242\"/>\n", CHART_X + CHART_W));
    for q in 0..=4u64 {
        let x = CHART_X + CHART_W * q / 4;
        o.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{y}\" x2=\"{x}\" y2=\"{}\" stroke=\"#424242\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"#424242\">{}</text>\n",
            y + 4,
            y + 18,
            xml(&duration(known * q / 4))
        ));
    }
    o.push_str("</svg>\n");
    o
}

fn legend(o: &mut String) {
    let items = [
        (colour(Blocks::Nothing), "blocks nothing but DDL"),
        (colour(Blocks::Writes), "blocks writes"),
        (colour(Blocks::ReadsAndWrites), "blocks reads and writes"),
        ("url(#unknown)", "unknown duration"),
    ];
    let mut x = 10;
    for (fill, text) in items {
        o.push_str(&format!(
            "<rect x=\"{x}\" y=\"30\" width=\"12\" height=\"12\" fill=\"{fill}\" stroke=\"#424242\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"40\">{text}</text>\n",
            x + 16
        ));
        x += 16 + text.len() as u64 * 7 + 16;
    }
}

fn colour(b: Blocks) -> &'static str {
    match b {
        Blocks::Nothing => "#66bb6a",
        Blocks::Writes => "#ffb300",
        Blocks::ReadsAndWrites => "#e53935",
    }
}

fn first_line(step: &Step) -> String {
    let line = step
        .statements
        .iter()
        .flat_map(|s| s.lines())
        .find(|l| !l.trim().is_empty() && !l.starts_with("--") && !l.to_ascii_uppercase().starts_with("SET "));
    clip(line.unwrap_or(""), 120)
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The sum of the steps' known estimates (ms).
pub fn known_ms(steps: &[Step]) -> u64 {
    steps.iter().filter_map(|s| s.estimate.as_ref().and_then(|e: &Estimate| e.ms)).sum()
}
