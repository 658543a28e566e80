//! The `rotation` command line: parse, then hand each subcommand to its own small function.
//! Exit codes: 0 plan written (or plan passes `check`), 1 infeasible (with diagnosis) or a
//! plan breaks rules, 2 bad input or usage, 3 no plan (time limit reached before any plan,
//! or a solver failure).

mod bench;
mod check;
mod compare;
mod explain;
mod report;
mod roll;
mod solve;
mod tools;
mod usage;

use rust_i18n::t;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::error::InputError;
use crate::instance::Instance;
use crate::lang::{self, Lang};

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

/// The command line.
#[derive(Parser, Debug)]
#[command(
    name = "rotation",
    version,
    about = "Plans teacher and cadre exchange (交流轮岗) inside school groups, optimally, with HiGHS"
)]
pub struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    /// Language of messages and output headers (default: from LC_ALL, LC_MESSAGES or LANG;
    /// a locale starting with `zh` gives Chinese).
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    /// Print every input problem; without it the first 100 are printed, then a count.
    #[arg(long, global = true)]
    all_errors: bool,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Solve a scenario: write roster.csv and summary.json, print the plan summary.
    Solve(solve::Args),
    /// Read and validate a scenario and policy; report every problem.
    Validate(check::ValidateArgs),
    /// Audit a plan roster (also a hand-made one) against every hard rule; print its objective.
    Check(check::Args),
    /// Time every scenario under every policy file: model size, build and solve ms, objective.
    Bench(bench::Args),
    /// Solve what-if variants side by side: scenarios × policies, plus one variant per --set.
    Compare(compare::Args),
    /// Write the exact model as an MPS or LP file, for checking our optimum with another solver.
    Export(tools::ExportArgs),
    /// Write a synthetic county (scenario + roster) for trying scale.
    Generate(tools::GenerateArgs),
    /// List the input error codes, each with what to do.
    Codes,
    /// List every policy key: type, default, valid range and meaning (Markdown).
    Keys,
    /// Write next year's scenario and roster from this year's and the plan carried out.
    Roll(roll::Args),
    /// Explain a plan person by person: candidacy, costs, rules met, and the plan without it.
    Explain(explain::Args),
    /// Write report.html for a plan roster (also a hand-made one): map, charts and table.
    Report(report::Args),
}

/// The policy options every subcommand that loads a scenario takes.
#[derive(clap::Args, Debug)]
pub(crate) struct PolicyArgs {
    /// Policy file (a constraint variant); overrides the scenario's `policy`.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Override one policy key, e.g. --set quota.rate=0.15 (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

/// Runs the CLI on `args` and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        // `--help` and `--version` print as clap writes them.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return EXIT_OK;
        }
        Err(e) => return input_failed(&usage::usage_error(&e, &args)),
    };
    lang::set(cli.lang.unwrap_or_else(Lang::from_env));
    crate::error::show_all(cli.all_errors);
    match cli.cmd {
        Cmd::Solve(a) => solve::run(a),
        Cmd::Validate(a) => check::validate(a),
        Cmd::Check(a) => check::run(a),
        Cmd::Bench(a) => bench::run(a),
        Cmd::Compare(a) => compare::run(a),
        Cmd::Export(a) => tools::export(a),
        Cmd::Generate(a) => tools::generate(a),
        Cmd::Codes => tools::codes(),
        Cmd::Keys => tools::keys(),
        Cmd::Roll(a) => roll::run(a),
        Cmd::Explain(a) => explain::run(a),
        Cmd::Report(a) => report::run(a),
    }
}

/// `KEY=VALUE` pairs of `--set`.
pub(crate) fn parse_sets(sets: &[String]) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::new();
    for s in sets {
        match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.push((k.trim().to_string(), v.trim().to_string()))
            }
            _ => {
                return Err(InputError::single(
                    "E1040",
                    Path::new("--set"),
                    None,
                    t!("tools.not_key_value", value = s),
                    t!("tools.not_key_value_fix"),
                ))
            }
        }
    }
    Ok(out)
}

/// `--time-limit S` and `--threads N` are sugar for `--set solver.time_limit_s=S` and
/// `--set solver.threads=N`: one path, one range check, one message.
pub(crate) fn solver_sets(time_limit: Option<f64>, threads: Option<u32>) -> Vec<(String, String)> {
    let mut sets = Vec::new();
    if let Some(t) = time_limit {
        // As TOML reads numbers: Debug keeps `1e-6` and `60.0`; `nan`, `inf` are words.
        let text = match t {
            t if t.is_nan() => "nan".to_string(),
            t if t.is_infinite() => (if t > 0.0 { "inf" } else { "-inf" }).to_string(),
            t => format!("{t:?}"),
        };
        sets.push(("solver.time_limit_s".to_string(), text));
    }
    if let Some(n) = threads {
        sets.push(("solver.threads".to_string(), n.to_string()));
    }
    sets
}

/// Loads a scenario with its policy options and extra `--set`s.
pub(crate) fn load(
    scenario: &Path,
    p: &PolicyArgs,
    extra: Vec<(String, String)>,
) -> Result<Instance, InputError> {
    let mut sets = parse_sets(&p.set)?;
    sets.extend(extra);
    crate::load::instance(scenario, p.policy.as_deref(), &sets)
}

/// Adds the `--baseline` plan, if any, to a loaded instance (its ids checked: E1031, E1032).
/// A baseline whose names or posts differ from the roster is warned about on stderr, as
/// `check` does: it may have been made against an older roster.
pub(crate) fn with_baseline(
    inst: Instance,
    baseline: Option<&Path>,
) -> Result<Instance, InputError> {
    let Some(path) = baseline else {
        return Ok(inst);
    };
    let (plan, rows) = crate::load::plan::read_plan_rows(&inst, path)?;
    let warnings = crate::load::plan::mismatches(&inst, &rows);
    eprint!("{}", check::render_warnings(&warnings, path));
    Ok(inst.with_baseline(plan))
}

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
