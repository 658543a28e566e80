//! `rotation sweep plan | run | status | merge`: a grid of what-ifs as a job array for the
//! scheduler the user has, and its results merged into one comparison.

use std::path::PathBuf;

use rayon::prelude::*;
use rust_i18n::t;

use super::compare::{exit_code, present, said_written, say_warnings, write_comparison};
use super::output::{
    input_failed, outln, write_failed, EXIT_INFEASIBLE, EXIT_INPUT, EXIT_NO_PLAN, EXIT_OK,
};
use crate::compare::{self, VariantResult};
use crate::report::status_word;
use crate::sweep::{self, Launch, PlanError, Ran, State};
use crate::write::OutputLock;

/// `sweep` arguments. No `help` subcommand of its own (`rotation help sweep plan` and
/// `rotation sweep plan --help` say it).
#[derive(clap::Args, Debug)]
#[command(disable_help_subcommand = true)]
pub(crate) struct Args {
    #[command(subcommand)]
    cmd: Step,
}

#[derive(clap::Subcommand, Debug)]
enum Step {
    /// Copy every input of a grid (sweep.toml) into a folder and write tasks.json and the launchers (Slurm, Kubernetes, GNU parallel).
    Plan(PlanArgs),
    /// Solve one task of a planned sweep (or --all), into DIR/results/INDEX/.
    Run(RunArgs),
    /// Say which tasks are done, failed, running or missing.
    Status(StatusArgs),
    /// Compare the finished tasks as `compare` does: comparison.csv/json, diff.csv, report.html.
    Merge(MergeArgs),
}

#[derive(clap::Args, Debug)]
struct PlanArgs {
    /// The grid file (sweep.toml).
    grid: PathBuf,
    /// The sweep folder to write.
    #[arg(long)]
    out: PathBuf,
    /// Tasks running at once (Slurm's %K, Kubernetes' parallelism); 0: all.
    #[arg(long, default_value_t = 0)]
    parallel: usize,
    /// CPUs per task: HiGHS threads of each solve (1, as `compare` gives each variant).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1024))]
    cpus: u32,
    /// The rotation program as the nodes find it (default: this program's full path).
    #[arg(long)]
    program: Option<String>,
    /// Kubernetes: the container image holding rotation.
    #[arg(long, default_value = "rotation:latest")]
    image: String,
    /// Kubernetes: the persistent volume claim holding the sweep folder.
    #[arg(long, default_value = "rotation-sweep")]
    claim: String,
}

#[derive(clap::Args, Debug)]
struct RunArgs {
    /// The sweep folder.
    dir: PathBuf,
    /// The task to solve (the array task id).
    #[arg(long, required_unless_present = "all", conflicts_with = "all")]
    index: Option<usize>,
    /// Solve every task not done yet, here.
    #[arg(long)]
    all: bool,
    /// With --all: tasks solved at once (0: one per core).
    #[arg(long, default_value_t = 0)]
    jobs: usize,
    /// HiGHS threads of each solve.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: u32,
}

#[derive(clap::Args, Debug)]
struct StatusArgs {
    /// The sweep folder.
    dir: PathBuf,
}

#[derive(clap::Args, Debug)]
struct MergeArgs {
    /// The sweep folder.
    dir: PathBuf,
    /// Folder for comparison.csv/json, diff.csv (default: the sweep folder).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write report.html: the variants' figures as grouped bars and who moves differently.
    #[arg(long)]
    report: bool,
    /// People listed per plan diff on the terminal.
    #[arg(long, default_value_t = 15)]
    diff_rows: usize,
}

pub(crate) fn run(a: Args) -> i32 {
    match a.cmd {
        Step::Plan(a) => plan(a),
        Step::Run(a) => run_tasks(a),
        Step::Status(a) => status(a),
        Step::Merge(a) => merge(a),
    }
}

fn plan(a: PlanArgs) -> i32 {
    let grid = match sweep::read_grid(&a.grid) {
        Ok(g) => g,
        Err(e) => return input_failed(&e),
    };
    // Every variant is read here, so that a wrong key or file stops the plan, not a
    // thousand tasks on the cluster.
    match compare::load_all(&grid.variants, &grid.common) {
        Ok(insts) => {
            // Said here, once per file, as `compare` says them; each task's log says its own.
            if let Err(e) = say_warnings(&insts, false) {
                return input_failed(&e);
            }
        }
        Err(errors) => {
            for (label, e) in errors {
                eprintln!("{}\n{e}", t!("tools.compare.variant", label = label));
            }
            return EXIT_INPUT;
        }
    }
    let dir = match std::fs::create_dir_all(&a.out).and_then(|()| a.out.canonicalize()) {
        Ok(d) => d,
        Err(e) => return write_failed(&a.out, &t!("tools.what.sweep"), e),
    };
    let program = a.program.unwrap_or_else(|| {
        std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| "rotation".into())
    });
    let launch = Launch {
        program,
        parallel: a.parallel,
        cpus: a.cpus,
        image: a.image,
        claim: a.claim,
    };
    match sweep::plan(&grid, &a.grid, &dir, &launch) {
        Ok(p) => {
            let (n, files) = (p.tasks.tasks.len(), p.copied);
            let d = dir.display();
            outln!(
                "{}",
                t!("tools.sweep.planned", n = n, files = files, dir = d)
            );
            EXIT_OK
        }
        Err(PlanError::Input(e)) => input_failed(&e),
        Err(e @ PlanError::Write(..)) => write_failed(&dir, &t!("tools.what.sweep"), e),
    }
}

fn run_tasks(a: RunArgs) -> i32 {
    let tasks = match sweep::read_tasks(&a.dir) {
        Ok(t) => t,
        Err(e) => return input_failed(&e),
    };
    let one = |index: usize| -> i32 {
        let label = tasks
            .tasks
            .get(index)
            .map(|t| t.label.as_str())
            .unwrap_or("");
        match sweep::run(&a.dir, &tasks, index, a.threads) {
            Ok(Ran::Solved(status, s)) => {
                let (status, s) = (status_word(&status), format!("{s:.1}"));
                outln!(
                    "{}",
                    t!(
                        "tools.sweep.solved",
                        index = index,
                        label = label,
                        status = status,
                        s = s
                    )
                );
                EXIT_OK
            }
            Ok(Ran::Skipped) => {
                outln!(
                    "{}",
                    t!("tools.sweep.skipped", index = index, label = label)
                );
                EXIT_OK
            }
            Ok(Ran::Interrupted) => {
                outln!(
                    "{}",
                    t!("tools.sweep.interrupted", index = index, label = label)
                );
                EXIT_NO_PLAN
            }
            Ok(Ran::Busy) => {
                outln!("{}", t!("tools.sweep.busy", index = index, label = label));
                EXIT_INFEASIBLE
            }
            Ok(Ran::Failed(e)) | Err(e) => input_failed(&e),
        }
    };
    let Some(index) = a.index else {
        let jobs = if a.jobs == 0 {
            rayon::current_num_threads()
        } else {
            a.jobs
        };
        let codes: Vec<i32> = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.install(|| (0..tasks.tasks.len()).into_par_iter().map(one).collect()),
            Err(_) => (0..tasks.tasks.len()).map(one).collect(),
        };
        return codes.into_iter().max().unwrap_or(EXIT_OK);
    };
    one(index)
}

fn status(a: StatusArgs) -> i32 {
    let tasks = match sweep::read_tasks(&a.dir) {
        Ok(t) => t,
        Err(e) => return input_failed(&e),
    };
    let collected = sweep::collect(&a.dir, &tasks);
    say_states(&collected.states);
    EXIT_OK
}

/// Counts the tasks of each state, and names those not done.
fn say_states(states: &[(usize, String, State)]) {
    let count = |s: State| states.iter().filter(|t| t.2 == s).count();
    let (done, failed, running, missing) = (
        count(State::Done),
        count(State::Failed),
        count(State::Running),
        count(State::Missing),
    );
    let n = states.len();
    outln!(
        "{}",
        t!(
            "tools.sweep.states",
            n = n,
            done = done,
            failed = failed,
            running = running,
            missing = missing
        )
    );
    for (index, label, s) in states.iter().filter(|t| t.2 != State::Done) {
        let state = t!(format!("tools.sweep.state.{}", s.as_str()));
        outln!("  {index:>4}  {state}  {label}");
    }
}

fn merge(a: MergeArgs) -> i32 {
    let tasks = match sweep::read_tasks(&a.dir) {
        Ok(t) => t,
        Err(e) => return input_failed(&e),
    };
    let collected = sweep::collect(&a.dir, &tasks);
    let results: Vec<VariantResult> = collected.done.iter().map(|d| d.result.clone()).collect();
    let dir = a.out.clone().unwrap_or_else(|| a.dir.clone());
    let _lock = match OutputLock::take(&dir, MERGE_OUTPUTS) {
        Ok(l) => l,
        Err(e) => return write_failed(&dir, &t!("tools.what.comparison"), e),
    };
    let compared = present(&results, a.diff_rows, Some(&dir));
    let folders: Vec<String> = collected
        .done
        .iter()
        .map(|d| format!("results/{}", d.task.index))
        .collect();
    if let Err(e) = write_comparison(&dir, &results, &folders, &compared, a.report) {
        return write_failed(&dir, &t!("tools.what.comparison"), e);
    }
    said_written(&dir, a.report, "tools.sweep.merged");
    let incomplete = collected.states.iter().any(|t| t.2 != State::Done);
    if incomplete {
        say_states(&collected.states);
        return EXIT_INFEASIBLE;
    }
    exit_code(&results)
}

/// The files `merge` writes at the top of its folder (as `compare`).
const MERGE_OUTPUTS: &[&str] = &[
    "comparison.csv",
    "comparison.json",
    "diff.csv",
    crate::report::REPORT_FILE,
];
