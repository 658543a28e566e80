//! Reading the user's files: TOML with line numbers, CSV rosters, policy files.

pub mod columns;
pub mod policy;
pub mod records;
pub mod scenario;
pub(crate) mod sheet;
pub mod tree;
