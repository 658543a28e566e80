//! `roll`: next year's scenario from this year's and the plan carried out (SCENARIO.md v2,
//! "Next year's scenario"). The rules work on texts, not on parsed staff: the roster's CSV
//! records by header name (`roster_table.rs`), so columns the reader does not know (HR
//! exports carry many), their order, a byte-order mark and CRLF line ends all survive; the
//! scenario's TOML through `toml_edit` (`scenario.rs`), so the user's comments and layout
//! survive.
//!
//! [`roll_roster`], [`inline_staff_csv`], [`rewrite_scenario`], [`next_name`] and
//! [`relative_path`] are pure functions of texts; [`prepare`] reads the files and applies
//! them, and [`write()`] writes every output in one atomic step.

mod files;
mod paths;
mod roster;
mod roster_table;
mod scenario;

pub use files::{prepare, write, Rolled};
pub use paths::{output_names, relative_path};
pub use roster::{retired_csv, roll_roster, Carried, Retiree, RolledRoster};
pub use scenario::{inline_staff_csv, next_name, rewrite_scenario};
