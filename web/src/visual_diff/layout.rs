//! Deterministic layout of the visual diff: boxes on a grid (up to three a row, in model
//! order), rows at fixed heights, relations as curves from a foreign key row to the box it
//! points to, a legend on top. The result is a flat list of shapes that `svg.rs` writes as
//! text and `visual_diff_view.rs` builds as DOM nodes: one layout, two renderings.
//!
//! Text widths are estimated for a 12px monospace font (the stylesheet sets it), so no
//! measuring is needed; long lines are cut with "…" and keep their full text as a tooltip.

use super::model::{DiffModel, Row, Status, TableBox};

pub const CHAR_W: f32 = 7.3;
pub const ROW_H: f32 = 18.0;
pub const HEAD_H: f32 = 24.0;
const PAD_X: f32 = 8.0;
/// Room for the marker (+, −, ~, →) before a row's text.
const MARK_W: f32 = 16.0;
const BOX_MIN_W: f32 = 180.0;
const BOX_MAX_W: f32 = 460.0;
const GAP_X: f32 = 72.0;
const GAP_Y: f32 = 36.0;
const MARGIN: f32 = 16.0;
const LEGEND_H: f32 = 30.0;
const MAX_COLS: usize = 3;

/// One drawing primitive; `class` names its CSS classes (colours come from the stylesheet).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        class: String,
    },
    Text {
        x: f32,
        y: f32,
        text: String,
        class: String,
        title: Option<String>,
    },
    /// A relation curve ending in an arrow; `status` picks the arrow marker.
    Curve {
        d: String,
        class: String,
        status: Status,
        title: String,
    },
    /// A small round badge with a marker character (the status of a relation, in text).
    Badge {
        x: f32,
        y: f32,
        text: String,
        class: String,
    },
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

/// `x` with one decimal, for stable output.
pub fn num(x: f32) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn class(kind: &str, status: Status) -> String {
    format!("ss-vd-{kind} ss-vd-{}", status.word())
}

/// The text cut to `chars` characters, with "…" when cut.
pub fn fit(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(chars.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn header_text(b: &TableBox) -> String {
    match &b.detail {
        Some(d) => format!("{} {} ({d})", b.status.marker(), b.name),
        None => format!("{} {}", b.status.marker(), b.name),
    }
}

/// The second line of a changed or renamed row: what changed ("type text → integer").
fn detail_line(row: &Row) -> Option<&str> {
    match row.status {
        Status::Changed | Status::Renamed => row.detail.as_deref().filter(|d| !d.is_empty()),
        _ => None,
    }
}

/// The top of each row relative to the box, and the box's height.
fn row_offsets(b: &TableBox) -> (Vec<f32>, f32) {
    let mut y = HEAD_H;
    let mut tops = Vec::with_capacity(b.rows.len());
    for row in &b.rows {
        tops.push(y);
        y += ROW_H * if detail_line(row).is_some() { 2.0 } else { 1.0 };
    }
    (tops, y + if b.rows.is_empty() { 0.0 } else { 6.0 })
}

fn box_width(b: &TableBox) -> f32 {
    let chars = |r: &Row| r.text.chars().count().max(detail_line(r).map_or(0, |d| d.chars().count()));
    let longest = b.rows.iter().map(chars).max().unwrap_or(0) as f32 * CHAR_W + MARK_W;
    let head = header_text(b).chars().count() as f32 * CHAR_W;
    (longest.max(head) + 2.0 * PAD_X).clamp(BOX_MIN_W, BOX_MAX_W)
}

fn box_height(b: &TableBox) -> f32 {
    row_offsets(b).1
}

/// Where each box goes: (x, y, w, h).
fn place(model: &DiffModel) -> Vec<(f32, f32, f32, f32)> {
    let n = model.boxes.len();
    let cols = n.clamp(1, MAX_COLS);
    let rows = n.div_ceil(cols);
    let mut col_w = vec![0f32; cols];
    let mut row_h = vec![0f32; rows];
    for (i, b) in model.boxes.iter().enumerate() {
        col_w[i % cols] = col_w[i % cols].max(box_width(b));
        row_h[i / cols] = row_h[i / cols].max(box_height(b));
    }
    model
        .boxes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let (c, r) = (i % cols, i / cols);
            let x = MARGIN + col_w[..c].iter().sum::<f32>() + c as f32 * GAP_X;
            let y = MARGIN + LEGEND_H + row_h[..r].iter().sum::<f32>() + r as f32 * GAP_Y;
            (x, y, col_w[c], box_height(b))
        })
        .collect()
}

fn legend(shapes: &mut Vec<Shape>) {
    let mut x = MARGIN;
    for status in [Status::Added, Status::Removed, Status::Changed, Status::Renamed, Status::Unchanged] {
        shapes.push(Shape::Rect { x, y: MARGIN, w: 14.0, h: 14.0, class: class("swatch", status) });
        let text = format!("{} {}", status.marker(), status.word());
        shapes.push(Shape::Text { x: x + 20.0, y: MARGIN + 11.5, text: text.clone(), class: class("legend", status), title: None });
        x += 20.0 + text.chars().count() as f32 * CHAR_W + 18.0;
    }
}

/// Lay the model out.
pub fn layout(model: &DiffModel) -> Scene {
    let places = place(model);
    let mut shapes = Vec::new();
    legend(&mut shapes);
    for (b, &(x, y, w, h)) in model.boxes.iter().zip(&places) {
        let kind = if b.context { "context" } else { "box" };
        shapes.push(Shape::Rect { x, y, w, h, class: class(kind, b.status) });
        shapes.push(Shape::Rect { x, y, w, h: HEAD_H, class: class("head", b.status) });
        let head_chars = ((w - 2.0 * PAD_X) / CHAR_W) as usize;
        let head = header_text(b);
        let title = (head.chars().count() > head_chars).then(|| head.clone());
        shapes.push(Shape::Text { x: x + PAD_X, y: y + 16.0, text: fit(&head, head_chars), class: class("title", b.status), title });
        let row_chars = ((w - 2.0 * PAD_X - MARK_W) / CHAR_W) as usize;
        let (tops, _) = row_offsets(b);
        for (row, top) in b.rows.iter().zip(tops) {
            let ry = y + top;
            let detail = detail_line(row);
            let rh = if detail.is_some() { 2.0 * ROW_H } else { ROW_H };
            if row.status != Status::Unchanged {
                shapes.push(Shape::Rect { x: x + 1.0, y: ry + 1.0, w: w - 2.0, h: rh - 2.0, class: class("rowbg", row.status) });
            }
            shapes.push(Shape::Text {
                x: x + PAD_X,
                y: ry + 13.0,
                text: row.status.marker().to_string(),
                class: class("mark", row.status),
                title: None,
            });
            let full = match &row.detail {
                Some(d) => format!("{}: {} ({d})", row.status.word(), row.text),
                None => format!("{}: {}", row.status.word(), row.text),
            };
            shapes.push(Shape::Text {
                x: x + PAD_X + MARK_W,
                y: ry + 13.0,
                text: fit(&row.text, row_chars),
                class: class("row", row.status),
                title: Some(full.clone()),
            });
            if let Some(d) = detail {
                shapes.push(Shape::Text {
                    x: x + PAD_X + MARK_W,
                    y: ry + ROW_H + 12.0,
                    text: fit(d, row_chars),
                    class: class("detail", row.status),
                    title: Some(full),
                });
            }
        }
    }
    for rel in &model.relations {
        let (Some(&(ax, ay, aw, _)), Some(&(bx, by, bw, _))) = (places.get(rel.from), places.get(rel.to)) else { continue };
        let top = row_offsets(&model.boxes[rel.from]).0.get(rel.from_row).copied().unwrap_or(HEAD_H);
        let y1 = ay + top + ROW_H / 2.0;
        let y2 = by + HEAD_H / 2.0;
        let (x1, c1, x2, c2) = if bx >= ax + aw {
            (ax + aw, ax + aw + 40.0, bx, bx - 40.0)
        } else if bx + bw <= ax {
            (ax, ax - 40.0, bx + bw, bx + bw + 40.0)
        } else {
            (ax + aw, ax + aw + 50.0, bx + bw, bx + bw + 50.0)
        };
        let d = format!("M{} {} C{} {} {} {} {} {}", num(x1), num(y1), num(c1), num(y1), num(c2), num(y2), num(x2), num(y2));
        let from = &model.boxes[rel.from].name;
        let to = &model.boxes[rel.to].name;
        let title = format!("{} foreign key {}: {from} → {to}", rel.status.word(), rel.label);
        shapes.push(Shape::Curve { d, class: class("rel", rel.status), status: rel.status, title });
        let (mx, my) = ((x1 + 3.0 * c1 + 3.0 * c2 + x2) / 8.0, (y1 + y2) / 2.0);
        shapes.push(Shape::Badge { x: mx, y: my, text: rel.status.marker().to_string(), class: class("badge", rel.status) });
    }
    let width = places.iter().map(|p| p.0 + p.2).fold(MARGIN + 520.0, f32::max) + MARGIN + 50.0;
    let height = places.iter().map(|p| p.1 + p.3).fold(MARGIN + LEGEND_H, f32::max) + MARGIN;
    Scene { width: width.ceil(), height: height.ceil(), shapes }
}
