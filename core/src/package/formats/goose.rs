//! goose: `migrations/{version}_{name}.sql` with `-- +goose Up` and `-- +goose Down`.
//!
//! goose splits a file on `;` at line ends and runs it in a transaction unless the file starts
//! with `-- +goose NO TRANSACTION`; statements that contain `;` themselves (function bodies)
//! are wrapped in `-- +goose StatementBegin` / `StatementEnd`.

use super::{stem, units};
use crate::package::{Meta, Package, Part};
use crate::Migration;

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, false);
    for (i, u) in units.iter().enumerate() {
        let mut text = String::new();
        if !u.transactional() {
            text.push_str("-- +goose NO TRANSACTION\n");
        }
        text.push_str("-- +goose Up\n");
        text.push_str(&statements(u.up.as_ref()));
        text.push_str("\n-- +goose Down\n");
        text.push_str(&statements(u.down.as_ref()));
        pkg.add(format!("migrations/{}.sql", stem(meta, &units, i, "_")), text);
    }
}

fn statements(part: Option<&Part>) -> String {
    let Some(p) = part else {
        return "-- nothing to do in this version\n".to_string();
    };
    let mut out = String::new();
    for s in p.steps.iter().flat_map(|s| &s.statements) {
        let s = s.trim_end().trim_end_matches(';');
        if s.contains(';') {
            out.push_str(&format!("-- +goose StatementBegin\n{s};\n-- +goose StatementEnd\n"));
        } else {
            out.push_str(&format!("{s};\n"));
        }
    }
    out
}

/// goose reads a line that STARTS with `--` and whose rest, trimmed, is one of its annotations
/// as that annotation wherever it is (pressly/goose `internal/sqlparser/parser.go`), inside a
/// multi-line string or a body too: `-- +goose Down` there would end the up section. Such a
/// line of a statement (either side) refuses the format.
pub fn misread_line(m: &Migration) -> Option<String> {
    const ANNOTATIONS: [&str; 7] = [
        "+goose Up",
        "+goose Down",
        "+goose StatementBegin",
        "+goose StatementEnd",
        "+goose NO TRANSACTION",
        "+goose ENVSUB ON",
        "+goose ENVSUB OFF",
    ];
    m.up.iter().chain(&m.down).flat_map(|s| &s.statements).flat_map(|s| s.lines()).find_map(|line| {
        let rest = line.strip_prefix("--")?.trim();
        ANNOTATIONS.contains(&rest).then(|| line.to_string())
    })
}
