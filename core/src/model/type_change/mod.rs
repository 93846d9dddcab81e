//! Type changes: whether changing a column from one type to another loses or rejects data.

#[cfg(test)]
mod tests;
