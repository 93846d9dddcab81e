//! The "Visual diff" output: the SVG of `visual_diff/` built as DOM nodes (names become text
//! nodes, never markup), a text version of the same for screen readers and copying, and a
//! button that downloads the picture as an .svg file. Computed only while the tab is shown.

use crate::download::download;
use crate::run::Outcome;
use crate::visual_diff::{self, layout::num, svg, Scene, Shape};
use leptos::prelude::*;
use schemashift::Migration;
use std::sync::Arc;

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

fn scene_view(scene: Scene, prefix: String, summary: String) -> impl IntoView {
    let view_box = format!("0 0 {} {}", num(scene.width), num(scene.height));
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
    let shapes = scene.shapes.into_iter().map(|s| shape_view(s, &prefix)).collect_view();
    view! {
        <svg
            class="ss-vd"
            xmlns="http://www.w3.org/2000/svg"
            role="img"
            aria-label=summary
            width=num(scene.width)
            height=num(scene.height)
            viewBox=view_box
            data-testid="visual-diff"
        >
            <defs>{arrows}</defs>
            {shapes}
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
    // (scene, text version), computed while the tab is shown; kept while it is hidden.
    let diagram = Memo::new(move |prev: Option<&Option<(Scene, Vec<String>)>>| {
        if !active.get() {
            return prev.cloned().flatten();
        }
        let (migration, usable) = outcome.with(|o| (o.migration.clone(), o.option_error.is_none()));
        let migration = migration.or_else(|| if usable { migration_now.run(()) } else { None })?;
        let model = visual_diff::build(&migration);
        Some((visual_diff::layout(&model), visual_diff::text_version(&model)))
    });
    let error = RwSignal::new(None::<String>);
    let svg_prefix = StoredValue::new(prefix.clone());
    let frame_prefix = StoredValue::new(prefix);
    let on_download = move |_: web_sys::MouseEvent| {
        let Some((scene, _)) = diagram.get_untracked() else { return };
        let text = svg::to_svg(&scene, &svg_prefix.get_value());
        let result = download(text.as_bytes(), "schemashift-visual-diff.svg", "image/svg+xml");
        error.set(result.err().map(|e| format!("Download failed: {}", e.as_string().unwrap_or_default())));
    };
    let has_tables = move || diagram.with(|d| d.as_ref().is_some_and(|(_, text)| !text.is_empty()));
    view! {
        <Show
            when=has_tables
            fallback=|| view! { <p class="ss-empty">"No table changes to draw."</p> }
        >
            <div class="ss-panel-tools">
                <button type="button" class="ss-button" on:click=on_download>"Download visual diff (SVG)"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="ss-error" role="alert">{e}</p> })}
            <div class="ss-vd-frame" tabindex="0" role="region" aria-label="Visual diff picture">
                {move || {
                    diagram.get().map(|(scene, text)| {
                        let summary = format!("Changed tables: {}", text.join(" "));
                        scene_view(scene, frame_prefix.get_value(), summary)
                    })
                }}
            </div>
            <details class="ss-vd-text">
                <summary>"Text version"</summary>
                <ul>
                    {move || {
                        diagram
                            .get()
                            .map(|(_, text)| text.into_iter().map(|t| view! { <li>{t}</li> }).collect_view())
                    }}
                </ul>
            </details>
        </Show>
    }
}
