//! MySQL / MariaDB views, routines and (MariaDB) sequences.

use crate::model::{Function, Sequence, View};
use crate::render::common;
use crate::render::{RenderContext, Rendered};

/// `CREATE [ALGORITHM=..] [SQL SECURITY ..] VIEW v [(cols)] AS ... [WITH CHECK OPTION]`.
pub(super) fn create_view(v: &View, ctx: &RenderContext<'_>) -> Rendered {
    let mut head: Vec<String> = Vec::new();
    let mut check: Option<String> = None;
    let items = v.options.iter().chain(v.with_check_option.iter());
    for o in items {
        let t = o.trim();
        let up = t.to_ascii_uppercase();
        if up.contains("CHECK OPTION") {
            check = Some(if up.starts_with("WITH") { t.to_string() } else { format!("WITH {t}") });
        } else if matches!(up.as_str(), "LOCAL" | "CASCADED") {
            check = Some(format!("WITH {up} CHECK OPTION"));
        } else if up.starts_with("ALGORITHM") || up.starts_with("SQL SECURITY") {
            head.push(t.to_string());
        }
    }
    let mut s = String::from("CREATE ");
    for h in &head {
        s.push_str(h);
        s.push(' ');
    }
    s.push_str(&format!("VIEW {}", ctx.q(&v.name)));
    if !v.columns.is_empty() {
        s.push_str(&format!(" ({})", common::column_list(ctx.dialect(), &v.columns)));
    }
    s.push_str(&format!(" AS\n{}", v.query()));
    if let Some(c) = check {
        s.push_str(&format!("\n{c}"));
    }
    Rendered::tx(vec![s])
}

/// MySQL has no `CREATE OR REPLACE FUNCTION`: a changed routine is dropped first.
pub(super) fn create_function(f: &Function, ctx: &RenderContext<'_>) -> Rendered {
    let mut out = Vec::new();
    if ctx.from.functions.contains_key(&f.signature()) {
        let kind = if f.procedure { "PROCEDURE" } else { "FUNCTION" };
        out.push(format!("DROP {kind} IF EXISTS {}", ctx.q(&f.name)));
    }
    out.push(f.definition.trim().trim_end_matches(';').to_string());
    Rendered::tx(out)
}

/// Every option spelled out, defaults too (the model leaves MariaDB's defaults out): an ALTER
/// back to a default must say so, or the old value stays.
fn sequence_options(s: &Sequence) -> Vec<String> {
    let inc = s.increment.unwrap_or(1);
    let mut o = vec![format!("INCREMENT BY {inc}")];
    o.push(s.min_value.map(|v| format!("MINVALUE {v}")).unwrap_or_else(|| "NO MINVALUE".into()));
    o.push(s.max_value.map(|v| format!("MAXVALUE {v}")).unwrap_or_else(|| "NO MAXVALUE".into()));
    let start = s.start.unwrap_or(if inc > 0 { s.min_value.unwrap_or(1) } else { s.max_value.unwrap_or(-1) });
    o.push(format!("START WITH {start}"));
    o.push(format!("CACHE {}", s.cache.unwrap_or(1000)));
    o.push(if s.cycle { "CYCLE".into() } else { "NOCYCLE".into() });
    o
}

pub(super) fn create_sequence(s: &Sequence, ctx: &RenderContext<'_>) -> Rendered {
    Rendered::tx(vec![format!("CREATE SEQUENCE {} {}", ctx.q(&s.name), sequence_options(s).join(" "))])
}

/// A renamed sequence is `RENAME TABLE` (MariaDB renames sequences as tables; the current value
/// stays), then its options when they changed too.
pub(super) fn alter_sequence(from: &Sequence, to: &Sequence, ctx: &RenderContext<'_>) -> Rendered {
    let mut out = Vec::new();
    if from.name != to.name {
        out.push(format!("RENAME TABLE {} TO {}", ctx.q(&from.name), ctx.q(&to.name)));
    }
    let renamed = Sequence { name: to.name.clone(), ..from.clone() };
    if out.is_empty() || renamed != *to {
        out.push(format!("ALTER SEQUENCE {} {}", ctx.q(&to.name), sequence_options(to).join(" ")));
    }
    Rendered::tx(out)
}
