//! The `rotation` command line: parse, then hand each subcommand to its own small function.
//! Exit codes: 0 plan written (or plan passes `check`), 1 infeasible (with diagnosis) or a
//! plan breaks rules, 2 bad input or usage, 3 no plan (time limit reached before any plan,
//! or a solver failure).

mod args;
mod bench;
mod check;
mod compare;
mod explain;
mod help;
mod output;
mod report;
mod roll;
mod solve;
mod sweep;
mod threshold;
mod tools;
mod usage;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::lang::{self, Lang};
use output::input_failed;
pub use output::{EXIT_INFEASIBLE, EXIT_INPUT, EXIT_NO_PLAN, EXIT_OK, EXIT_WRITE};

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
    /// Where a policy breaks: the value of a numeric key where the scenario turns infeasible, by bisection, and what breaks there.
    Threshold(threshold::Args),
    /// What-if sweeps as job arrays (Slurm, Kubernetes, GNU parallel): plan, run, status, merge.
    Sweep(sweep::Args),
}

/// The first Ctrl-C or SIGTERM (a scheduler ending a job at its time limit) stops every
/// solve as its time limit would: the best plan so far is checked and written with its
/// bound and gap. A second ends at once, writing nothing (an interrupted write leaves the
/// old files or the new ones, whole). Only for the commands that solve: the others end at
/// the first, as any program does.
fn stop_on_signals() {
    let handler = || {
        if crate::solve::interrupted() {
            std::process::exit(130);
        }
        crate::solve::interrupt();
        eprintln!("\n{}", rust_i18n::t!("solve.interrupting"));
    };
    // A handler already set (a library user's, a second call) stays.
    let _ = ctrlc::set_handler(handler);
}

/// Runs the CLI on `args` and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    // The language comes first: `--help` and usage errors are in it too.
    lang::set(usage::lang_of(&args).unwrap_or_else(Lang::from_env));
    let mut cmd = help::localized(Cli::command());
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        // `--help` and `--version` print as clap writes them (in the words of `help`).
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return EXIT_OK;
        }
        Err(e) => return input_failed(&usage::usage_error(&e, &cmd, &args)),
    };
    lang::set(cli.lang.unwrap_or_else(Lang::from_env));
    crate::error::show_all(cli.all_errors);
    if matches!(
        cli.cmd,
        Cmd::Solve(_)
            | Cmd::Compare(_)
            | Cmd::Bench(_)
            | Cmd::Explain(_)
            | Cmd::Sweep(_)
            | Cmd::Threshold(_)
    ) {
        stop_on_signals();
    }
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
        Cmd::Sweep(a) => sweep::run(a),
        Cmd::Threshold(a) => threshold::run(a),
    }
}
