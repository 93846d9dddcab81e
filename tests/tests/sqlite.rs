//! The sqlite engine suite: harness self-checks, hand-written cases, the peer corpus and real
//! dumps, all against one engine start (see `schemashift_e2e::suites`).

fn main() -> std::process::ExitCode {
    schemashift_e2e::suites::main(schemashift::Dialect::Sqlite)
}
