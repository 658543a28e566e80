//! `roll`: next year's scenario from this year's and the plan carried out (SCENARIO.md v2,
//! "Next year's scenario"). The rules work on texts, not on parsed staff: the roster's CSV
//! records by header name (`roster_table.rs`), so columns the reader does not know (HR
//! exports carry many), their order, a byte-order mark and CRLF line ends all survive; the
//! scenario's TOML through `toml_edit` (`scenario_rewrite.rs`), so the user's comments and
//! layout survive; a roster kept as a workbook rolls into a workbook with the same sheet,
//! columns and headers, each cell of the kind it was (`workbook.rs`), so that ids typed as
//! text stay text. The roster is read as the scenario reader reads it (`roster_file.rs`):
//! the same sheet and header row, the same people; the rows above the header (a title,
//! notes, a grouped header, with their merges) and the total and note rows are carried
//! unchanged, never counted or touched by the rules.
//!
//! [`roll_roster`] (the roster rules, `roster_rules.rs`), [`inline_staff_csv`],
//! [`rewrite_scenario`], [`next_name`] and [`relative_path`] (`paths.rs`) are pure functions
//! of texts; [`prepare()`] (`prepare.rs`) reads the files and applies them, and [`write()`]
//! writes every output in one atomic step.

mod paths;
mod prepare;
mod roster_file;
mod roster_rules;
mod roster_table;
mod scenario_rewrite;
mod workbook;

pub use paths::{output_names, relative_path};
pub use prepare::{prepare, write, Rolled};
pub use roster_rules::{retired_csv, roll_roster, Carried, Retiree, RolledRoster};
pub use scenario_rewrite::{inline_staff_csv, next_name, rewrite_scenario};
