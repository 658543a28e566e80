//! Reading the user's files: TOML with line numbers, CSV rosters, policy files.

pub mod columns;
pub mod did_you_mean;
pub(crate) mod line_index;
pub mod policy;
pub mod records;
pub mod scenario;
pub(crate) mod sheet;
pub mod subjects;
pub mod toml_with_lines;
