//! The MariaDB engine suite in zero-downtime mode: hand-written cases and the peer corpus
//! round-tripped with `--zero-downtime` (see `schemashift_e2e::suites::zero_downtime_main`).

fn main() -> std::process::ExitCode {
    schemashift_e2e::suites::zero_downtime_main(schemashift::Dialect::Mysql)
}
