//! Debug helper: parse a file and print error diagnostics with the offending line.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let d: schemashift::Dialect = args[1].parse().unwrap();
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let p = schemashift::parse::parse(d, &text);
    for diag in p.diagnostics.iter().filter(|x| x.is_error() || args.len() > 3) {
        println!("{diag}");
        if let Some(l) = text.lines().nth(diag.line.saturating_sub(1)) {
            println!("    | {l}");
        }
    }
}
