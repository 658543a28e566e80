//! What-if comparison: several variants (scenarios × policies, plus `--set` changes) solved
//! side by side, with the figures HR compares and the plan differences against the first.
//!
//! The steps, a file each: [`variants()`] and [`load_all`] make and load them, [`solve_all`]
//! solves them several at once, [`metrics()`] and [`diff()`] compare them; `terminal.rs` prints
//! the tables, `files.rs` writes the CSV and JSON files, `page.rs` the `report.html`.

mod bars;
mod diff;
mod files;
mod metrics;
mod page;
mod parallel;
mod terminal;
mod variants;

pub use diff::{diff, Change};
pub(crate) use files::{comparison_json, diff_csv, metrics_csv, slug, variant_files};
pub use metrics::{metrics, weights_differ, Metrics, WeightDiff, WeightValue};
pub use page::compare_report;
pub use parallel::{solve_all, SolvedVariant};
pub(crate) use terminal::{render_diff, render_table, render_weights_warning};
pub use variants::{load_all, split_changes, variants, Variant};
