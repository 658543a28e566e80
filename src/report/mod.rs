//! Results for people and programs, one run at a time: `roster.csv`, `plan.xlsx`
//! ([`workbook`]) and `summary.json` ([`plan_files`]), the page ([`html`]) and the terminal
//! text ([`render`]) in plain tables. Files are written by [`crate::write`].

mod format;
pub mod html;
mod outputs;
mod terminal;
mod text_table;
pub mod workbook;

use crate::check::Violation;
use crate::instance::Instance;
use crate::rules::{Detail, Label};

pub(crate) use format::{file_label, fmt_amount, gap_text, opt_num, status_word};
pub use outputs::{
    plan_data, plan_files, roster_csv, seal, PLAN_OUTPUTS, REPORT_FILE, SOLVE_OUTPUTS,
};
pub use terminal::{render, render_baseline, render_violations};
pub(crate) use text_table::table;
pub use workbook::{plan_xlsx, ROSTER_COLUMNS};

/// A solver slack row as a violation in the checker's terms (for diagnosis and tests).
pub fn slack_violation(inst: &Instance, label: &Label, amount: f64) -> Violation {
    let school = inst.school(label.school).id.clone();
    let detail = match label.detail {
        Detail::None => None,
        Detail::Subject(k) => Some(inst.subjects[k.ix()].clone()),
        Detail::Member(m) => Some(inst.school(m).id.clone()),
        Detail::Surplus => Some("surplus".into()),
        Detail::Deficit => Some("deficit".into()),
    };
    let what = detail
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let message = format!(
        "{} at {school}{what} in {}: short by {}",
        label.rule.title(),
        label.year,
        fmt_amount(amount)
    );
    Violation {
        rule: label.rule,
        school: Some(school),
        detail,
        person: None,
        year: Some(label.year),
        amount,
        message,
        cause: None,
    }
}
