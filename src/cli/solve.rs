//! `rotation solve`: one run, its files, its summary on the terminal.

use rust_i18n::t;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::args::{load, notice_sets, reading_info, solver_sets, with_baseline, PolicyArgs};
use super::output::{
    input_failed, out, outln, progress, write_failed, EXIT_INFEASIBLE, EXIT_NO_PLAN, EXIT_OK,
    EXIT_WRITE,
};
use crate::instance::Instance;
use crate::report;
use crate::run::{self, Outcome, RunOptions};
use crate::solve::{Status, Tick};
use crate::summary::{BrokenRule, Provenance, Summary};

/// `solve` arguments.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    scenario: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Folder for roster.csv and summary.json.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Relax every hard rule at weights.slack per unit and report what breaks.
    #[arg(long)]
    elastic: bool,
    /// Seconds HiGHS may run (same as --set solver.time_limit_s=S).
    #[arg(long, value_name = "S")]
    time_limit: Option<f64>,
    /// HiGHS threads (same as --set solver.threads=N; 0 lets HiGHS choose).
    #[arg(long, value_name = "N")]
    threads: Option<u32>,
    /// A plan already published (roster.csv format): re-plan with the fewest changes
    /// (each start added or dropped costs weights.change) and list them.
    #[arg(long, value_name = "ROSTER.csv")]
    baseline: Option<PathBuf>,
    /// Working days the list of the plan year's starts is posted (公示期; same as
    /// --set notice.days=N).
    #[arg(long, value_name = "N")]
    notice_days: Option<u32>,
    /// Also write report.html: the plan's map of flows, a chart per school and the plan
    /// table in one page to show (offline, prints on A4).
    #[arg(long)]
    report: bool,
}

pub(crate) fn run(a: Args) -> i32 {
    // The time limit holds for the whole run: reading, solving, any elastic re-solve.
    let started = std::time::Instant::now();
    let mut sets = solver_sets(a.time_limit, a.threads);
    sets.extend(notice_sets(a.notice_days));
    let loaded = load(&a.scenario, &a.policy, sets);
    let inst = match loaded.and_then(|i| with_baseline(i, a.baseline.as_deref())) {
        Ok(i) => i,
        Err(e) => return input_failed(&e),
    };
    eprint!("{}", reading_info(&inst));
    // Held to the end: a second run into the same folder is refused instead of mixing.
    let _lock = match crate::write::OutputLock::take(&a.out, report::SOLVE_OUTPUTS) {
        Ok(lock) => lock,
        Err(e) => return write_failed(&a.out, &t!("tools.what.outputs"), e),
    };
    // `solver.threads` caps the cores: independent blocks share a pool of that size.
    let pool = match inst.policy.solver.threads {
        0 => None,
        n => rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build()
            .ok(),
    };
    let mut outcome = in_pool(&pool, || solve_with_bar(&inst, a.elastic, started));
    if outcome.status() == Status::Infeasible {
        // Said before the elastic re-solve, which can take as long as the solve.
        let policy = &inst.policy.name;
        outln!(
            "{}",
            t!("solve.infeasible", scenario = inst.name, policy = policy)
        );
        outln!("{}", t!("solve.elastic_resolve"));
        let by = crate::solve::deadline(started, inst.policy.solver.time_limit_s);
        outcome.diagnosis = Some(in_pool(&pool, || run::diagnose_by(&inst, by)));
    }
    let mut summary = Summary::new(&inst, &outcome);
    let (policy, baseline) = (a.policy.policy.as_deref(), a.baseline.as_deref());
    summary.provenance = Some(Provenance::of(&a.scenario, policy, baseline));
    match outcome.status() {
        Status::Optimal | Status::Feasible => {
            plan_written(&inst, &outcome, &summary, &a.out, a.report)
        }
        Status::Infeasible => infeasible(&inst, &outcome, &summary, &a.out, a.report),
        Status::NoPlanInTime | Status::Error => no_plan(&inst, &outcome, &summary, &a.out),
    }
}

/// Runs `f` on the pool of `solver.threads` workers, if there is one.
fn in_pool<R: Send>(pool: &Option<rayon::ThreadPool>, f: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// Runs with a progress line on a terminal: elapsed time, blocks solved, and the best plan,
/// bound and gap so far, updated as they change (silent when stderr is not a terminal).
fn solve_with_bar(inst: &Instance, elastic: bool, started: std::time::Instant) -> Outcome {
    let key = if elastic {
        "solve.solving_elastic"
    } else {
        "solve.solving"
    };
    progress(&t!(key, scenario = inst.name, policy = inst.policy.name));
    let line = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
            b.set_style(style);
        }
        b.enable_steady_tick(std::time::Duration::from_millis(250));
        b
    });
    let tick = |t: &Tick| {
        if let Some(b) = &line {
            b.set_message(tick_text(t));
        }
    };
    let opts = RunOptions {
        elastic,
        progress: Some(&tick),
        // The caller diagnoses, so that it can say so first.
        diagnose: false,
        started: Some(started),
        ..Default::default()
    };
    let outcome = run::run(inst, &opts);
    if let Some(b) = line {
        b.finish_and_clear();
    }
    outcome
}

/// One progress line: blocks solved, then the best plan, bound and gap once known.
fn tick_text(t: &Tick) -> String {
    let mut text = t!("solve.progress_blocks", done = t.done, blocks = t.blocks).into_owned();
    if let Some(best) = t.best {
        text += &t!("solve.progress_best", best = format!("{best:.1}"));
    }
    if let (Some(bound), Some(gap)) = (t.bound, t.gap()) {
        let gap = format!("{:.2}", gap * 100.0);
        text += &t!(
            "solve.progress_bound",
            bound = format!("{bound:.1}"),
            gap = gap
        );
    }
    text
}

fn plan_written(inst: &Instance, o: &Outcome, summary: &Summary, out: &Path, page: bool) -> i32 {
    // MODEL.md: an elastic plan that breaks a rule is no valid plan, and says so first.
    let broken = summary.elastic && !summary.violations.is_empty();
    if broken {
        outln!("{}", t!("solve.not_valid", n = summary.violations.len()));
    }
    if summary.interrupted {
        outln!("{}", t!("solve.interrupted"));
    }
    // The plan is shown before it is written, so that a folder that cannot be written
    // still leaves the status and the plan's figures on the screen.
    out!("{}", report::render(summary));
    let plan = &o.solved.plan;
    let files = report::plan_data(inst, plan, summary).and_then(|mut files| {
        if page {
            files.push((report::REPORT_FILE, html_of(inst, plan, summary)));
        }
        report::seal(files, summary)
    });
    let Ok(files) = files else {
        return write_failed(out, &t!("tools.what.outputs"), t!("tools.unformattable"));
    };
    // Without --report an older report.html goes: it would show another run's plan.
    let stale: &[&str] = if page { &[] } else { &[report::REPORT_FILE] };
    if let Err(e) = crate::write::write_unit(out, &files, stale) {
        return write_failed(out, &t!("tools.what.outputs"), e);
    }
    let written: Vec<String> = files
        .iter()
        .map(|(name, _)| out.join(name).display().to_string())
        .collect();
    let written = written.join(", ");
    outln!("\n{}", t!("solve.written", files = written));
    if broken {
        EXIT_INFEASIBLE
    } else {
        EXIT_OK
    }
}

fn infeasible(inst: &Instance, o: &Outcome, summary: &Summary, out: &Path, page: bool) -> i32 {
    // The old plan goes before the diagnosis is shown: nobody reads it as this run's.
    let html = page.then(|| html_of(inst, &crate::instance::plan::Plan::default(), summary));
    let written = write_summary_only(out, summary, html);
    match o.diagnosis.as_ref().and_then(|d| d.report.as_ref()) {
        Some(_) => {
            let slack = inst.policy.weights.slack;
            outln!("\n{}", t!("solve.relaxation", slack = slack));
            out!("{}", report::render_violations(&summary.violations));
        }
        None => {
            let why = o.diagnosis.as_ref().and_then(|d| d.relaxed.message.clone());
            let why = why.unwrap_or_default();
            outln!("{}", t!("solve.elastic_failed", why = why))
        }
    }
    if !written {
        return EXIT_WRITE;
    }
    let file = out.join("summary.json").display().to_string();
    outln!("\n{}", t!("solve.written_infeasible", file = file));
    if page {
        let file = out.join(report::REPORT_FILE).display().to_string();
        outln!("{}", t!("tools.report.page_written", file = file));
    }
    EXIT_INFEASIBLE
}

fn no_plan(inst: &Instance, o: &Outcome, summary: &Summary, out: &Path) -> i32 {
    let why = o.solved.message.clone().unwrap_or_default();
    eprintln!("{}", t!("solve.no_plan", why = why));
    if let Some(r) = o.audit.as_ref().filter(|r| !r.ok) {
        let broken = BrokenRule::all(inst, &r.violations, &o.causes);
        eprint!("{}", report::render_violations(&broken));
    }
    if !write_summary_only(out, summary, None) {
        return EXIT_WRITE;
    }
    let file = out.join("summary.json").display().to_string();
    eprintln!("{}", t!("solve.written_error", file = file));
    EXIT_NO_PLAN
}

/// Writes `summary.json` (and, for an infeasible run with `--report`, the page of its
/// diagnosis) for a run without a plan. The diagnosis is kept, and an older `roster.csv`
/// in the folder is removed: it would wrongly look like this run's plan. A folder that
/// cannot be written is said (E1050).
fn write_summary_only(out: &Path, summary: &Summary, page: Option<Vec<u8>>) -> bool {
    let mut stale = report::PLAN_OUTPUTS.to_vec();
    let files = match page {
        Some(page) => vec![(report::REPORT_FILE, page)],
        None => {
            stale.push(report::REPORT_FILE);
            Vec::new()
        }
    };
    let written = report::seal(files, summary)
        .and_then(|files| crate::write::write_unit(out, &files, &stale));
    match written {
        Ok(_) => true,
        Err(e) => {
            write_failed(out, "summary.json", e);
            false
        }
    }
}

/// `report.html` of a run.
fn html_of(inst: &Instance, plan: &crate::instance::plan::Plan, summary: &Summary) -> Vec<u8> {
    report::html::plan_report(inst, plan, summary, report::html::Origin::Solve).into_bytes()
}
