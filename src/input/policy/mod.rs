//! The policy file (one constraint variant): every field, its default from MODEL.md, and
//! [`KEYS`], the one table of keys that the file reader, `--set`, the range checks, the
//! did-you-mean hints and docs/POLICY.md all read.
//!
//! Each key is declared once, in keys.rs; the files here import each other directly, and
//! this one only names them and gives the paths the rest of the crate uses.

mod declare;
mod docs_table;
mod key_values;
mod keys;
mod policy_file;
mod range;
mod set_overrides;
mod value_parsers;
mod words;

pub use docs_table::keys_markdown;
pub use keys::{
    EquityTarget, GroupFlow, Key, Kind, Policy, Quota, Slot, SolverOptions, Weights, KEYS,
};
pub use range::{Range, MAX_KM, MAX_SECONDS, MAX_THREADS, MAX_WEIGHT};
pub use set_overrides::apply_sets;
