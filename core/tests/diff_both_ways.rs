//! `diff::diff_both_ways` (down takes the tables up found equal) gives exactly the two
//! `diff_owners_if` calls it stands for, on every engine test case of the three dialects and on
//! the peer corpus (when present), both sides swapped too, with and without owners.

mod fuzz_support;

use fuzz_support::{corpus_cases, engine_cases};
use schemashift::diff::{diff_both_ways, diff_owners_if, Renames};
use schemashift::{parse, Dialect, Target};

fn check(id: &str, d: Dialect, before: &str, after: &str) {
    let target = Target::default_for(d);
    let (b, a) = (parse::parse_for(target, before).schema, parse::parse_for(target, after).schema);
    let (renames, _, _) = Renames::collect_all(&b, &a, &[]);
    for owners in [false, true] {
        let (up, down) = diff_both_ways(&b, &a, &target, &renames, owners);
        let up_alone = diff_owners_if(&b, &a, &target, &renames, owners);
        let down_alone = diff_owners_if(&a, &b, &target, &renames.reversed(), owners);
        assert_eq!(up.changes, up_alone.changes, "{id}: up changes");
        assert_eq!(up.suggestions, up_alone.suggestions, "{id}: up suggestions");
        assert_eq!(down.changes, down_alone.changes, "{id}: down changes");
        assert_eq!(down.suggestions, down_alone.suggestions, "{id}: down suggestions");
    }
}

#[test]
fn both_ways_equals_two_diffs() {
    let mut n = 0;
    for (dir, d) in [("postgres", Dialect::Postgres), ("mysql", Dialect::Mysql), ("sqlite", Dialect::Sqlite)] {
        for (name, before, after) in engine_cases(dir) {
            check(&name, d, &before, &after);
            check(&format!("{name} swapped"), d, &after, &before);
            n += 1;
        }
    }
    assert!(n > 100, "only {n} engine cases found");
    for c in corpus_cases() {
        check(&c.id, c.dialect, &c.before, &c.after);
    }
}
