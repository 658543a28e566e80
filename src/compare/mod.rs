//! What-if comparison: several variants (scenarios × policies, plus `--set` changes) solved
//! side by side, with the figures HR compares and the plan differences against the first.
//!
//! The steps, a file each: [`variants()`] and [`load_all`] make and load them,
//! [`solve_all()`] solves them several at once, [`VariantResult`] is what a comparison reads of each (also from
//! a sweep's result folders), [`metrics()`] and [`diff()`] compare them;
//! `tables.rs` prints the tables, `folder.rs` writes the CSV and JSON files into `--out`,
//! `page.rs` the `report.html` (with `grouped_bars.rs`).

mod across;
mod diff;
mod folder;
mod grouped_bars;
mod line_chart;
mod metrics;
mod page;
mod result;
mod solve_all;
mod spread;
mod tables;
mod variants;

pub use across::{metrics, weights_differ, WeightDiff, WeightValue};
pub use diff::{diff, PersonDiff};
pub(crate) use folder::{comparison_json, diff_csv, metrics_csv, slug, variant_files};
pub use line_chart::{swept, Swept};
pub use metrics::Metrics;
pub use page::compare_report;
pub use result::{provenance_of, Start, VariantResult};
pub use solve_all::{solve_all, SolvedVariant};
pub use spread::Spread;
pub(crate) use tables::{render_diff, render_table, render_weights_warning};
pub use variants::{
    expand_values, join_lists, load_all, split_changes, values_of, variants, with_sets, Variant,
};
