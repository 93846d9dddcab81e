//! `calibrate.sql`: a small sample timed on the user's server — a table of `SAMPLE_ROWS` rows
//! loaded, indexed and updated — whose elapsed time over the calibration machine's
//! (`model::sample_ref_ms`) is the factor `--speed-factor` takes back. It creates and drops the
//! table `schemashift_calibrate`: run it on a server like production (a staging copy).

use super::model;
use crate::Dialect;

/// Rows of the sample.
pub const SAMPLE_ROWS: u64 = 200_000;

/// The name of the sample table.
pub const TABLE: &str = "schemashift_calibrate";

/// The calibration script for `d`. Its last query prints `sample_ms` and `speed_factor`.
pub fn calibrate_sql(d: Dialect) -> String {
    let reference = model::sample_ref_ms(d);
    let n = SAMPLE_ROWS;
    let head = format!(
        "-- schemashift calibration: times a sample of {n} rows (load, index, update) on this server\n\
         -- and compares it with the machine the estimates were calibrated on ({reference} ms there).\n\
         -- It creates and drops the table {TABLE}: run it on a server like production (a staging\n\
         -- copy), when it is as busy as during the migration. Then pass the factor it prints back:\n\
         --   schemashift diff ... --speed-factor <speed_factor>\n\
         -- (above 1: this server is slower, every estimate is multiplied by it).\n\n"
    );
    let body = match d {
        Dialect::Postgres => format!(
            "DROP TABLE IF EXISTS {TABLE};\n\
             CREATE TEMP TABLE {TABLE}_start AS SELECT clock_timestamp() AS t0;\n\
             CREATE TABLE {TABLE} (id bigint PRIMARY KEY, a int, b text, c int, d timestamptz);\n\
             INSERT INTO {TABLE} SELECT g, g % 1000, md5(g::text) || 'calibrate', g % 97, now() FROM generate_series(1, {n}) g;\n\
             CREATE INDEX {TABLE}_a ON {TABLE} (a);\n\
             UPDATE {TABLE} SET c = c + 1;\n\
             SELECT round(extract(epoch FROM clock_timestamp() - t0) * 1000) AS sample_ms,\n       \
             round((extract(epoch FROM clock_timestamp() - t0) * 1000 / {reference})::numeric, 2) AS speed_factor\n\
             FROM {TABLE}_start;\n\
             DROP TABLE {TABLE};\n\
             DROP TABLE {TABLE}_start;\n"
        ),
        Dialect::Mysql => {
            let digits = "(SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            let joins: Vec<String> = (1..=6).map(|k| format!("{digits} d{k}")).collect();
            format!(
                "DROP TABLE IF EXISTS {TABLE};\n\
                 SET @schemashift_t0 = NOW(6);\n\
                 CREATE TABLE {TABLE} (id BIGINT PRIMARY KEY, a INT, b VARCHAR(48), c INT, d DATETIME) ENGINE=InnoDB;\n\
                 INSERT INTO {TABLE} SELECT n, n % 1000, CONCAT(MD5(n), 'calibrate'), n % 97, NOW() FROM (\n  \
                 SELECT d1.i + 10 * d2.i + 100 * d3.i + 1000 * d4.i + 10000 * d5.i + 100000 * d6.i + 1 AS n\n  FROM {}\n) g WHERE n <= {n};\n\
                 ALTER TABLE {TABLE} ADD INDEX {TABLE}_a (a);\n\
                 UPDATE {TABLE} SET c = c + 1;\n\
                 SELECT ROUND(TIMESTAMPDIFF(MICROSECOND, @schemashift_t0, NOW(6)) / 1000) AS sample_ms,\n       \
                 ROUND(TIMESTAMPDIFF(MICROSECOND, @schemashift_t0, NOW(6)) / 1000 / {reference}, 2) AS speed_factor;\n\
                 DROP TABLE {TABLE};\n",
                joins.join(",\n       ")
            )
        }
        Dialect::Sqlite => format!(
            "DROP TABLE IF EXISTS {TABLE};\n\
             CREATE TEMP TABLE {TABLE}_start AS SELECT julianday('now') AS t0;\n\
             CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c INTEGER, d TEXT);\n\
             WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {n})\n\
             INSERT INTO {TABLE} SELECT n, n % 1000, hex(randomblob(16)) || 'calibrate', n % 97, datetime('now') FROM g;\n\
             CREATE INDEX {TABLE}_a ON {TABLE} (a);\n\
             UPDATE {TABLE} SET c = c + 1;\n\
             SELECT round((julianday('now') - t0) * 86400000) AS sample_ms,\n       \
             round((julianday('now') - t0) * 86400000 / {reference}, 2) AS speed_factor\n\
             FROM {TABLE}_start;\n\
             DROP TABLE {TABLE};\n\
             DROP TABLE {TABLE}_start;\n"
        ),
    };
    format!("{head}{body}")
}
