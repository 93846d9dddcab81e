//! The engines the round trip runs on, behind one interface.
//!
//! An [`Engine`] is a running server (or, for SQLite, a factory of in-memory databases) that
//! hands out empty databases. A [`Database`] runs SQL scripts the way the engine's own client
//! would (statement by statement), reads a normalized [`Catalog`](crate::catalog::Catalog)
//! snapshot, and offers what the data check needs (tables to seed, rows to read back).

pub mod mariadb;
mod mariadb_catalog;
pub mod postgres;
mod postgres_catalog;
mod process;
pub mod sqlite;
mod sqlite_catalog;

use crate::catalog::Catalog;
use schemashift::Dialect;

/// A table as the data check sees it: where it lives and what it holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeedTable {
    /// `schema.table` (PostgreSQL) or `table` (MariaDB, SQLite): the catalog's table key.
    pub key: String,
    /// The name as the engine stores it (unquoted).
    pub name: String,
    /// The table reference, quoted for the engine, ready to put in a statement.
    pub sql_name: String,
    pub columns: Vec<SeedColumn>,
    /// Keys of the tables this one references by foreign key (itself excluded).
    pub parents: Vec<String>,
    /// For a partitioned table: one assignment of partition-key columns to literals per
    /// partition (from the partition bounds), so seeded rows find a partition.
    pub partition_rows: Vec<Vec<(String, String)>>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeedColumn {
    pub name: String,
    /// The column type as the engine spells it (lower case): `character varying(10)`,
    /// `int(11)`, `enum('a','b')`, `text`...
    pub type_name: String,
    pub nullable: bool,
    pub has_default: bool,
    /// Generated or `GENERATED ALWAYS AS IDENTITY`: the engine fills it, an insert must omit it.
    pub engine_filled: bool,
    /// Labels of an enum type (PostgreSQL enum, MariaDB `enum(...)`/`set(...)`).
    pub labels: Vec<String>,
}

/// One row read back as text (`None` for SQL NULL), in the order of the columns asked for.
pub type Row = Vec<Option<String>>;

/// A running engine that hands out empty databases.
pub trait Engine: Send + Sync {
    fn dialect(&self) -> Dialect;
    /// A human label: `PostgreSQL 15.4`, `MariaDB 10.11.6`, `SQLite 3.46.0`.
    fn label(&self) -> String;
    /// An empty database. `name` asks for a database of that exact name (MariaDB cases that
    /// hard-code `mysqldef_test`); callers of a named database hold it alone until it drops.
    fn fresh(&self, name: Option<&str>) -> Result<Box<dyn Database>, String>;
    /// Roles (PostgreSQL) the case's SQL grants to or names as owners; created once, kept.
    fn ensure_roles(&self, roles: &[String]) -> Result<(), String>;
    /// Dump the database's schema with the engine's own tool (`pg_dump --schema-only`,
    /// `mariadb-dump --no-data`, sqlite3 `.schema`).
    fn dump(&self, db: &mut dyn Database) -> Result<String, String>;
}

/// One database of an engine, exclusively the caller's while held.
pub trait Database: Send {
    /// The database's name on the server (file path for SQLite).
    fn name(&self) -> String;
    /// Run a script statement by statement, as the engine's command-line client would. Stops at
    /// the first failing statement: the error names it and carries the engine's message.
    fn run_script(&mut self, sql: &str) -> Result<(), String>;
    /// Run a generated migration: like `run_script`, but where schema tools read more than
    /// the client (MariaDB `BEGIN ... END` bodies without `DELIMITER`), as strictly as the
    /// client does.
    fn run_migration(&mut self, sql: &str) -> Result<(), String> {
        self.run_script(sql)
    }
    /// Run one statement.
    fn execute(&mut self, sql: &str) -> Result<(), String>;
    /// Send a whole script as ONE query, as a driver's `Exec` of a file does (golang-migrate,
    /// Prisma): the server itself cuts it into statements, runs them in order and stops at
    /// the first error, which is returned. PostgreSQL's simple query and SQLite's batch do
    /// this in `execute`; MariaDB needs a multi-statement query whose every result is read.
    fn execute_multi(&mut self, sql: &str) -> Result<(), String> {
        self.execute(sql)
    }
    /// Run one query; values as text.
    fn query(&mut self, sql: &str) -> Result<Vec<Row>, String>;
    /// The normalized catalog snapshot.
    fn catalog(&mut self) -> Result<Catalog, String>;
    /// The tables to seed, with their columns and foreign-key parents.
    fn seed_tables(&mut self) -> Result<Vec<SeedTable>, String>;
    /// An identifier quoted for this engine.
    fn quote(&self, ident: &str) -> String;
    /// A select-list expression that reads the column as text.
    fn as_text(&self, quoted_column: &str) -> String;
}

/// The first line of an error message, for reports and the known-failures list.
pub fn first_line(message: &str) -> String {
    message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string()
}
