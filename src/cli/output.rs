//! What every command prints and how it ends: stdout that never panics, the exit codes,
//! input and write errors on stderr, progress, and the warnings of a plan roster read
//! against the scenario's roster.

use rust_i18n::t;
use std::io::IsTerminal;
use std::path::Path;

use crate::error::InputError;
use crate::load::plan::{Mismatch, PlanField};

// Printing never panics: a closed pipe (`rotation solve … | head`) just ends the output.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}
pub(crate) use {out, outln};

/// A plan was written, or a plan passes `check`.
pub const EXIT_OK: i32 = 0;
/// Infeasible (with diagnosis), or a plan breaks rules.
pub const EXIT_INFEASIBLE: i32 = 1;
/// Bad input or usage.
pub const EXIT_INPUT: i32 = 2;
/// No plan: the time limit came before any plan, or the solver failed.
pub const EXIT_NO_PLAN: i32 = 3;
/// An output could not be written (E1050); the run's status was printed before it.
pub const EXIT_WRITE: i32 = 4;

/// Prints every input problem; exit code 2.
pub(crate) fn input_failed(e: &InputError) -> i32 {
    eprintln!("{e}");
    EXIT_INPUT
}

/// An output that cannot be written is the user's to fix (a folder they chose): exit 2.
pub(crate) fn write_failed(path: &Path, what: &str, cause: impl std::fmt::Display) -> i32 {
    input_failed(&InputError::single(
        "E1050",
        path,
        None,
        t!("tools.cannot_write", what = what, error = cause),
        t!("tools.cannot_write_fix"),
    ));
    if path.join("summary.json").is_file() {
        eprintln!("{}", t!("tools.stale_outputs", dir = path.display()));
    }
    EXIT_WRITE
}

/// A progress bar on stderr (callers show it on a terminal only).
pub(crate) fn progress_bar(len: usize, template: &str) -> indicatif::ProgressBar {
    let b = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        b.set_style(style);
    }
    b
}

/// A progress line on stderr, on a terminal (or when ROTATION_PROGRESS is set).
pub(crate) fn progress(msg: &str) {
    if std::io::stderr().is_terminal() || std::env::var_os("ROTATION_PROGRESS").is_some() {
        eprintln!("{msg}");
    }
}

/// The warnings shown in the text of `check`; the rest are counted (`--json` has them all).
const WARNINGS_SHOWN: usize = 20;

/// The plan's differences from the scenario's roster, one line each, the first
/// [`WARNINGS_SHOWN`] and then how many more (`check --json` lists them all); empty when
/// there are none.
pub(crate) fn render_warnings(warnings: &[Mismatch], file: &std::path::Path) -> String {
    let more = |n: usize| t!("plan.warn.more", n = n).into_owned();
    warnings_text(warnings, file, more)
}

/// [`render_warnings`] for a command without `--json` (`report`, a `--baseline`): the count
/// of the rest names the `check` that lists them all.
pub(crate) fn render_warnings_no_json(warnings: &[Mismatch], file: &std::path::Path) -> String {
    let shown = file.display().to_string();
    let more = |n: usize| t!("tools.warn_more_check", n = n, file = shown).into_owned();
    warnings_text(warnings, file, more)
}

fn warnings_text(
    warnings: &[Mismatch],
    file: &std::path::Path,
    more: impl Fn(usize) -> String,
) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let file = file.display().to_string();
    let mut s = String::new();
    for w in warnings.iter().take(WARNINGS_SHOWN) {
        let (id, plan, line) = (&w.person, &w.plan, w.line);
        let line = match w.field {
            PlanField::Name => t!(
                "plan.warn.name",
                id = id,
                plan = plan,
                roster = w.roster,
                line = line,
                file = file
            ),
            PlanField::Post => {
                let post = crate::input::columns::parse_post(&w.roster);
                let roster = post
                    .map(crate::report::workbook::post_word)
                    .unwrap_or_default();
                t!(
                    "plan.warn.post",
                    id = id,
                    plan = plan,
                    roster = roster,
                    line = line,
                    file = file
                )
            }
            PlanField::HomeSchool => t!(
                "plan.warn.home_school",
                id = id,
                plan = plan,
                roster = w.roster,
                line = line,
                file = file
            ),
        };
        s += &format!("{line}\n");
    }
    if warnings.len() > WARNINGS_SHOWN {
        s += &format!("{}\n", more(warnings.len() - WARNINGS_SHOWN));
    }
    s + &format!("{}\n", t!("plan.warn.note"))
}
