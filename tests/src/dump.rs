//! Real dumps: a schema is created in the engine, dumped with the engine's own tool
//! (`pg_dump --schema-only`, `mariadb-dump --no-data`, sqlite3 `.schema`), and the dump must
//! mean the same as the DDL it came from: both parse to the same model (`Schema::same_as`),
//! and the migration from the dump to the DDL is empty.

use crate::engine::{first_line, Engine};
use crate::roundtrip::{panic_text, Case, Data, Stage, Verdict};
use schemashift::model::Schema;
use schemashift::{parse, Dialect, Options};
use std::panic::{catch_unwind, AssertUnwindSafe};

fn fail(stage: Stage, message: impl Into<String>) -> Verdict {
    Verdict::Fail { stage, message: message.into() }
}

/// Parse with panics turned into errors.
fn parse_safe(dialect: Dialect, text: &str, what: &str) -> Result<parse::Parsed, Verdict> {
    catch_unwind(AssertUnwindSafe(|| parse::parse(dialect, text)))
        .map_err(|p| fail(Stage::Generate, format!("schemashift panicked parsing the {what}: {}", panic_text(&p))))
}

/// The dump check of one schema (the AFTER of a case).
pub fn verdict(engine: &dyn Engine, case: &Case) -> Verdict {
    match run(engine, case) {
        Ok(v) | Err(v) => v,
    }
}

fn run(engine: &dyn Engine, case: &Case) -> Result<Verdict, Verdict> {
    let dialect = case.dialect;
    engine.ensure_roles(&case.roles).map_err(|e| fail(Stage::Harness, e))?;
    let mut db = match crate::roundtrip::declared(engine, case, &case.after)? {
        Ok(db) => db,
        Err(e) => return Ok(Verdict::Inapplicable(format!("the schema does not apply: {}", first_line(&e)))),
    };
    let catalog = db.catalog().map_err(|e| fail(Stage::Harness, e))?;
    let dump = engine.dump(db.as_mut()).map_err(|e| fail(Stage::Harness, e))?;
    drop(db);
    let ddl = parse_safe(dialect, &case.after, "DDL")?;
    let dumped = parse_safe(dialect, &dump, "dump")?;
    if !catalog.is_empty() && ddl.schema.same_as(&Schema::new(dialect)) {
        return Err(fail(Stage::Generate, "schemashift parsed the DDL into an empty model, but the engine created objects from it"));
    }
    if !dumped.schema.same_as(&ddl.schema) {
        let error = dumped.diagnostics.iter().find(|d| d.is_error()).map(|d| format!("\n  dump diagnostic {d}")).unwrap_or_default();
        return Err(fail(
            Stage::DumpModel,
            format!("the dump's model differs from the DDL's: {}{error}", model_diff(&dumped.schema, &ddl.schema)),
        ));
    }
    let options = Options::new(dialect);
    let m = catch_unwind(AssertUnwindSafe(|| schemashift::generate(&dump, &case.after, &options)))
        .map_err(|p| fail(Stage::Generate, format!("schemashift panicked: {}", panic_text(&p))))?;
    if !m.up.is_empty() {
        return Err(fail(Stage::DumpMigration, format!("migration from the dump to the DDL:\n{}", crate::shorten(&m.up_sql(), 600))));
    }
    Ok(Verdict::Pass { data: Data::NotChecked("dump check".to_string()), seed_skipped: Vec::new() })
}

/// Which objects of two models differ, by kind and key, after what `Schema::same_as` unifies
/// (a MySQL charset one side leaves unstated, an event's unstated `STARTS`): the message names
/// the difference that made them unequal.
pub fn model_diff(a: &Schema, b: &Schema) -> String {
    let (mut a, mut b) = (a.clone(), b.clone());
    schemashift::model::unify_unspecified_charsets(&mut a, &mut b);
    schemashift::model::unify_unspecified_event_starts(&mut a, &mut b);
    let (a, b) = (&a, &b);
    fn maps<K: std::fmt::Debug + Ord, V: PartialEq + serde::Serialize>(
        out: &mut Vec<String>,
        kind: &str,
        a: &std::collections::BTreeMap<K, V>,
        b: &std::collections::BTreeMap<K, V>,
    ) {
        for (k, x) in a {
            match b.get(k) {
                None => out.push(format!("{kind} {k:?} only in the dump")),
                Some(y) if x != y => out.push(format!("{kind} {k:?} differs at {}", first_difference(x, y))),
                _ => {}
            }
        }
        out.extend(b.keys().filter(|k| !a.contains_key(*k)).map(|k| format!("{kind} {k:?} only in the DDL")));
    }
    let mut out = Vec::new();
    if a.namespaces != b.namespaces {
        out.push(format!("namespaces {:?} vs {:?}", a.namespaces, b.namespaces));
    }
    maps(&mut out, "extension", &a.extensions, &b.extensions);
    maps(&mut out, "type", &a.types, &b.types);
    maps(&mut out, "sequence", &a.sequences, &b.sequences);
    maps(&mut out, "table", &a.tables, &b.tables);
    maps(&mut out, "view", &a.views, &b.views);
    maps(&mut out, "function", &a.functions, &b.functions);
    maps(&mut out, "trigger", &a.triggers, &b.triggers);
    maps(&mut out, "event", &a.events, &b.events);
    maps(&mut out, "comment", &a.comments, &b.comments);
    maps(&mut out, "object kept whole", &a.opaque, &b.opaque);
    out.extend(a.grants.iter().filter(|g| !b.grants.contains(g)).map(|g| format!("grant {g:?} only in the dump")));
    out.extend(b.grants.iter().filter(|g| !a.grants.contains(g)).map(|g| format!("grant {g:?} only in the DDL")));
    let n = out.len();
    let mut text = out.into_iter().take(8).collect::<Vec<_>>().join(", ");
    if n > 8 {
        text.push_str(&format!(" ... ({n} in all)"));
    }
    text
}

/// About `n` corpus cases spread evenly over the list, those with a non-empty AFTER.
pub fn sample(cases: &[Case], n: usize) -> Vec<Case> {
    let candidates: Vec<&Case> = cases.iter().filter(|c| !c.after.trim().is_empty()).collect();
    let step = (candidates.len() / n.max(1)).max(1);
    candidates.iter().step_by(step).take(n).map(|c| (*c).clone()).collect()
}

/// The path of the first value that differs between two serialized objects, with both values
/// (the dump's first).
pub fn first_difference<T: serde::Serialize>(a: &T, b: &T) -> String {
    use serde_json::Value;
    fn walk(a: &Value, b: &Value, path: &mut String) -> Option<String> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    let vb = y.get(k).unwrap_or(&Value::Null);
                    if va != vb {
                        path.push_str(&format!(".{k}"));
                        return walk(va, vb, path);
                    }
                }
                None
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    if va != vb {
                        path.push_str(&format!("[{i}]"));
                        return walk(va, vb, path);
                    }
                }
                None
            }
            _ => Some(format!("{path}: {} vs {}", crate::shorten(&a.to_string(), 120), crate::shorten(&b.to_string(), 120))),
        }
    }
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(x), Ok(y)) => walk(&x, &y, &mut String::new()).unwrap_or_default(),
        _ => String::new(),
    }
}
