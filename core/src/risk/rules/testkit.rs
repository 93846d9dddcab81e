//! Test fixtures for rules: targets, tables and a context that owns its schemas.

use crate::diff::Change;
use crate::model::{Column, Constraint, ConstraintKind, DataType, Deferrable, Index, IndexElem, QName, Schema, Table};
use crate::plan::Step;
use crate::risk::rule::Rule;
use crate::risk::{Risk, RiskContext};
use crate::{Dialect, Flavor, Target};
use std::collections::BTreeMap;

pub fn pg(major: u32) -> Target {
    Target { dialect: Dialect::Postgres, flavor: Flavor::Postgres, version: (major, 0) }
}
pub fn pg_minor(major: u32, minor: u32) -> Target {
    Target { dialect: Dialect::Postgres, flavor: Flavor::Postgres, version: (major, minor) }
}
pub fn mysql(major: u32, minor: u32) -> Target {
    Target { dialect: Dialect::Mysql, flavor: Flavor::Mysql, version: (major, minor) }
}
pub fn mariadb(major: u32, minor: u32) -> Target {
    Target { dialect: Dialect::Mysql, flavor: Flavor::Mariadb, version: (major, minor) }
}
pub fn sqlite(minor: u32) -> Target {
    Target { dialect: Dialect::Sqlite, flavor: Flavor::Sqlite, version: (3, minor) }
}

/// `public.name` for PostgreSQL, bare `name` otherwise.
pub fn qn(target: Target, name: &str) -> QName {
    match target.dialect {
        Dialect::Postgres => QName::new("public", name),
        _ => QName::new("", name),
    }
}

pub fn col(name: &str, ty: &str) -> Column {
    Column::new(name, DataType::simple(ty))
}
pub fn col_args(name: &str, ty: &str, args: &[&str]) -> Column {
    Column::new(name, DataType::with_args(ty, args))
}
pub fn not_null(mut c: Column) -> Column {
    c.nullable = false;
    c
}
pub fn with_default(mut c: Column, d: &str) -> Column {
    c.default = Some(d.to_string());
    c
}

pub fn table(name: QName, cols: Vec<Column>) -> Table {
    let mut t = Table::new(name);
    t.columns = cols;
    t
}

pub fn constraint(name: &str, kind: ConstraintKind) -> Constraint {
    Constraint {
        name: Some(name.to_string()),
        kind,
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    }
}

pub fn index(name: &str, cols: &[&str], unique: bool) -> Index {
    Index {
        name: name.to_string(),
        unique,
        method: None,
        elems: cols.iter().map(|c| IndexElem::column(*c)).collect(),
        include: Vec::new(),
        predicate: None,
        kind: None,
        nulls_not_distinct: false,
        invisible: false,
        attached: None,
        with: None,
        tablespace: None,
        comment: None,
    }
}

/// A context that owns its schemas.
pub struct Fixture {
    pub target: Target,
    pub before: Schema,
    pub after: Schema,
    pub sizes: BTreeMap<String, u64>,
    pub zero_downtime: bool,
    pub renames: crate::diff::Renames,
    pub direction: crate::risk::Direction,
    pub preserved: Vec<crate::plan::Preserved>,
    pub osc: Option<crate::package::osc::Osc>,
}

impl Fixture {
    pub fn new(target: Target) -> Self {
        Fixture {
            target,
            before: Schema::new(target.dialect),
            after: Schema::new(target.dialect),
            sizes: BTreeMap::new(),
            zero_downtime: false,
            renames: crate::diff::Renames::default(),
            direction: crate::risk::Direction::Up,
            preserved: Vec::new(),
            osc: None,
        }
    }

    /// A table present before and after the migration.
    pub fn with_table(mut self, t: Table) -> Self {
        self.before.tables.insert(t.name.clone(), t.clone());
        self.after.tables.insert(t.name.clone(), t);
        self
    }

    pub fn before_table(mut self, t: Table) -> Self {
        self.before.tables.insert(t.name.clone(), t);
        self
    }

    pub fn after_table(mut self, t: Table) -> Self {
        self.after.tables.insert(t.name.clone(), t);
        self
    }

    /// A materialized view present before and after the migration.
    pub fn with_matview(mut self, name: QName) -> Self {
        let v = crate::model::View {
            name: name.clone(),
            spelled: None,
            materialized: true,
            columns: Vec::new(),
            definition: "SELECT 1 AS a".into(),
            options: Vec::new(),
            depends_on: Vec::new(),
            comment: None,
            with_check_option: None,
            indexes: Vec::new(),
            column_defaults: Default::default(),
            column_comments: Default::default(),
            column_storage: Default::default(),
            storage: Default::default(),
            source: Default::default(),
        };
        self.before.views.insert(name.clone(), v.clone());
        self.after.views.insert(name, v);
        self
    }

    pub fn rows(mut self, table: &str, n: u64) -> Self {
        self.sizes.insert(table.to_string(), n);
        self
    }

    pub fn ctx(&self) -> RiskContext<'_> {
        RiskContext {
            target: self.target,
            before: &self.before,
            after: &self.after,
            table_sizes: &self.sizes,
            zero_downtime: self.zero_downtime,
            data_moves: &[],
            proposals: &[],
            renames: &self.renames,
            direction: self.direction,
            preserved: &self.preserved,
            osc: self.osc,
            referencing_index: Default::default(),
        }
    }

    pub fn run(&self, rule: &Rule, change: Change, statements: &[&str]) -> Vec<Risk> {
        let step = Step::new(change, statements.iter().map(|s| s.to_string()).collect());
        (rule.check)(&step, &self.ctx())
    }

    /// Run and expect exactly one note from the rule.
    pub fn one(&self, rule: &Rule, change: Change, statements: &[&str]) -> Risk {
        let mut risks = self.run(rule, change, statements);
        assert_eq!(risks.len(), 1, "expected one note from {}, got {risks:#?}", rule.id);
        let r = risks.remove(0);
        assert_eq!(r.rule, rule.id);
        r
    }
}

/// `t` with a primary key on `column` (NOT NULL), as the online schema-change tools require.
pub fn keyed(mut t: Table, column: &str) -> Table {
    for c in t.columns.iter_mut().filter(|c| c.name == column) {
        c.nullable = false;
    }
    t.constraints.push(constraint("PRIMARY", ConstraintKind::PrimaryKey { columns: vec![column.to_string()] }));
    t
}
