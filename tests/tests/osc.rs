//! `--osc pt-osc` on MariaDB with pt-online-schema-change (`schemashift_e2e::osc`). Needs
//! Debian's `percona-toolkit` (`.ci/setup.sh` installs it); without it the test says so and
//! fails only under `SCHEMASHIFT_REQUIRE_TOOLS=1`.

use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::tools::Server;

#[test]
fn pt_online_schema_change_on_mariadb() {
    let found = std::process::Command::new("pt-online-schema-change").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var("SCHEMASHIFT_REQUIRE_TOOLS").is_err(), "pt-online-schema-change is not installed (.ci/setup.sh)");
        eprintln!("pt-online-schema-change is not installed: skipped (.ci/setup.sh installs percona-toolkit)");
        return;
    }
    let my = Mariadb::start().expect("MariaDB starts");
    let server = Server::Mariadb { port: my.port() };
    match schemashift_e2e::osc::scenario(&my, &server) {
        Ok(figures) => println!("MariaDB pt-online-schema-change: {figures}"),
        Err(e) => panic!("MariaDB pt-online-schema-change: {e}"),
    }
}
