//! Debug helper: parse two files of one dialect and print what differs between the models.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let d: schemashift::Dialect = args[1].parse().unwrap();
    let a = schemashift::parse::parse(d, &std::fs::read_to_string(&args[2]).unwrap());
    let b = schemashift::parse::parse(d, &std::fs::read_to_string(&args[3]).unwrap());
    for (n, p) in [("A", &a), ("B", &b)] {
        for diag in p.diagnostics.iter().filter(|x| !x.ignored) {
            println!("{n} {diag}");
        }
    }
    let (sa, sb) = (&a.schema, &b.schema);
    let ja = serde_json::json!({"tables": sa.tables.values().collect::<Vec<_>>(), "views": sa.views.values().collect::<Vec<_>>(),
        "types": sa.types.values().collect::<Vec<_>>(), "seqs": sa.sequences.values().collect::<Vec<_>>(), "ext": sa.extensions,
        "ns": sa.namespaces, "fns": sa.functions, "trg": sa.triggers.values().collect::<Vec<_>>(), "comments": sa.comments});
    let jb = serde_json::json!({"tables": sb.tables.values().collect::<Vec<_>>(), "views": sb.views.values().collect::<Vec<_>>(),
        "types": sb.types.values().collect::<Vec<_>>(), "seqs": sb.sequences.values().collect::<Vec<_>>(), "ext": sb.extensions,
        "ns": sb.namespaces, "fns": sb.functions, "trg": sb.triggers.values().collect::<Vec<_>>(), "comments": sb.comments});
    diff("", &ja, &jb);
    println!("same_as: {}", sa.same_as(sb));
}

fn diff(path: &str, a: &serde_json::Value, b: &serde_json::Value) {
    use serde_json::Value::*;
    match (a, b) {
        (Object(x), Object(y)) => {
            let keys: std::collections::BTreeSet<_> = x.keys().chain(y.keys()).collect();
            for k in keys {
                diff(&format!("{path}.{k}"), x.get(k).unwrap_or(&Null), y.get(k).unwrap_or(&Null));
            }
        }
        (Array(x), Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}[{i}]"), p, q);
            }
        }
        _ if a != b => println!("{path}:\n   A: {a}\n   B: {b}"),
        _ => {}
    }
}
