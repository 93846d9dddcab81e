//! README.md shows `docs/timeline.svg`: the package's `timeline.svg` for the example in
//! `docs/timeline-example/` (PostgreSQL, `--env prod`, the table sizes in `sizes.txt`). This
//! regenerates it and fails when the committed picture is stale; `SCHEMASHIFT_UPDATE_DOCS=1`
//! rewrites it.

use schemashift::package::{build, Format, PackageOptions};
use schemashift::profile::Profile;
use schemashift::{generate, Dialect, Options};
use std::path::Path;

#[test]
fn readme_timeline_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("docs");
    let read = |f: &str| std::fs::read_to_string(root.join("timeline-example").join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let mut o = Options::new(Dialect::Postgres);
    o.set_table_sizes(&read("sizes.txt"));
    Profile::named("prod").unwrap().apply(&mut o);
    let m = generate(&read("before.sql"), &read("after.sql"), &o);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "1")).unwrap();
    let svg = pkg.text("timeline.svg").expect("the package has timeline.svg");
    let path = root.join("timeline.svg");
    if std::env::var_os("SCHEMASHIFT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, svg).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == svg, "docs/timeline.svg is stale: rerun with SCHEMASHIFT_UPDATE_DOCS=1");
}
