//! The `schemashift` command line: a thin shell over the library (all I/O lives here and in
//! `cli/`).

mod cli;

/// mimalloc instead of the system's: the pipeline allocates many small strings and vectors, and
/// glibc's malloc spent a fifth of the CPU of a large input consolidating and unlinking chunks
/// (core/benches/README.md, "The command line's allocator"). The playground's wasm keeps its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = cli::run(&args);
    std::process::exit(code);
}
