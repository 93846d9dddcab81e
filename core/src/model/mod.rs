//! The normalized schema model: what a schema *means*, independent of how it was written.
//!
//! Two inputs that mean the same schema produce equal models (after `parse` normalizes names, types,
//! defaults and implicit constraint names), so the differ can compare them field by field.
//! Everything is kept in ordered maps so that iteration, and therefore output, is deterministic.

mod column;
mod comment;
mod constraint;
mod event;
mod index;
mod name;
mod objects;
mod opaque;
mod privilege;
mod references;
mod schema;
mod sequence_bounds;
mod storage;
mod table;
pub mod type_change;
mod types;
mod unspecified;

#[cfg(test)]
mod tests;

pub use column::{Column, Generated, Identity, IdentityKind};
pub use comment::CommentTarget;
pub use constraint::{Constraint, ConstraintKind, Deferrable, FkAction, FkMatch};
pub use event::Event;
pub use index::{Index, IndexElem};
pub use name::QName;
pub use objects::{
    routine_head, AsWritten, Attribute, Domain, EnumType, Extension, Function, Policy, RangeType, Sequence, Trigger, UserType, View,
};
pub use opaque::Opaque;
pub use privilege::{known_owner, unify_owner_grants, Grant, GrantState, Owner};
pub use references::Names;
pub use schema::{Backfill, Conversion, CopyHint, DataStepHint, HistoryUpdate, RenameHint, RenameKind, Schema, ValueRename};

pub use storage::{default_storage, option_key, set_option, ColumnStorage, IndexParams, KeyPart, RelStorage};
pub use table::{Partition, Table, TableOptions};
pub use types::{sqlite_affinity, DataType};
pub use unspecified::{unify_unspecified_charsets, unify_unspecified_event_starts};
