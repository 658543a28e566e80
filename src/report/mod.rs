//! Results for people and programs, one run at a time: `roster.csv`, `plan.xlsx`
//! ([`workbook`]) and `summary.json` ([`plan_files`]), the page ([`html`]) and the terminal
//! text ([`render`]) in plain tables. Files are written by [`crate::write`].

mod format;
pub mod html;
mod kpi_table;
pub mod notice;
mod outputs;
mod plan_xlsx;
mod terminal;
mod text_table;
pub mod workbook;
mod workbook_kpi;
pub mod workbook_notice;

pub(crate) use format::{file_label, fmt_amount, gap_text, opt_num, status_word};
pub use outputs::{
    plan_data, plan_files, roster_csv, seal, PLAN_OUTPUTS, REPORT_FILE, SOLVE_OUTPUTS,
};
pub use plan_xlsx::plan_xlsx;
pub use terminal::{render, render_baseline, render_violations};
pub(crate) use text_table::table;
pub use workbook::ROSTER_COLUMNS;
pub use workbook_kpi::KPI_SHEET;
