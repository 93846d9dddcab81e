//! The MySQL rules about InnoDB's online-DDL algorithms (which change copies the table, which
//! blocks writes, how long a metadata lock waits): engines that run every schema change online
//! their own way (TiDB's DDL jobs, Vitess's VReplication copy) replace them.

pub const INNODB_ALGORITHM_RULES: &[&str] = &[
    "mysql-add-auto-increment-column",
    "mysql-add-check-constraint",
    "mysql-add-column-expression-default",
    "mysql-add-column-not-instant",
    "mysql-add-foreign-key",
    "mysql-add-index-online",
    "mysql-add-primary-key",
    "mysql-add-stored-generated-column",
    "mysql-change-column-type",
    "mysql-convert-charset",
    "mysql-drop-column-rebuild",
    "mysql-drop-primary-key",
    "mysql-enum-set-change",
    "mysql-lock-wait-timeout",
    "mysql-nullability-rebuild",
    "mysql-table-options-rebuild",
    "mysql-varchar-length-bytes",
    "mysql-zero-downtime-not-online",
];
