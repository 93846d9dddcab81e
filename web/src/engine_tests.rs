//! The generator stays out of the main wasm module: only `engine.rs` (and the functions of
//! `run/` it calls) may call the core's generation; any other call outside tests would make
//! `wasm-split` keep the generator in the first load (web/BUNDLE.md).

use std::path::{Path, PathBuf};

/// Calls that reach the generator.
const GENERATING: [&str; 6] =
    ["schemashift::generate(", "Session::new(", "Session::idle", "run::outcome(", "run::json(", "generate_keeping("];

/// Files allowed to make them: the engine, and what it calls.
const ALLOWED: [&str; 3] = ["engine.rs", "run/outcome.rs", "run/shipped.rs"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_engine_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut found = Vec::new();
    for path in files {
        let name = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        if ALLOWED.contains(&name.as_str()) || name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // The code before the file's test module.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            if !line.trim_start().starts_with("//") && GENERATING.iter().any(|g| line.contains(g)) {
                found.push(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "generate through engine::Generator (engine.rs):\n{}", found.join("\n"));
}
