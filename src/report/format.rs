//! How figures and words are written where people read them, in the terminal and on the
//! page alike: numbers with their decimals, gaps, run statuses, file labels.

use std::path::Path;

use rust_i18n::t;

/// A number with `digits` decimals for tables, `-` when there is none.
pub(crate) fn opt_num(v: Option<f64>, digits: usize) -> String {
    v.map(|x| format!("{x:.digits$}"))
        .unwrap_or_else(|| "-".into())
}

/// A relative gap as a percentage for tables, `-` when there is none.
pub(crate) fn gap_text(gap: Option<f64>) -> String {
    gap.map(|g| format!("{:.4}%", g * 100.0))
        .unwrap_or_else(|| "-".into())
}

/// A count that may be fractional (the backbone share), without needless decimals.
pub(crate) fn fmt_amount(a: f64) -> String {
    if (a - a.round()).abs() < 1e-6 {
        format!("{}", a.round())
    } else {
        format!("{a:.2}")
    }
}

/// A run status (`optimal`, ...) in the language in force, for printed tables and pages;
/// files keep the English word.
pub(crate) fn status_word(status: &str) -> String {
    match status {
        "optimal" => t!("tools.status.optimal"),
        "feasible" => t!("tools.status.feasible"),
        "infeasible" => t!("tools.status.infeasible"),
        "no_plan_in_time" => t!("tools.status.no_plan_in_time"),
        "error" => t!("tools.status.error"),
        other => return other.to_string(),
    }
    .into_owned()
}

/// A file's name without folder and extension, to label it in tables.
pub(crate) fn file_label(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
