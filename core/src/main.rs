//! The `schemashift` command line: a thin shell over the library (all I/O lives here and in
//! `cli/`).

mod cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = cli::run(&args);
    std::process::exit(code);
}
