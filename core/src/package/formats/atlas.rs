//! Atlas: a migration directory `migrations/{version}_{name}.sql` with its integrity file
//! `atlas.sum`. Atlas plans down migrations from the database itself, so only up files are
//! versioned (`down.sql` stays at the package root for review). A file that must run outside a
//! transaction starts with the `-- atlas:txmode none` directive.
//!
//! `atlas.sum` (Atlas `migrate.HashFile`): the `.sql` files sorted by name; a running SHA-256
//! is fed each file's name then its bytes, and after each file its base64 digest is that
//! file's line `name h1:<digest>`. The first line `h1:<sum>` is the base64 SHA-256 over every
//! (name, digest-text) pair concatenated.

use super::stem;
use crate::package::hash::{base64, Sha256};
use crate::package::Unit;
use crate::package::{Meta, Package};
use crate::Migration;

/// The versions: one per up part (Atlas has no down files).
pub fn units(m: &Migration) -> Vec<Unit> {
    super::units(m, false).into_iter().filter(|u| u.up.is_some()).collect()
}

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let Some(part) = &u.up else { continue };
        let mut text = String::new();
        if !part.transactional {
            text.push_str("-- atlas:txmode none\n\n");
        }
        text.push_str(&crate::plan::preamble::in_session(&m.target, part.body()));
        files.push((format!("{}.sql", stem(meta, &units, i, "_")), text.into_bytes()));
    }
    // Atlas has no down files: the reverse is kept once, for review.
    pkg.add("down.sql", super::plain::or_nothing(m.down_sql()));
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    pkg.add("migrations/atlas.sum", atlas_sum(&refs));
    for (name, bytes) in files {
        pkg.files.insert(format!("migrations/{name}"), bytes);
    }
}

/// The `atlas.sum` text for these migration files (names relative to the directory).
pub fn atlas_sum(files: &[(&str, &[u8])]) -> String {
    let mut sorted: Vec<&(&str, &[u8])> = files.iter().filter(|(n, _)| n.ends_with(".sql")).collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut running = Sha256::new();
    let mut lines: Vec<(String, String)> = Vec::new();
    for (name, bytes) in sorted {
        running.update(name.as_bytes());
        if sum_ignored(bytes) {
            continue;
        }
        running.update(bytes);
        lines.push((name.to_string(), base64(&running.digest())));
    }
    let mut total = Sha256::new();
    for (n, h) in &lines {
        total.update(n.as_bytes());
        total.update(h.as_bytes());
    }
    let mut out = format!("h1:{}\n", base64(&total.digest()));
    for (n, h) in &lines {
        out.push_str(&format!("{n} h1:{h}\n"));
    }
    out
}

/// A file whose first line is an `atlas:sum ignore` directive is left out of the sum.
fn sum_ignored(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let first = text.lines().next().unwrap_or("");
    match first.find("atlas:sum") {
        Some(pos) => crate::text::from(first, pos + "atlas:sum".len()).trim_start().starts_with("ignore"),
        None => false,
    }
}
