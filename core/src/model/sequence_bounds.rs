//! A sequence's effective bounds: the model leaves defaults out (`None`), PostgreSQL's rules
//! give them back (ascending: MINVALUE 1, MAXVALUE the type's maximum, START MINVALUE;
//! descending: MINVALUE the type's minimum, MAXVALUE -1, START MAXVALUE).

use super::Sequence;

impl Sequence {
    pub fn ascending(&self) -> bool {
        self.increment.unwrap_or(1) > 0
    }

    /// The smallest and largest value of the sequence's type.
    fn type_range(&self) -> (i128, i128) {
        match self.data_type.as_ref().map(|t| t.base.as_str()) {
            Some("smallint") => (i16::MIN as i128, i16::MAX as i128),
            Some("integer") => (i32::MIN as i128, i32::MAX as i128),
            _ => (i64::MIN as i128, i64::MAX as i128),
        }
    }

    /// Effective MINVALUE.
    pub fn effective_min(&self) -> i128 {
        self.min_value.unwrap_or(if self.ascending() { 1 } else { self.type_range().0 })
    }

    /// Effective MAXVALUE.
    pub fn effective_max(&self) -> i128 {
        self.max_value.unwrap_or(if self.ascending() { self.type_range().1 } else { -1 })
    }

    /// Effective START.
    pub fn effective_start(&self) -> i128 {
        self.start.unwrap_or(if self.ascending() { self.effective_min() } else { self.effective_max() })
    }

    /// True when `to`'s bounds are narrower than `self`'s: a current value may lie outside
    /// them, and PostgreSQL refuses the `ALTER SEQUENCE` until it is moved.
    pub fn narrowed_by(&self, to: &Sequence) -> bool {
        to.effective_min() > self.effective_min() || to.effective_max() < self.effective_max()
    }
}
