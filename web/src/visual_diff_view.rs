//! The "Visual diff" output: the SVG of `visual_diff/` built as DOM nodes (names become text
//! nodes, never markup), a text version of the same for screen readers and copying, and a
//! button that downloads the picture as an .svg file. Computed only while the tab is shown.
//!
//! The picture pans and zooms (`PanZoom`): drag it, turn the wheel over it, use the buttons, or
//! focus it and use the arrow keys, `+`, `-` and `0`. Large schemas open focused on the changed
//! tables and their neighbours (`Scope::Focus`); a checkbox switches to every table.

use crate::download::download;
use crate::run::Outcome;
use crate::visual_diff::{layout::num, svg, Scene, Scope, Shape};
use crate::worker_api::Diagram;
use leptos::prelude::*;
use schemashift::Migration;
use std::sync::Arc;

/// How the picture is shown: scaled by `scale`, then moved by (`x`, `y`) screen pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanZoom {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

pub const MIN_SCALE: f64 = 0.05;
pub const MAX_SCALE: f64 = 4.0;
/// One press of a zoom button or key.
const ZOOM_STEP: f64 = 1.25;
/// One press of an arrow key, in screen pixels.
const PAN_STEP: f64 = 40.0;

impl Default for PanZoom {
    fn default() -> Self {
        PanZoom { scale: 1.0, x: 0.0, y: 0.0 }
    }
}

impl PanZoom {
    /// Zoom by `factor` keeping the picture's point under (`px`, `py`) (frame pixels) in place.
    pub fn zoom_at(self, factor: f64, px: f64, py: f64) -> PanZoom {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let k = scale / self.scale;
        PanZoom { scale, x: px - (px - self.x) * k, y: py - (py - self.y) * k }
    }

    pub fn pan(self, dx: f64, dy: f64) -> PanZoom {
        PanZoom { x: self.x + dx, y: self.y + dy, ..self }
    }

    /// The whole picture (`w` × `h`) inside a frame of `fw` × `fh`, never enlarged.
    pub fn fit(w: f64, h: f64, fw: f64, fh: f64) -> PanZoom {
        if w <= 0.0 || h <= 0.0 || fw <= 0.0 || fh <= 0.0 {
            return PanZoom::default();
        }
        let scale = (fw / w).min(fh / h).clamp(MIN_SCALE, 1.0);
        PanZoom { scale, x: ((fw - w * scale) / 2.0).max(0.0), y: 0.0 }
    }

    /// The SVG transform.
    pub fn transform(self) -> String {
        format!("translate({:.1} {:.1}) scale({:.4})", self.x, self.y, self.scale)
    }

    /// "Zoom 125%".
    pub fn label(self) -> String {
        format!("Zoom {:.0}%", self.scale * 100.0)
    }

    /// What a key does to the view (`None`: not a key of the picture).
    pub fn key(self, key: &str, fw: f64, fh: f64) -> Option<PanZoom> {
        Some(match key {
            "+" | "=" => self.zoom_at(ZOOM_STEP, fw / 2.0, fh / 2.0),
            "-" | "_" => self.zoom_at(1.0 / ZOOM_STEP, fw / 2.0, fh / 2.0),
            "0" => PanZoom::default(),
            "ArrowLeft" => self.pan(PAN_STEP, 0.0),
            "ArrowRight" => self.pan(-PAN_STEP, 0.0),
            "ArrowUp" => self.pan(0.0, PAN_STEP),
            "ArrowDown" => self.pan(0.0, -PAN_STEP),
            _ => return None,
        })
    }
}

fn shape_view(shape: Shape, prefix: &str) -> AnyView {
    match shape {
        Shape::Rect { x, y, w, h, class } => view! { <rect x=num(x) y=num(y) width=num(w) height=num(h) rx="3" class=class /> }.into_any(),
        Shape::Text { x, y, text, class, title } => view! {
            <text x=num(x) y=num(y) class=class>
                {title.map(|t| view! { <title>{t}</title> })}
                {text}
            </text>
        }
        .into_any(),
        Shape::Curve { d, class, status, title } => {
            let marker = format!("url(#{})", svg::arrow_id(prefix, status));
            view! { <path d=d class=class marker-end=marker><title>{title}</title></path> }.into_any()
        }
        Shape::Badge { x, y, text, class } => view! {
            <g aria-hidden="true">
                <circle cx=num(x) cy=num(y) r="8" class=class.clone() />
                <text x=num(x) y=num(y + 4.0) text-anchor="middle" class=format!("{class}-text")>{text}</text>
            </g>
        }
        .into_any(),
    }
}

/// Scenes of more shapes than this draw only those near the view (10,000 changed tables are
/// ~150,000 nodes, seconds of the page's thread): panning and zooming bring the others in.
pub const DRAW_ALL_SHAPES: usize = 4_000;
/// The region drawn, in picture pixels, is snapped outward to cells of this size: the shapes
/// drawn change when the view crosses a cell, not at every pixel of a drag.
const CELL: f64 = 1024.0;

/// A shape's box in picture pixels (x0, y0, x1, y1); a text's from its estimated width.
fn bounds(shape: &Shape) -> (f64, f64, f64, f64) {
    match shape {
        Shape::Rect { x, y, w, h, .. } => (f64::from(*x), f64::from(*y), f64::from(x + w), f64::from(y + h)),
        Shape::Text { x, y, text, .. } => {
            let w = text.chars().count() as f64 * f64::from(crate::visual_diff::layout::CHAR_W);
            (f64::from(*x) - w, f64::from(*y) - 16.0, f64::from(*x) + w, f64::from(*y) + 6.0)
        }
        Shape::Badge { x, y, .. } => (f64::from(*x) - 8.0, f64::from(*y) - 8.0, f64::from(*x) + 8.0, f64::from(*y) + 8.0),
        Shape::Curve { d, .. } => {
            let numbers: Vec<f64> =
                d.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).filter_map(|n| n.parse().ok()).collect();
            let (xs, ys): (Vec<f64>, Vec<f64>) = numbers.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
            let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
            let max = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (min(&xs), min(&ys), max(&xs), max(&ys))
        }
    }
}

/// The picture region drawn for `view` in a frame of `fw` × `fh`: the view and one frame's
/// size around it, snapped outward to `CELL`s.
pub fn region(view: PanZoom, fw: f64, fh: f64) -> (f64, f64, f64, f64) {
    let s = view.scale.max(MIN_SCALE);
    let (x0, y0) = ((-view.x - fw) / s, (-view.y - fh) / s);
    let (x1, y1) = ((-view.x + 2.0 * fw) / s, (-view.y + 2.0 * fh) / s);
    ((x0 / CELL).floor() * CELL, (y0 / CELL).floor() * CELL, (x1 / CELL).ceil() * CELL, (y1 / CELL).ceil() * CELL)
}

fn scene_view(
    scene: Scene,
    prefix: String,
    summary: String,
    view: RwSignal<PanZoom>,
    frame_size: impl Fn() -> (f64, f64) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let arrows = svg::ARROWS
        .iter()
        .map(|&status| {
            view! {
                <marker
                    id=svg::arrow_id(&prefix, status)
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerWidth="8"
                    markerHeight="8"
                    orient="auto-start-reverse"
                >
                    <path d="M0 0L10 5L0 10z" class=format!("ss-vd-arrow ss-vd-{}", status.word()) />
                </marker>
            }
        })
        .collect_view();
    let (width, height) = (scene.width, scene.height);
    let shapes = if scene.shapes.len() <= DRAW_ALL_SHAPES {
        scene.shapes.into_iter().map(|s| shape_view(s, &prefix)).collect_view().into_any()
    } else {
        // Only the shapes near the view, drawn again when the view moves to other cells.
        let placed = StoredValue::new(scene.shapes.into_iter().map(|s| (bounds(&s), s)).collect::<Vec<_>>());
        let near = Memo::new(move |_| {
            let (fw, fh) = frame_size();
            region(view.get(), fw, fh)
        });
        let prefix = prefix.clone();
        (move || {
            let (x0, y0, x1, y1) = near.get();
            placed.with_value(|all| {
                all.iter()
                    .filter(|((a, b, c, d), _)| *c >= x0 && *a <= x1 && *d >= y0 && *b <= y1)
                    .map(|(_, s)| shape_view(s.clone(), &prefix))
                    .collect_view()
            })
        })
        .into_any()
    };
    view! {
        <svg
            class="ss-vd"
            xmlns="http://www.w3.org/2000/svg"
            role="img"
            aria-label=summary
            width="100%"
            height="100%"
            data-testid="visual-diff"
            data-width=num(width)
            data-height=num(height)
        >
            <defs>{arrows}</defs>
            <g class="ss-vd-view" transform=move || view.get().transform()>
                {shapes}
            </g>
        </svg>
    }
}

#[component]
pub fn VisualDiffPanel(
    uid: String,
    outcome: RwSignal<Outcome>,
    active: Signal<bool>,
    /// The migration when the outcome does not carry it (generated in a worker).
    migration_now: Callback<(), Option<Arc<Migration>>>,
) -> impl IntoView {
    let prefix = format!("{uid}-vd");
    let hint_id = format!("{uid}-vd-hint");
    // The user's choice of scope; `None`: the default for the migration's size.
    let focus = RwSignal::new(None::<bool>);
    let error = RwSignal::new(None::<String>);
    // (scene, text version, tables drawn, tables in the schema, the scope), computed while the
    // tab is shown; kept while it is hidden.
    // Made by the lazy chunk (`lazy.rs`); an answer for an older outcome or scope is dropped.
    let diagram = RwSignal::new(None::<Diagram>);
    let asked = StoredValue::new(0u64);
    // The diagram made on the page (a result generated here, or no worker to ask).
    let draw_here = move |ticket: u64, chosen: Option<Scope>| {
        let (migration, usable) = outcome.with_untracked(|o| (o.migration.clone(), o.option_error.is_none()));
        let Some(migration) = migration.or_else(|| if usable { migration_now.run(()) } else { None }) else {
            diagram.set(None);
            return;
        };
        let scope = chosen.unwrap_or_else(|| Scope::default_for(&migration));
        let total = migration.after.tables.len().max(migration.before.tables.len());
        leptos::task::spawn_local(async move {
            let made = crate::lazy::diagram(&migration, scope).await;
            if asked.get_value() == ticket {
                match made {
                    Ok((scene, text, drawn)) => diagram.set(Some((scene, text, drawn, total, scope))),
                    Err(e) => error.set(Some(e.0)),
                }
            }
        });
    };
    Effect::new(move |_| {
        if !active.get() {
            return;
        }
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        let chosen = focus.get().map(|f| if f { Scope::Focus } else { Scope::All });
        // A result of the worker: drawn by the worker, which holds its migration (generating it
        // again here took seconds of the page's thread at 10,000 tables).
        let source = outcome.with(Outcome::package_source);
        if source.worker_call.is_some() && source.migration.is_none() && source.option_error.is_none() {
            leptos::task::spawn_local(async move {
                let made = crate::run::diagram_of(&source, chosen).await;
                if asked.get_value() != ticket {
                    return;
                }
                match made {
                    Ok(Some(Ok(d))) => diagram.set(Some(d)),
                    Ok(Some(Err(e))) => error.set(Some(e)),
                    // The worker moved on: the newer outcome's diagram is asked when it comes.
                    Ok(None) => {}
                    Err(()) => draw_here(ticket, chosen),
                }
            });
            return;
        }
        draw_here(ticket, chosen);
    });
    let view = RwSignal::new(PanZoom::default());
    let frame = NodeRef::<leptos::html::Div>::new();
    // The frame's size and where a point of the page is in it.
    let frame_rect = move || frame.get_untracked().map(|f| f.get_bounding_client_rect());
    // (A frame not laid out yet, when the picture is first drawn, has no size: a screenful then.)
    let frame_size = move || frame_rect().map(|r| (r.width(), r.height())).filter(|&(w, h)| w > 0.0 && h > 0.0).unwrap_or((1280.0, 900.0));
    let svg_prefix = StoredValue::new(prefix.clone());
    let frame_prefix = StoredValue::new(prefix);
    let on_download = move |_: web_sys::MouseEvent| {
        let Some((scene, ..)) = diagram.get_untracked() else { return };
        let text = svg::to_svg(&scene, &svg_prefix.get_value());
        let result = download(text.as_bytes(), "schemashift-visual-diff.svg", "image/svg+xml");
        error.set(result.err().map(|e| format!("Download failed: {}", e.as_string().unwrap_or_default())));
    };
    let has_tables = move || diagram.with(|d| d.as_ref().is_some_and(|(_, text, ..)| !text.is_empty()));
    let zoom_by = move |factor: f64| {
        let (w, h) = frame_size();
        view.update(|v| *v = v.zoom_at(factor, w / 2.0, h / 2.0));
    };
    let fit = move |_| {
        let Some((scene, ..)) = diagram.get_untracked() else { return };
        let (w, h) = frame_size();
        view.set(PanZoom::fit(f64::from(scene.width), f64::from(scene.height), w, h));
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        let Some(rect) = frame_rect() else { return };
        ev.prevent_default();
        // Lines and pages count as 40 and 400 pixels.
        let unit = match ev.delta_mode() {
            1 => 40.0,
            2 => 400.0,
            _ => 1.0,
        };
        let factor = (-ev.delta_y() * unit * 0.002).exp().clamp(0.5, 2.0);
        let (px, py) = (f64::from(ev.client_x()) - rect.left(), f64::from(ev.client_y()) - rect.top());
        view.update(|v| *v = v.zoom_at(factor, px, py));
    };
    // Dragging: where the pointer went down and the view then.
    let drag = StoredValue::new(None::<(i32, f64, f64, PanZoom)>);
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        drag.set_value(Some((ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y()), view.get_untracked())));
        if let Some(f) = frame.get_untracked() {
            let _ = f.set_pointer_capture(ev.pointer_id());
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((id, x0, y0, start)) = drag.get_value() else { return };
        if id == ev.pointer_id() {
            view.set(start.pan(f64::from(ev.client_x()) - x0, f64::from(ev.client_y()) - y0));
        }
    };
    let on_up = move |_: web_sys::PointerEvent| drag.set_value(None);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let (w, h) = frame_size();
        if let Some(next) = view.get_untracked().key(&ev.key(), w, h) {
            ev.prevent_default();
            view.set(next);
        }
    };
    let focused = move || diagram.with(|d| d.as_ref().is_some_and(|(.., scope)| *scope == Scope::Focus));
    let drawn_text = move || {
        diagram.with(|d| {
            d.as_ref().map(|(_, _, drawn, total, scope)| match scope {
                Scope::Focus => format!("Drawing {drawn} of {total} tables: the changed ones and their neighbours."),
                Scope::All => format!("Drawing all {total} tables; the unchanged ones dashed."),
            })
        })
    };
    view! {
        <Show
            when=has_tables
            fallback=|| crate::engine::empty_note("No table changes to draw.")
        >
            <div class="ss-panel-tools ss-vd-tools">
                <label class="ss-check">
                    <input
                        type="checkbox"
                        prop:checked=focused
                        on:change:target=move |ev| {
                            focus.set(Some(ev.target().checked()));
                            view.set(PanZoom::default());
                        }
                    />
                    " Focus on changed tables"
                </label>
                <span class="ss-hint" data-testid="vd-drawn">{drawn_text}</span>
                <span class="ss-vd-zoom" role="group" aria-label="Zoom">
                    <button type="button" class="ss-button" aria-label="Zoom out" on:click=move |_| zoom_by(1.0 / ZOOM_STEP)>"−"</button>
                    <span class="ss-vd-zoom-level" data-testid="vd-zoom">{move || view.get().label()}</span>
                    <button type="button" class="ss-button" aria-label="Zoom in" on:click=move |_| zoom_by(ZOOM_STEP)>"+"</button>
                    <button type="button" class="ss-button" on:click=fit>"Fit"</button>
                    <button type="button" class="ss-button" on:click=move |_| view.set(PanZoom::default())>"Reset"</button>
                </span>
                <button type="button" class="ss-button" on:click=on_download>"Download visual diff (SVG)"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="ss-error" role="alert">{e}</p> })}
            <p class="ss-hint" id=hint_id.clone()>"Drag or use the arrow keys to pan; the wheel, + and − zoom; 0 resets."</p>
            <div
                class="ss-vd-frame ss-vd-pan"
                tabindex="0"
                role="region"
                aria-label="Visual diff picture"
                aria-describedby=hint_id.clone()
                node_ref=frame
                on:wheel=on_wheel
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:keydown=on_key
            >
                {move || {
                    diagram.get().map(|(scene, text, ..)| {
                        let summary = format!("Changed tables: {}", text.join(" "));
                        scene_view(scene, frame_prefix.get_value(), summary, view, frame_size)
                    })
                }}
            </div>
            <details class="ss-vd-text">
                <summary>"Text version"</summary>
                <ul>
                    {move || {
                        diagram
                            .get()
                            .map(|(_, text, ..)| text.into_iter().map(|t| view! { <li>{t}</li> }).collect_view())
                    }}
                </ul>
            </details>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visual_diff::Status;

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let v = PanZoom { scale: 1.0, x: 10.0, y: 20.0 }.zoom_at(2.0, 110.0, 120.0);
        assert_eq!((v.scale, v.x, v.y), (2.0, -90.0, -80.0));
        // The picture point (100, 100) was at (110, 120) and stays there.
        assert_eq!((100.0 * v.scale + v.x, 100.0 * v.scale + v.y), (110.0, 120.0));
        assert_eq!(PanZoom::default().zoom_at(1000.0, 0.0, 0.0).scale, MAX_SCALE);
        assert_eq!(PanZoom::default().zoom_at(0.0001, 0.0, 0.0).scale, MIN_SCALE);
    }

    #[test]
    fn keys_pan_zoom_and_reset() {
        let v = PanZoom::default();
        assert_eq!(v.key("ArrowRight", 800.0, 400.0), Some(PanZoom { x: -PAN_STEP, ..v }));
        assert_eq!(v.key("+", 800.0, 400.0).map(|z| z.scale), Some(ZOOM_STEP));
        assert_eq!(v.key("-", 800.0, 400.0).map(|z| z.label()), Some("Zoom 80%".into()));
        assert_eq!(v.pan(5.0, 5.0).key("0", 1.0, 1.0), Some(v));
        assert_eq!(v.key("a", 1.0, 1.0), None);
    }

    #[test]
    fn fit_shows_the_whole_picture_never_enlarged() {
        let f = PanZoom::fit(2000.0, 1000.0, 1000.0, 600.0);
        assert_eq!((f.scale, f.x), (0.5, 0.0));
        assert_eq!(PanZoom::fit(100.0, 100.0, 1000.0, 600.0).scale, 1.0);
        assert_eq!(PanZoom::fit(0.0, 0.0, 1.0, 1.0), PanZoom::default());
    }

    #[test]
    fn a_large_scene_draws_the_shapes_near_the_view() {
        // At scale 1 in an 800 × 500 frame: the view and a frame around it, snapped to cells.
        assert_eq!(region(PanZoom::default(), 800.0, 500.0), (-1024.0, -1024.0, 2048.0, 1024.0));
        // Panned 5,000 pixels down: the cells around y = 5,000 .. 5,500.
        let (_, y0, _, y1) = region(PanZoom::default().pan(0.0, -5000.0), 800.0, 500.0);
        assert!(y0 <= 4500.0 && y1 >= 6000.0 && y1 - y0 <= 4.0 * CELL, "{y0} {y1}");
        // Zoomed out, the region grows with the picture in view.
        let (_, _, _, far) = region(PanZoom { scale: 0.1, x: 0.0, y: 0.0 }, 800.0, 500.0);
        assert!(far >= 10_000.0, "{far}");
        let curve = Shape::Curve {
            d: "M10 20 C 40 -5, 60 300, 90.5 120".into(),
            class: String::new(),
            status: Status::Added,
            title: String::new(),
        };
        assert_eq!(bounds(&curve), (10.0, -5.0, 90.5, 300.0));
        let rect = Shape::Rect { x: 1.0, y: 2.0, w: 3.0, h: 4.0, class: String::new() };
        assert_eq!(bounds(&rect), (1.0, 2.0, 4.0, 6.0));
    }
}
