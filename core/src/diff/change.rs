//! `Change`: one schema edit, the intermediate representation between the differ and the
//! renderers. The differ decides *what* changes; a renderer decides *how* it is written in a
//! dialect; risk rules judge each change.

use crate::model::{
    Column, CommentTarget, Constraint, EnumType, Event, Extension, Function, Grant, GrantState, Index, Opaque, Owner, Policy, QName,
    Sequence, Table, TableOptions, Trigger, UserType, View,
};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
// Whole tables travel in a few variants (created, rebuilt): a migration holds one `Change` per
// change, so their size does not matter and boxing them would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum Change {
    CreateNamespace {
        name: String,
    },
    DropNamespace {
        name: String,
    },
    CreateExtension {
        extension: Extension,
    },
    DropExtension {
        extension: Extension,
    },
    CreateType {
        ty: UserType,
    },
    DropType {
        ty: UserType,
    },
    /// `ALTER TYPE ... ADD VALUE` (PostgreSQL); `before`/`after` place the new label.
    AddEnumValue {
        name: QName,
        value: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// `ALTER TYPE ... RENAME VALUE` (PostgreSQL): a label renamed by AFTER's history.
    RenameEnumValue {
        name: QName,
        from: String,
        to: String,
    },
    /// Values removed or reordered: the enum is recreated and the columns using it converted.
    /// `columns` lists (table, column) that use the type.
    RebuildEnum {
        from: EnumType,
        to: EnumType,
        columns: Vec<(QName, String)>,
    },
    /// Any other change to a user type (domain, composite): `from` is dropped and `to` created.
    ReplaceType {
        from: UserType,
        to: UserType,
    },
    CreateSequence {
        sequence: Sequence,
    },
    DropSequence {
        sequence: Sequence,
    },
    AlterSequence {
        from: Sequence,
        to: Sequence,
    },
    /// Create a table with its columns, primary key, unique and check constraints. Foreign keys
    /// and indexes are separate `AddConstraint` / `CreateIndex` changes so cycles can be broken.
    CreateTable {
        table: Table,
    },
    DropTable {
        table: Table,
    },
    RenameTable {
        from: QName,
        to: QName,
    },
    AddColumn {
        table: QName,
        column: Column,
    },
    DropColumn {
        table: QName,
        column: Column,
    },
    RenameColumn {
        table: QName,
        from: String,
        to: String,
    },
    /// Any change to one column's definition (type, nullability, default, identity, generated,
    /// collation, comment...). Renderers emit what the dialect needs for the fields that differ.
    AlterColumn {
        table: QName,
        from: Column,
        to: Column,
    },
    AddConstraint {
        table: QName,
        constraint: Constraint,
    },
    DropConstraint {
        table: QName,
        constraint: Constraint,
    },
    RenameConstraint {
        table: QName,
        from: String,
        to: String,
    },
    CreateIndex {
        table: QName,
        index: Index,
    },
    DropIndex {
        table: QName,
        index: Index,
    },
    RenameIndex {
        table: QName,
        from: String,
        to: String,
    },
    /// PostgreSQL: the index (or key) `index` of the partition `table` attached to the index
    /// (or key) `parent_index` of its parent table `parent` (`ALTER INDEX ... ATTACH PARTITION`).
    AttachIndex {
        table: QName,
        index: String,
        parent: QName,
        parent_index: String,
    },
    AlterTableOptions {
        table: QName,
        from: TableOptions,
        to: TableOptions,
    },
    SetTableComment {
        table: QName,
        comment: Option<String>,
    },
    /// SQLite: recreate the table (the documented 12-step procedure) because ALTER TABLE cannot
    /// express the change. `from` is the table as it is, `to` as it must become; columns present
    /// in both (by name after renames, see `renamed_columns`) keep their data.
    RebuildTable {
        from: Table,
        to: Table,
        renamed_columns: Vec<(String, String)>,
    },
    /// Enable/disable/force row level security.
    SetRowSecurity {
        table: QName,
        enabled: bool,
        forced: bool,
    },
    CreatePolicy {
        table: QName,
        policy: Policy,
    },
    DropPolicy {
        table: QName,
        policy: Policy,
    },
    CreateView {
        view: View,
    },
    DropView {
        view: View,
    },
    CreateFunction {
        function: Function,
    },
    DropFunction {
        function: Function,
    },
    CreateTrigger {
        trigger: Trigger,
    },
    DropTrigger {
        trigger: Trigger,
    },
    /// MySQL/MariaDB scheduled events. An event that changes is altered in place (`ALTER EVENT`
    /// with every clause of `to`), keeping its definer and privileges.
    CreateEvent {
        event: Event,
    },
    DropEvent {
        event: Event,
    },
    AlterEvent {
        from: Event,
        to: Event,
    },
    /// `COMMENT ON <target> IS ...`: the comment alone changes (or the object was re-created
    /// without it).
    SetComment {
        target: CommentTarget,
        comment: Option<String>,
    },
    /// Statements about data, not schema: a user's data step (`/* schemashift:data-step ... */`)
    /// or the guard that checks a data move's rows before the first DDL. `tables` are the tables
    /// its SQL touches; the step's statements are given, never rendered from the change.
    DataStep {
        label: String,
        tables: Vec<QName>,
    },
    /// An object kept whole (`model::Opaque`). `replaced`: the object exists on both sides with
    /// a different text, so it is dropped and re-created (the `any-opaque-not-modelled` note).
    CreateOpaque {
        object: Opaque,
        replaced: bool,
    },
    DropOpaque {
        object: Opaque,
        replaced: bool,
    },
    /// PostgreSQL, a table whose partitioning changes (`diff/repartition.rs`), first half: the
    /// partitions AFTER keeps as tables of their own (`detach`: parent, partition) are detached
    /// with their rows, then the rest of its rows (its other partitions' too) are copied into
    /// `holding`, before the old table is dropped.
    HoldRows {
        table: Table,
        holding: QName,
        detach: Vec<(QName, QName)>,
    },
    /// Second half: once the new table and its partitions exist, the held rows go in (each to
    /// its partition; a row no partition takes fails the statement, and the transaction with
    /// it), `holding` is dropped and identity sequences continue after the copied values.
    RestoreRows {
        table: Table,
        holding: QName,
        columns: Vec<String>,
    },
    /// One privilege slot goes from one state to another (None: the engine's default).
    SetGrant {
        grant: Grant,
        from: Option<GrantState>,
        to: Option<GrantState>,
    },
    /// `ALTER ... OWNER TO` (`--owners`).
    SetOwner {
        owner: Owner,
    },
    /// One step of re-creating an object that depends on something the migration changes in a
    /// way the engine refuses while it exists (`diff/dependents.rs`): `change` drops it
    /// (`recreate: false`, before everything else) or creates it again (`recreate: true`,
    /// after everything else). `node` names the dependent, `needs` the dependents it reads
    /// (`plan::order` drops readers first and creates them last); `because` says what forced it.
    Dependent {
        recreate: bool,
        node: String,
        needs: Vec<String>,
        because: String,
        change: Box<Change>,
    },
}

impl Change {
    /// The table the change is about, if any.
    pub fn table(&self) -> Option<&QName> {
        use Change::*;
        match self {
            CreateTable { table } | DropTable { table } => Some(&table.name),
            RenameTable { to, .. } => Some(to),
            AddColumn { table, .. }
            | DropColumn { table, .. }
            | RenameColumn { table, .. }
            | AlterColumn { table, .. }
            | AddConstraint { table, .. }
            | DropConstraint { table, .. }
            | RenameConstraint { table, .. }
            | CreateIndex { table, .. }
            | DropIndex { table, .. }
            | RenameIndex { table, .. }
            | AttachIndex { table, .. }
            | AlterTableOptions { table, .. }
            | SetTableComment { table, .. }
            | SetRowSecurity { table, .. }
            | CreatePolicy { table, .. }
            | DropPolicy { table, .. } => Some(table),
            RebuildTable { to, .. } => Some(&to.name),
            HoldRows { table, .. } | RestoreRows { table, .. } => Some(&table.name),
            CreateTrigger { trigger } | DropTrigger { trigger } => Some(&trigger.table),
            DataStep { tables, .. } => tables.first(),
            Dependent { change, .. } => change.table(),
            _ => None,
        }
    }

    /// A short stable name of the operation (`add_column`), as serialized in `op`; a
    /// re-created dependent's is the operation it wraps (`drop_view`, `create_view`).
    pub fn op(&self) -> String {
        if let Change::Dependent { change, .. } = self {
            return change.op();
        }
        // The tag is the first field serde writes: read off the JSON text (the serializer the
        // result's JSON already uses), not through a `serde_json::Value` (its serializer code
        // would be in the page's wasm for this alone).
        let json = serde_json::to_string(self).unwrap_or_default();
        json.strip_prefix("{\"op\":\"").and_then(|rest| rest.split_once('"')).map(|(op, _)| op.to_string()).unwrap_or_default()
    }
}
