//! The visual diff as a standalone SVG document (the "Download SVG" file): the shapes of
//! `layout.rs` written as text, every user-given name XML-escaped, with the colours in an
//! embedded style sheet (the page itself styles its inline SVG from www/style.css).

use super::layout::{num, Scene, Shape};
use super::model::Status;

/// `&`, `<`, `>`, `"` and `'` escaped for XML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Statuses that have an arrow marker.
pub const ARROWS: [Status; 5] = [Status::Added, Status::Removed, Status::Changed, Status::Renamed, Status::Unchanged];

/// The id of the arrow marker of `status` (ids are prefixed: a page may hold several).
pub fn arrow_id(prefix: &str, status: Status) -> String {
    format!("{prefix}-arrow-{}", status.word())
}

const STYLE: &str = "text{font:12px ui-monospace,monospace;fill:#1b1f24}\
.ss-vd-box,.ss-vd-context{fill:#fff;stroke:#57606a}.ss-vd-context{stroke-dasharray:4 3}\
.ss-vd-head{fill:#eaeef2;stroke:#57606a}.ss-vd-title{font-weight:bold}\
.ss-vd-added.ss-vd-head,.ss-vd-added.ss-vd-rowbg,.ss-vd-added.ss-vd-swatch{fill:#dafbe1}\
.ss-vd-removed.ss-vd-head,.ss-vd-removed.ss-vd-rowbg,.ss-vd-removed.ss-vd-swatch{fill:#ffebe9}\
.ss-vd-changed.ss-vd-head,.ss-vd-changed.ss-vd-rowbg,.ss-vd-changed.ss-vd-swatch{fill:#fff8c5}\
.ss-vd-renamed.ss-vd-head,.ss-vd-renamed.ss-vd-rowbg,.ss-vd-renamed.ss-vd-swatch{fill:#ddf4ff}\
.ss-vd-unchanged.ss-vd-swatch{fill:#fff;stroke:#57606a}\
.ss-vd-removed.ss-vd-row{text-decoration:line-through}.ss-vd-detail{font-size:11px;font-style:italic}\
.ss-vd-rel{fill:none;stroke:#57606a;stroke-width:1.5}.ss-vd-added.ss-vd-rel{stroke:#1a7f37}\
.ss-vd-removed.ss-vd-rel{stroke:#cf222e;stroke-dasharray:6 4}.ss-vd-changed.ss-vd-rel{stroke:#9a6700}\
.ss-vd-badge{fill:#fff;stroke:#57606a}";

/// The scene as an SVG document.
pub fn to_svg(scene: &Scene, prefix: &str) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n<style>{STYLE}</style>\n<defs>",
        w = num(scene.width),
        h = num(scene.height)
    );
    for status in ARROWS {
        out.push_str(&format!(
            "<marker id=\"{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"ss-vd-arrow ss-vd-{}\"/></marker>",
            arrow_id(prefix, status),
            status.word()
        ));
    }
    out.push_str("</defs>\n");
    for shape in &scene.shapes {
        match shape {
            Shape::Rect { x, y, w, h, class } => out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" class=\"{class}\"/>\n",
                num(*x),
                num(*y),
                num(*w),
                num(*h)
            )),
            Shape::Text { x, y, text, class, title } => {
                let title = title.as_ref().map(|t| format!("<title>{}</title>", escape(t))).unwrap_or_default();
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" class=\"{class}\">{title}{}</text>\n",
                    num(*x),
                    num(*y),
                    escape(text)
                ));
            }
            Shape::Curve { d, class, status, title } => out.push_str(&format!(
                "<path d=\"{d}\" class=\"{class}\" marker-end=\"url(#{})\"><title>{}</title></path>\n",
                arrow_id(prefix, *status),
                escape(title)
            )),
            Shape::Badge { x, y, text, class } => out.push_str(&format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"8\" class=\"{class}\"/><text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\" class=\"{class}-text\">{}</text>\n",
                escape(text),
                x = num(*x),
                y = num(*y),
                ty = num(*y + 4.0)
            )),
        }
    }
    out.push_str("</svg>\n");
    out
}
